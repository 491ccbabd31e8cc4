#include "row_mapper.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace moshtari::data_csv {

RowMapper::RowMapper(const Mapping& mapping, Entity entity, const std::vector<std::string>& header,
                     bool extra_as_attributes)
    : header_(header) {
    std::vector<bool> used(header.size(), false);
    const auto index_of = [&](const std::string& column) {
        const auto found = std::find(header.begin(), header.end(), column);
        return found == header.end() ? header.size()
                                     : static_cast<std::size_t>(found - header.begin());
    };
    for (const auto& rule : mapping.columns) {
        const std::size_t index = index_of(rule.column);
        if (index == header.size()) {
            throw UserError(fmt::format(
                "the mapping reads column '{}', which the file does not have; its columns are {}",
                rule.column, fmt::join(header, ", ")));
        }
        used[index] = true;
        bound_.push_back({index, rule});
    }
    const auto& fields = fields_of(entity);
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (used[i] || header[i] == kReasonColumn) continue;
        if (mapping.columns.empty() &&
            std::find(fields.begin(), fields.end(), header[i]) != fields.end()) {
            bound_.push_back({i, {header[i], header[i], {}}});
        } else if (mapping.columns.empty() && header[i].starts_with("attributes.") &&
                   entity == Entity::customers) {
            bound_.push_back({i, {header[i], header[i], {}}});
        } else if (extra_as_attributes && entity == Entity::customers) {
            bound_.push_back({i, {header[i], "attributes." + header[i], {}}});
        } else {
            ignored_.push_back(header[i]);
        }
    }
}

std::vector<FieldValue> RowMapper::map(const CsvRecord& record) const {
    if (record.fields.size() < header_.size()) {
        throw RowError("", fmt::format("the row has {} columns and the header {}",
                                       record.fields.size(), header_.size()));
    }
    std::vector<FieldValue> values;
    values.reserve(bound_.size());
    for (const auto& bound : bound_) {
        std::string value = record.fields[bound.index];
        try {
            for (const auto& transform : bound.rule.transforms)
                value = transform.apply(std::move(value));
        } catch (const UserError& error) {
            throw RowError(bound.rule.column, error.what());
        }
        values.push_back({&bound.rule.field, &bound.rule.column, std::move(value)});
    }
    return values;
}

}  // namespace moshtari::data_csv
