#pragma once
// The demo's messages: a win-back email to the customers the lifecycle plugin found at risk or
// lapsed, queued through channel-email's own `email send` and delivered by the outbox's worker to a
// local SMTP sink the demo starts, or left in the outbox when it cannot start one.

#include <filesystem>
#include <optional>
#include <string>

#include "local_mail_sink.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

inline constexpr const char* kEmailPlugin = "channel-email";

// channel-email's section of the demo's moshtari.yaml, with the templates it names written into
// `folder`: sending to the local sink on `sink_port`, or, without one, to smtp://localhost:25,
// where the demo itself never sends.
std::string demo_email_section(const std::filesystem::path& folder, std::optional<int> sink_port);

// Queues the win-back mail and, with a `sink`, runs the delivery worker; returns what the demo
// prints about it. `no_sink_reason` says why there is no sink.
std::string send_demo_messages(Workspace& workspace, const LocalMailSink* sink,
                               const std::string& no_sink_reason);

}  // namespace moshtari::cli
