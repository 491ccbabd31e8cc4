#pragma once
// The `loyalty-coupons:` section: how long generated codes are, and the campaigns.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "campaign.hpp"
#include "moshtari/config_section.hpp"

namespace moshtari::coupons {

struct Settings {
    std::size_t code_length = 12;  // characters of a generated code, without the dashes
    std::vector<Campaign> campaigns;

    // The campaign named `id`, or nullptr.
    const Campaign* find(std::string_view id) const;
    // The campaign named `id`; UserError naming the configured ones otherwise.
    const Campaign& campaign(std::string_view id) const;
    // The campaign whose shared code is `canonical`, or nullptr.
    const Campaign* by_shared_code(std::string_view canonical) const;
    // A code as people read it: a shared code as configured (upper case, without dashes), a
    // generated one in groups (ABCD-EFGH-JKMN).
    std::string shown(std::string_view canonical) const;
};

// Reads and checks the section; every problem is a ConfigError at its file:line:column.
Settings read_settings(const ConfigSection& section);

}  // namespace moshtari::coupons
