#pragma once
// Segmentation results: every run with its method, parameters, as-of date and segment sizes, and
// each customer's current segment per method with the run that put them there.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/export.hpp"
#include "moshtari/segmenter.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

struct SegmentSize {
    std::string name;
    std::int64_t size = 0;
    nlohmann::json description;
};

struct SegmentRun {
    std::int64_t id = 0;
    std::string method;
    nlohmann::json parameters;
    Timestamp as_of{};
    Timestamp started_at{};
    Timestamp finished_at{};
    std::int64_t customers = 0;
    std::int64_t changed = 0;  // customers whose segment differs from before the run
    std::vector<SegmentSize> segments;
};

struct SegmentMember {
    CustomerId customer_id = 0;
    std::string method;
    std::string segment;
    std::string previous_segment;  // empty when the customer had none before
    std::optional<double> score;
    std::string detail;       // JSON text, or empty
    std::int64_t run_id = 0;  // the run that put the customer in this segment
    Timestamp since{};
};

class MOSHTARI_API SegmentStore {
  public:
    virtual ~SegmentStore() = default;

    // Stores a run in one transaction: customers whose segment changed are updated and named by
    // one SegmentsChanged event; customers the run left out lose their segment. Throws UserError
    // when the segmentation is inconsistent (vector lengths, unsorted ids, a segment index out of
    // range).
    virtual SegmentRun record(std::string_view method, const Segmentation& segmentation,
                              Timestamp as_of, Timestamp started_at) = 0;

    // Newest first.
    virtual std::vector<SegmentRun> runs(std::string_view method, std::size_t limit) const = 0;
    virtual std::optional<SegmentRun> run(std::int64_t id) const = 0;
    // Every method that has a stored run, by name.
    virtual std::vector<std::string> methods() const = 0;
    // Customers in the segment now, by ascending id.
    virtual std::vector<SegmentMember> members(std::string_view method, std::string_view segment,
                                               std::size_t limit) const = 0;
    // Customers whose segment the run changed, by ascending id.
    virtual std::vector<SegmentMember> changed_by(std::int64_t run_id) const = 0;
    // The customer's current segment under every method.
    virtual std::vector<SegmentMember> segments_of(CustomerId id) const = 0;
};

}  // namespace moshtari
