#include "settings.hpp"

#include "contact_normaliser.hpp"
#include "mapping.hpp"
#include "moshtari/error.hpp"

namespace moshtari::data_csv {

Settings Settings::from_config(const ConfigSection& section) {
    section.allow_only({"default_region", "batch_size", "mappings"});
    Settings settings;
    settings.default_region = section.get<std::string>("default_region", settings.default_region);
    try {
        ContactNormaliser{settings.default_region};
    } catch (const UserError& error) {
        section.fail("default_region", error.what());
    }
    // Each commit rewrites every index page the batch touched: with random keys (an order's
    // customer), 10,000-row batches wrote a page per row, 100,000-row ones a third of that
    // (3,000,000 orders: 35 s -> 24 s), while a killed import still loses only a second or two.
    const auto batch = section.get<std::int64_t>("batch_size", 100'000);
    if (batch < 1) section.fail("batch_size", "must be at least 1 row");
    settings.batch_size = static_cast<std::size_t>(batch);
    const ConfigSection mappings = section.child("mappings");
    for (const auto& name : mappings.keys()) {
        ConfigSection mapping = mappings.child(name);
        Mapping::from_section(mapping, std::nullopt);  // reported now, not at the first import
        settings.mappings.emplace(name, std::move(mapping));
    }
    return settings;
}

}  // namespace moshtari::data_csv
