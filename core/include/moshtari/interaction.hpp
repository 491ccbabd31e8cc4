#pragma once
// An interaction: one touch between the business and a customer, on any channel.

#include <cstdint>
#include <string>

#include "moshtari/customer.hpp"

namespace moshtari {

using InteractionId = std::int64_t;

enum class Direction { inbound, outbound, internal };

struct Interaction {
    InteractionId id = 0;
    CustomerId customer_id = 0;
    std::string channel{};  // "phone", "email", "in-person", "sms", "web", ...
    Direction direction = Direction::inbound;
    std::string kind{};  // "call", "email", "visit", "complaint", "note", ...
    Timestamp at{};
    std::string outcome{};  // "answered", "resolved", "no-answer", ...
    std::string text{};
    std::string external_id{};  // the id in the system it was imported from; unique when given

    friend bool operator==(const Interaction&, const Interaction&) = default;
};

MOSHTARI_API const char* to_string(Direction direction);
MOSHTARI_API Direction parse_direction(std::string_view text);

}  // namespace moshtari
