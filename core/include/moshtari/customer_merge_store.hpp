#pragma once
// Duplicate customers: finding likely ones, merging one into another in one transaction (with a
// CustomersMerged event), and explaining a merge afterwards.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

struct CustomerMerge {
    CustomerId survivor_id = 0;
    CustomerId merged_id = 0;  // no longer exists
    Timestamp at{};
    std::string by{};
    // {"moved": {what: count or list}, "conflicts": [{"field", "kept", "dropped"}], "plugins":
    // [..]}
    nlohmann::json details{};
};

struct DuplicatePair {
    CustomerId a = 0;  // the older one, the suggested survivor: `customers merge A B`
    CustomerId b = 0;
    double score = 0;                  // 0 to 1; several matching rules add up
    std::vector<std::string> reasons;  // "same email", "same phone", "similar name in Shiraz"
};

class MOSHTARI_API CustomerMergeStore {
  public:
    virtual ~CustomerMergeStore() = default;

    // Merges `merged` into `survivor`: interactions, orders, deals, tasks and plugin rows move;
    // contacts, tags, attributes, consents and memberships are united, the survivor's values
    // winning conflicts (listed in the record). Refuses a customer into itself and customers of
    // different kinds.
    virtual CustomerMerge merge(CustomerId survivor, CustomerId merged, std::string_view by) = 0;
    // Merges into the customer, oldest first, including merges into customers it later absorbed.
    virtual std::vector<CustomerMerge> merges_into(CustomerId survivor) const = 0;
    // Likely duplicates, best first: a shared email or phone once addresses and numbers are
    // reduced to what identifies them, or a very similar name with the same `city` attribute.
    virtual std::vector<DuplicatePair> duplicates(std::size_t limit) const = 0;
};

}  // namespace moshtari
