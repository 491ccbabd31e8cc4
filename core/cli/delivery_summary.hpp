#pragma once
// One line saying what a delivery run did, for `moshtari run` and `moshtari outbox run`.

#include <string>

#include "moshtari/delivery_report.hpp"

namespace moshtari::cli {

// "messages: 3 sent, 1 to retry, 0 dead, 1 skipped, 0 waiting out quiet hours"
std::string delivery_summary(const DeliveryReport& report);

}  // namespace moshtari::cli
