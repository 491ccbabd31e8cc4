#pragma once
// How a plugin that keeps personal data in its own tables takes part in the core's privacy and
// merge operations. The core calls these inside its own transaction: a callback that throws rolls
// the whole operation back, so a customer is never half merged or half erased.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "moshtari/customer.hpp"

namespace moshtari {

struct PersonalDataHandler {
    // Unique among the running plugins; keys the plugin's part of an export ("segment-lifecycle").
    std::string name;
    // Everything the plugin holds about the customer, for a right-of-access export.
    std::function<nlohmann::json(CustomerId customer)> export_data;
    // Removes (or anonymises) everything the plugin holds about the customer, including any
    // personal data in the plugin's own event payloads.
    std::function<void(CustomerId customer)> erase;
    // Re-points the plugin's rows from `merged` to `survivor`, which keeps its own values where
    // both have one. Runs before the core deletes `merged`.
    std::function<void(CustomerId survivor, CustomerId merged)> merge;
};

}  // namespace moshtari
