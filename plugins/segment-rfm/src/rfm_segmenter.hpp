#pragma once
// The `rfm` segmenter: scores every customer with orders on recency, frequency and monetary value
// by quantile, and names their segment from the cell (r, f, m) through the segment map.

#include <cstdint>
#include <vector>

#include "moshtari/customer_features.hpp"
#include "moshtari/segmenter.hpp"
#include "rfm_settings.hpp"

namespace moshtari::rfm {

// The segmentation of customers already read; the segmenter's whole method, without the store.
// `cells` is cell_table(settings.segments, settings.bins).
Segmentation segment_customers(const CustomerFeatures& features, const Settings& settings,
                               const std::vector<std::uint32_t>& cells);

class RfmSegmenter final : public Segmenter {
  public:
    explicit RfmSegmenter(Settings settings);
    std::string name() const override { return "rfm"; }
    Segmentation segment(Workspace& workspace, Timestamp as_of) override;

  private:
    Settings settings_;
    std::vector<std::uint32_t> cells_;
};

}  // namespace moshtari::rfm
