#pragma once
// The demo's loyalty programme: the story's orders earn points through loyalty-points' durable
// subscriber as the story is recorded; at the end, points older than a year lapse (first in,
// first out) and the largest balances are shown, all through the plugin's own commands.

#include <string>

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

inline constexpr const char* kLoyaltyPlugin = "loyalty-points";

// loyalty-points' section of the demo's moshtari.yaml.
std::string demo_loyalty_section();

// Expires lapsed points and returns what the demo prints about the programme.
std::string loyalty_story(Workspace& workspace);

}  // namespace moshtari::cli
