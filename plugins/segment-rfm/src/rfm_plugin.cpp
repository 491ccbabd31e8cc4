// segment-rfm: the `rfm` segmentation method; the core runs it and stores its results.

#include <memory>

#include "moshtari/sdk/plugin.hpp"
#include "rfm_segmenter.hpp"
#include "rfm_settings.hpp"

namespace moshtari::rfm {

class RfmPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override { settings_ = read_settings(section); }

    void start(PluginContext& context) override {
        context.add_segmenter(std::make_shared<RfmSegmenter>(settings_));
    }

  private:
    Settings settings_;
};

}  // namespace moshtari::rfm

MOSHTARI_PLUGIN(moshtari::rfm::RfmPlugin, "segment-rfm")
