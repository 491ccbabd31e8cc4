// segment-mixture: the `mixture` segmenter.

#include <memory>

#include "mixture_segmenter.hpp"
#include "mixture_settings.hpp"
#include "moshtari/plugin_context.hpp"
#include "moshtari/sdk/plugin.hpp"

namespace moshtari::mixture {

class MixturePlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override {
        settings_ = MixtureSettings::from_config(section);
    }
    void start(PluginContext& context) override {
        context.add_segmenter(std::make_shared<MixtureSegmenter>(settings_));
    }

  private:
    MixtureSettings settings_;
};

}  // namespace moshtari::mixture

MOSHTARI_PLUGIN(moshtari::mixture::MixturePlugin, "segment-mixture")
