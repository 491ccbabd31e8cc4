#pragma once
// The header fields of one outgoing email, encoded and ready for SMTP.

#include <string>
#include <vector>

#include "email_content.hpp"
#include "moshtari/channel.hpp"
#include "moshtari/time.hpp"
#include "settings.hpp"

namespace moshtari::email {

// RFC 5322's date-time in UTC: "Tue, 24 Nov 2026 09:30:00 +0000".
std::string rfc5322_date(Timestamp at);

// From, To, Subject, Date, Message-ID, then by purpose: marketing mail carries the rendered
// List-Unsubscribe fields, transactional mail is marked Auto-Submitted and X-Moshtari-Purpose.
std::vector<std::string> message_headers(const OutboundMessage& message,
                                         const EmailContent& content, const Sender& from,
                                         Timestamp at);

}  // namespace moshtari::email
