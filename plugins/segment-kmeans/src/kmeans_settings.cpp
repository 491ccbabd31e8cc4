#include "kmeans_settings.hpp"

#include <fmt/format.h>

namespace moshtari::kmeans {

namespace {
constexpr int kLeastSample = 10;
}

KMeansSettings KMeansSettings::from_config(const ConfigSection& section) {
    auto keys = clustering::clustering_keys();
    keys.insert(keys.end(), {"k", "k_range", "silhouette_sample"});
    section.allow_only(keys);
    KMeansSettings s;
    s.clustering = clustering::read_clustering_settings(section, s.clustering, "cluster-");
    s.k = clustering::read_count(section, "k", "k_range", s.k, 2);
    const int sample = section.get<int>("silhouette_sample", static_cast<int>(s.silhouette_sample));
    if (sample < kLeastSample) {
        section.fail("silhouette_sample",
                     fmt::format("must be at least {}, got {}", kLeastSample, sample));
    }
    s.silhouette_sample = static_cast<std::size_t>(sample);
    return s;
}

nlohmann::json KMeansSettings::to_json() const {
    auto json = clustering::to_json(clustering);
    json["k_range"] = {{"min", k.min}, {"max", k.max}};
    json["silhouette_sample"] = silhouette_sample;
    return json;
}

}  // namespace moshtari::kmeans
