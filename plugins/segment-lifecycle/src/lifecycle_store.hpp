#pragma once
// The plugin's own tables: each customer's current phase with the time it began, and every change.

#include <string>
#include <utility>
#include <vector>

#include "lifecycle_rules.hpp"
#include "moshtari/customer.hpp"
#include "moshtari/migration.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::lifecycle {

std::vector<Migration> migrations();

struct Member {
    CustomerId id = 0;
    std::string name;
    Timestamp since{};
};

class LifecycleStore {
  public:
    explicit LifecycleStore(Workspace& workspace) : workspace_(workspace) {}

    // Recomputes one customer's phase; records a change (and SegmentChanged) only when it differs.
    void refresh(CustomerId id, Timestamp as_of, const Thresholds& thresholds);
    // Recomputes every customer in one pass over the orders; returns how many changed phase.
    std::size_t refresh_all(Timestamp as_of, const Thresholds& thresholds);

    // Customers per phase, in lifecycle order, zeros included.
    std::vector<std::pair<std::string, std::int64_t>> counts() const;
    std::vector<Member> members(std::string_view phase, std::size_t limit) const;

  private:
    void apply(CustomerId id, const std::string& current, const std::string& phase,
               Timestamp as_of);

    Workspace& workspace_;
};

}  // namespace moshtari::lifecycle
