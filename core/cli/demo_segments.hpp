#pragma once
// The demo's segments and customer value: segment-rfm's named segments, segment-kmeans' clusters
// with their centres in euros and days, segment-mixture's latent classes with one customer's
// probabilities, and value-clv's customers most worth keeping, each run and stored through the
// core's segmentation (`moshtari segment run`).

#include <string>

#include "moshtari/time.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

inline constexpr const char* kRfmPlugin = "segment-rfm";
inline constexpr const char* kKmeansPlugin = "segment-kmeans";
inline constexpr const char* kValuePlugin = "value-clv";

// segment-kmeans' and value-clv's sections of the demo's moshtari.yaml (segment-rfm needs none).
std::string demo_kmeans_section();
std::string demo_value_section();

// Runs the methods as of `as_of` and returns what the demo prints about them.
std::string segments_story(Workspace& workspace, Timestamp as_of);

}  // namespace moshtari::cli
