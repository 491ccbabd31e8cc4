#pragma once
// The value tiers as the segmentation method `value` (`moshtari segment run value`): each run fits
// the models with the orders up to and including the UTC day of its as-of time and puts every
// valued customer in their tier. It writes nothing itself; the core stores the run.

#include "fit.hpp"
#include "moshtari/segmenter.hpp"
#include "settings.hpp"

namespace moshtari::value {

// The fit's tiers as a segmentation: customers by ascending id, each scored by their CLV in
// currency units, with their value as the detail.
Segmentation tier_segmentation(const Fit& fit);

class ValueSegmenter final : public Segmenter {
  public:
    explicit ValueSegmenter(Settings settings) : settings_(std::move(settings)) {}
    std::string name() const override { return "value"; }
    Segmentation segment(Workspace& workspace, Timestamp as_of) override;

  private:
    Settings settings_;
};

}  // namespace moshtari::value
