#include "delivery_summary.hpp"

#include <fmt/format.h>

namespace moshtari::cli {

std::string delivery_summary(const DeliveryReport& report) {
    return fmt::format(
        "messages: {} sent, {} to retry, {} dead, {} skipped, {} waiting out quiet hours",
        report.sent, report.retrying, report.dead, report.skipped, report.deferred);
}

}  // namespace moshtari::cli
