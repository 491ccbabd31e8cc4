#include "mixture_settings.hpp"

#include <fmt/format.h>

namespace moshtari::mixture {

MixtureSettings MixtureSettings::from_config(const ConfigSection& section) {
    auto keys = clustering::clustering_keys();
    keys.insert(keys.end(), {"classes", "classes_range", "covariance"});
    section.allow_only(keys);
    MixtureSettings s;
    s.clustering = clustering::read_clustering_settings(section, s.clustering, "class-");
    s.classes = clustering::read_count(section, "classes", "classes_range", s.classes, 1);
    const auto covariance = section.get<std::string>("covariance", "diagonal");
    if (covariance == "full") {
        s.covariance = Covariance::full;
    } else if (covariance != "diagonal") {
        section.fail("covariance", fmt::format("expected diagonal or full, got '{}'", covariance));
    }
    return s;
}

nlohmann::json MixtureSettings::to_json() const {
    auto json = clustering::to_json(clustering);
    json["classes_range"] = {{"min", classes.min}, {"max", classes.max}};
    json["covariance"] = covariance == Covariance::full ? "full" : "diagonal";
    return json;
}

}  // namespace moshtari::mixture
