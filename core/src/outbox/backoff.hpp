#pragma once
// How long a message waits after a failed attempt.

#include <chrono>
#include <random>

#include "moshtari/outbox_settings.hpp"

namespace moshtari {

// base * 2^(attempt-1), capped, of which a random half is waited ("equal jitter"), so messages
// that failed together do not all come back at the same second. At least one second.
std::chrono::seconds retry_delay(const OutboxSettings& settings, int attempt,
                                 std::mt19937_64& random);

}  // namespace moshtari
