#pragma once
// Reads and checks the `outbox:` section.

#include <string>

#include "config/problem_collector.hpp"
#include "moshtari/config_section.hpp"
#include "moshtari/outbox_settings.hpp"

namespace moshtari {

// `workspace_time_zone` is the default when the section sets no time_zone of its own.
OutboxSettings read_outbox(const ConfigSection& root, const std::string& workspace_time_zone,
                           ProblemCollector& problems);

}  // namespace moshtari
