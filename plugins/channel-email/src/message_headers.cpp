#include "message_headers.hpp"

#include <fmt/format.h>

#include <array>

#include "encoded_words.hpp"

namespace moshtari::email {

std::string rfc5322_date(Timestamp at) {
    // Spelled out rather than strftime'd: the names must be English whatever the process locale.
    static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss time{at - day};
    const std::chrono::weekday weekday{day};
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[weekday.c_encoding()],
                       static_cast<unsigned>(date.day()),
                       kMonths[static_cast<unsigned>(date.month()) - 1],
                       static_cast<int>(date.year()), time.hours().count(), time.minutes().count(),
                       time.seconds().count());
}

std::vector<std::string> message_headers(const OutboundMessage& message,
                                         const EmailContent& content, const Sender& from,
                                         Timestamp at) {
    std::vector<std::string> headers = {
        "From: " + format_mailbox(from.name, from.address),
        "To: " + format_mailbox(content.to_name, message.address),
        "Subject: " + encode_unstructured(content.subject),
        "Date: " + rfc5322_date(at),
    };
    if (!message.message_id.empty()) headers.push_back("Message-ID: " + message.message_id);
    if (message.purpose == MessagePurpose::marketing) {
        for (const auto& [name, value] : content.headers) headers.push_back(name + ": " + value);
    } else {
        headers.emplace_back("Auto-Submitted: auto-generated");
        headers.emplace_back("X-Moshtari-Purpose: transactional");
    }
    return headers;
}

}  // namespace moshtari::email
