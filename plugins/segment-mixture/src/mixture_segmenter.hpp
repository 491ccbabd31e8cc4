#pragma once
// The `mixture` segmenter: latent classes of the customers with an order, from a Gaussian mixture
// fitted by EM, the number of classes chosen by BIC; each customer in their most probable class.

#include "mixture_settings.hpp"
#include "moshtari/segmenter.hpp"

namespace moshtari::mixture {

class MixtureSegmenter final : public Segmenter {
  public:
    explicit MixtureSegmenter(MixtureSettings settings) : settings_(std::move(settings)) {}
    std::string name() const override { return "mixture"; }
    Segmentation segment(Workspace& workspace, Timestamp as_of) override;

  private:
    MixtureSettings settings_;
};

}  // namespace moshtari::mixture
