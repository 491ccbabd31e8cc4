#include "moshtari/interaction.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari {

const char* to_string(Direction direction) {
    switch (direction) {
        case Direction::inbound:
            return "inbound";
        case Direction::outbound:
            return "outbound";
        case Direction::internal:
            return "internal";
    }
    return "inbound";
}

Direction parse_direction(std::string_view text) {
    if (text == "inbound" || text == "in") return Direction::inbound;
    if (text == "outbound" || text == "out") return Direction::outbound;
    if (text == "internal") return Direction::internal;
    throw UserError(
        fmt::format("direction '{}' is not known; use inbound, outbound or internal", text));
}

}  // namespace moshtari
