#pragma once
// One SMTP connection through libcurl, reused for every message of a batch: libcurl keeps the
// connection open between transfers on the same easy handle and sends QUIT when it is closed.

#include <string>
#include <vector>

#include "moshtari/channel.hpp"
#include "settings.hpp"

namespace moshtari::email {

struct MailEnvelope {
    std::string from;                  // the bounce address: MAIL FROM
    std::string to;                    // RCPT TO
    std::vector<std::string> headers;  // "Name: value" lines, already encoded
    std::string text;                  // the text/plain part, UTF-8
    std::string html;                  // the text/html part, UTF-8
};

class SmtpSession {
  public:
    // Throws UserError when the password cannot be resolved or libcurl cannot start.
    explicit SmtpSession(const SmtpSettings& settings);
    ~SmtpSession();
    SmtpSession(const SmtpSession&) = delete;
    SmtpSession& operator=(const SmtpSession&) = delete;

    // Sends one message as multipart/alternative (text, then HTML, both quoted-printable): sent on
    // the server's final 250, retryable for connection trouble, timeouts and 4xx replies, rejected
    // for a 5xx reply about this message.
    DeliveryResult send(const MailEnvelope& mail);

  private:
    void* curl_;  // CURL*, kept out of this header
    std::string password_;
};

}  // namespace moshtari::email
