#pragma once
// A winner's message, queued through the core's outbox in the run's transaction. Its content fits
// both bundled channels: `email` reads subject, text, html and to_name, `sms` reads text.

#include <cstdint>
#include <string>

#include "draw_store.hpp"
#include "moshtari/customer.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::draws {

// "loyalty-draws/<draw id>/<customer id>": queued once, however often the run is repeated.
std::string notification_key(std::int64_t draw, CustomerId customer);

// Transactional: the winner entered and is owed the news, so it needs no marketing consent.
MessageId notify_winner(Workspace& workspace, const Notification& notification, const Draw& draw,
                        const Customer& winner, const RecordedPick& pick);

}  // namespace moshtari::draws
