#pragma once
// What one delivery run did, by outcome.

#include <cstddef>

namespace moshtari {

struct DeliveryReport {
    std::size_t sent = 0;
    std::size_t retrying = 0;  // failed, will be tried again
    std::size_t dead = 0;      // rejected, or out of attempts
    std::size_t skipped = 0;   // no consent, suppressed address or no address
    std::size_t deferred = 0;  // due inside quiet hours, moved to their end

    std::size_t handed_over() const { return sent + retrying + dead; }
    std::size_t total() const { return handed_over() + skipped + deferred; }
    DeliveryReport& operator+=(const DeliveryReport& other) {
        sent += other.sent;
        retrying += other.retrying;
        dead += other.dead;
        skipped += other.skipped;
        deferred += other.deferred;
        return *this;
    }
};

}  // namespace moshtari
