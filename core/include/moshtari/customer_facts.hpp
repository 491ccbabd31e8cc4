#pragma once
// Each customer's order facts (first and last order, number, spend), kept up to date as orders
// arrive and brought up to date set-based after a bulk import, so that a segmentation of a million
// customers reads a million rows rather than every order.

#include <cstddef>

#include "moshtari/customer_features.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

class MOSHTARI_API CustomerFacts {
  public:
    virtual ~CustomerFacts() = default;

    // Counts the orders written in bulk since the last call in one pass and one transaction (or
    // the caller's). Returns how many orders it counted.
    virtual std::size_t catch_up() = 0;
    // Catches up first. Reads the facts when as_of is after every order they count, and counts the
    // orders up to as_of otherwise.
    virtual CustomerFeatures read(const FeatureRequest& request) = 0;
};

}  // namespace moshtari
