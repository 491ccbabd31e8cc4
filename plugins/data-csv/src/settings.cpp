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
    const auto batch = section.get<std::int64_t>("batch_size", 10'000);
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
