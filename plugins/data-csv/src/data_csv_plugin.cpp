// data-csv: `moshtari import` and `moshtari export`. A plugin rather than core code because it
// links libphonenumber and zlib, which the core must not.

#include "commands.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "settings.hpp"

namespace moshtari::data_csv {

class DataCsvPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override {
        settings_ = Settings::from_config(section);
    }

    void start(PluginContext& context) override {
        context.add_command(import_command(context.workspace(), settings_));
        context.add_command(export_command(context.workspace(), settings_));
    }

  private:
    Settings settings_;
};

}  // namespace moshtari::data_csv

MOSHTARI_PLUGIN(moshtari::data_csv::DataCsvPlugin, "data-csv")
