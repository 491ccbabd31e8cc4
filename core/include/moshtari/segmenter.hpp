#pragma once
// A segmentation method (extension kind `segmenter`): puts customers into named segments as of a
// date. Plugins register one through PluginContext::add_segmenter; the core runs it and stores the
// result with the run (SegmentStore).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

class Workspace;

struct SegmentDefinition {
    std::string name;
    nlohmann::json description;  // the rule or the centroid in the original units, for people
};

// One run's result. The per-customer vectors are parallel to `customers` (ascending ids);
// `scores` and `details` may be empty.
struct Segmentation {
    nlohmann::json parameters;                // as used, the seed included: stored with the run
    std::vector<SegmentDefinition> segments;  // in the order they are shown
    std::vector<CustomerId> customers;
    std::vector<std::uint32_t> segment_of;  // index into `segments`
    std::vector<double> scores;  // what the method ranks by: an RFM cell, a probability, a value
    std::vector<std::string> details;  // JSON text: scores, membership probabilities
};

class Segmenter {
  public:
    virtual ~Segmenter() = default;
    // The method's name: `moshtari segment run NAME`, the facts view's segment_NAME column.
    virtual std::string name() const = 0;
    // Deterministic: the same data, configuration and seed give the same result.
    virtual Segmentation segment(Workspace& workspace, Timestamp as_of) = 0;
};

}  // namespace moshtari
