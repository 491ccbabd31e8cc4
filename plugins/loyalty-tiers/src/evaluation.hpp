#pragma once
// Evaluating customers' tiers and recording what changed: the standings, the history and one
// TierChanged event per change, in one transaction (the dispatcher's, inside the worker).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"
#include "programme.hpp"
#include "qualification.hpp"

namespace moshtari {
class Database;
class Workspace;
}  // namespace moshtari

namespace moshtari::tiers {

enum class Change { promoted, demoted, grace_started };

const char* to_string(Change change);

struct Outcome {
    CustomerId customer = 0;
    std::string from{};
    std::string to{};  // the tier kept, for grace_started
    Change change = Change::promoted;
    std::int64_t qualifying = 0;
    std::optional<Timestamp> grace_ends{};
};

struct Evaluation {
    std::size_t evaluated = 0;
    // Customers whose standing was evaluated as of a later time already: left as they are, so an
    // evaluation as of the past never undoes a later one.
    std::size_t skipped = 0;
    std::vector<Outcome> outcomes;  // promotions, demotions and grace periods begun
};

// Evaluates the customers of `scope` as of `as_of`; `reason` goes into the history and the
// events ("order:42", "daily:2026-11-24", ...). With `dry_run`, writes nothing and returns what
// would change. Evaluating again as of the same time changes nothing.
Evaluation evaluate(Workspace& workspace, const Programme& programme, Timestamp as_of,
                    const Scope& scope, std::string_view reason, bool dry_run = false);

// When to evaluate a customer for an event about them recorded at `event_at`: then, or at their
// last evaluation in the programme when that is later, so that a backdated order counts at once
// instead of at the next daily tick. The same event twice gives the same time.
Timestamp evaluation_time(Database& db, const Programme& programme, CustomerId customer,
                          Timestamp event_at);

}  // namespace moshtari::tiers
