#include "outbox/backoff.hpp"

#include <algorithm>

namespace moshtari {

std::chrono::seconds retry_delay(const OutboxSettings& settings, int attempt,
                                 std::mt19937_64& random) {
    const int doublings = std::clamp(attempt - 1, 0, 40);
    const auto cap = settings.backoff_cap.count();
    // Shifting stops at the cap, so a high attempt number cannot overflow.
    std::int64_t delay = settings.backoff_base.count();
    for (int i = 0; i < doublings && delay < cap; ++i) delay *= 2;
    delay = std::min(delay, cap);
    const std::int64_t half = delay / 2;
    std::uniform_int_distribution<std::int64_t> jitter(0, delay - half);
    return std::chrono::seconds{std::max<std::int64_t>(1, half + jitter(random))};
}

}  // namespace moshtari
