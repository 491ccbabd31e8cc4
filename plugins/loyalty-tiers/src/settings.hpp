#pragma once
// The `loyalty-tiers:` section: one or more tier programmes.

#include <string_view>
#include <vector>

#include "moshtari/config_section.hpp"
#include "programme.hpp"

namespace moshtari::tiers {

struct Settings {
    std::vector<Programme> programmes;

    // The programme named `id`; UserError naming the configured ones otherwise.
    const Programme& programme(std::string_view id) const;
    // The programme named `id`, or every programme when `id` is empty.
    std::vector<const Programme*> select(std::string_view id) const;
};

// Reads and checks the section; every problem is a ConfigError at its file:line:column.
Settings read_settings(const ConfigSection& section);

}  // namespace moshtari::tiers
