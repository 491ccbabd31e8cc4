#pragma once
// The plugin's own tables: each customer's current phase with the time it began, and every change.

#include <nlohmann/json.hpp>
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

// Which customers a recompute covers: one, an id range (a batch of imported customers), the
// customers of an id range of orders (a batch of imported orders), or everyone.
struct Scope {
    enum Kind { one_customer, customers_in_range, customers_of_orders_in_range, everyone } kind;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

struct Member {
    CustomerId id = 0;
    std::string name;
    Timestamp since{};
};

class LifecycleStore {
  public:
    explicit LifecycleStore(Workspace& workspace) : workspace_(workspace) {}

    // Recomputes one customer's phase after an event of theirs; records a change (and
    // SegmentChanged) only when it differs. Judged as of the event's time, or of the last daily
    // tick when that is later: an order entered today with last year's date must not move the
    // customer back to last year.
    void refresh(CustomerId id, Timestamp event_time, const Thresholds& thresholds);
    // Recomputes the customers of an imported batch, judged like refresh(): one set-based pass.
    std::size_t refresh_batch(Scope scope, Timestamp event_time, const Thresholds& thresholds);
    // Recomputes every customer as of a daily tick in one pass; returns how many changed phase.
    std::size_t refresh_all(Timestamp as_of, const Thresholds& thresholds);

    // Customers per phase, in lifecycle order, zeros included.
    std::vector<std::pair<std::string, std::int64_t>> counts() const;
    std::vector<Member> members(std::string_view phase, std::size_t limit) const;

    // The customer's phase and every change of it, for a personal data export.
    nlohmann::json personal_data(CustomerId id) const;
    // Forgets the customer's phase and its history.
    void erase(CustomerId id);
    // Keeps the survivor's phase and drops the merged customer's; the merge's event recomputes it.
    void merge(CustomerId survivor, CustomerId merged);

  private:
    Timestamp judged_at(Timestamp event_time) const;
    std::size_t recompute(Scope scope, Timestamp as_of, const Thresholds& thresholds);
    void apply(CustomerId id, const std::string& current, const std::string& phase,
               Timestamp as_of);

    Workspace& workspace_;
};

}  // namespace moshtari::lifecycle
