// segment-kmeans: the `kmeans` segmenter.

#include <memory>

#include "kmeans_segmenter.hpp"
#include "kmeans_settings.hpp"
#include "moshtari/plugin_context.hpp"
#include "moshtari/sdk/plugin.hpp"

namespace moshtari::kmeans {

class KMeansPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override {
        settings_ = KMeansSettings::from_config(section);
    }
    void start(PluginContext& context) override {
        context.add_segmenter(std::make_shared<KMeansSegmenter>(settings_));
    }

  private:
    KMeansSettings settings_;
};

}  // namespace moshtari::kmeans

MOSHTARI_PLUGIN(moshtari::kmeans::KMeansPlugin, "segment-kmeans")
