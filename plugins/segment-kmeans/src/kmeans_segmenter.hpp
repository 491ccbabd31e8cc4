#pragma once
// The `kmeans` segmenter: k-means++ and Lloyd's iterations on the chosen features of every customer
// with an order, k fixed or chosen by the silhouette on a sample.

#include "kmeans_settings.hpp"
#include "moshtari/segmenter.hpp"

namespace moshtari::kmeans {

class KMeansSegmenter final : public Segmenter {
  public:
    explicit KMeansSegmenter(KMeansSettings settings) : settings_(std::move(settings)) {}
    std::string name() const override { return "kmeans"; }
    Segmentation segment(Workspace& workspace, Timestamp as_of) override;

  private:
    KMeansSettings settings_;
};

}  // namespace moshtari::kmeans
