#include "exporter.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "amount.hpp"
#include "csv_writer.hpp"
#include "moshtari/bulk_deals.hpp"
#include "moshtari/bulk_interactions.hpp"
#include "moshtari/bulk_reader.hpp"
#include "moshtari/money.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::data_csv {

namespace {

struct Column {
    std::string header;
    std::string field;
};

std::vector<Column> columns_for(Entity entity, const Mapping& mapping) {
    std::vector<Column> columns;
    if (!mapping.columns.empty()) {
        for (const auto& rule : mapping.columns) columns.push_back({rule.column, rule.field});
        return columns;
    }
    columns.push_back({"id", "id"});
    for (const auto& field : fields_of(entity)) {
        if (field != "attributes.NAME") columns.push_back({field, field});
    }
    return columns;
}

std::string contact(const Customer& c, ContactKind kind) {
    const ContactPoint* point = c.primary_contact(kind);
    return point ? point->value : "";
}

std::string customer_field(const Customer& c, const std::string& field) {
    if (field == "id") return std::to_string(c.id);
    if (field == "external_id") return c.external_id;
    if (field == "name") return c.name;
    if (field == "given_name") return c.given_name;
    if (field == "family_name") return c.family_name;
    if (field == "kind") return to_string(c.kind);
    if (field == "email") return contact(c, ContactKind::email);
    if (field == "phone") return contact(c, ContactKind::phone);
    if (field == "language") return c.language;
    if (field == "time_zone") return c.time_zone;
    if (field == "birthday") return c.birthday ? format_date(*c.birthday) : "";
    if (field == "tags") return fmt::format("{}", fmt::join(c.tags, ","));
    const auto found = c.attributes.find(field.substr(field.find('.') + 1));
    return found == c.attributes.end() ? "" : attribute_to_string(found->second);
}

// How interactions and deals name their customers, as their imports find them.
struct CustomerNames {
    std::string external_id;
    std::string email;
};

std::unordered_map<CustomerId, CustomerNames> customer_names(BulkReader& reader) {
    std::unordered_map<CustomerId, CustomerNames> names;
    reader.each_customer([&](const Customer& c) {
        names.emplace(c.id, CustomerNames{c.external_id, contact(c, ContactKind::email)});
    });
    return names;
}

// customer_external_id and customer_email; nullopt for any other field.
std::optional<std::string> customer_name_field(
    const std::unordered_map<CustomerId, CustomerNames>& names, CustomerId id,
    const std::string& field) {
    if (field != "customer_external_id" && field != "customer_email") return std::nullopt;
    const auto found = names.find(id);
    if (found == names.end()) return "";  // a customer erased with their records kept
    return field == "customer_email" ? found->second.email : found->second.external_id;
}

std::string interaction_field(const Interaction& i, const std::string& field) {
    if (field == "id") return std::to_string(i.id);
    if (field == "external_id") return i.external_id;
    if (field == "channel") return i.channel;
    if (field == "kind") return i.kind;
    if (field == "direction") return to_string(i.direction);
    if (field == "at") return format_time(i.at);
    if (field == "outcome") return i.outcome;
    if (field == "text") return i.text;
    return "";
}

std::string deal_field(const Deal& d, const std::string& field) {
    if (field == "id") return std::to_string(d.id);
    if (field == "external_id") return d.external_id;
    if (field == "title") return d.title;
    if (field == "pipeline") return d.pipeline_id;
    if (field == "stage") return d.stage_id;
    if (field == "value") {
        return format_amount(d.value.minor_units, minor_unit_digits(d.value.currency));
    }
    if (field == "currency") return d.value.currency;
    if (field == "owner") return d.owner;
    if (field == "expected_close") return d.expected_close ? format_date(*d.expected_close) : "";
    if (field == "created_at") return format_time(d.created_at);
    return "";
}

class RowSink {
  public:
    RowSink(std::vector<Column> columns, ExportFormat format, std::ostream& out)
        : columns_(std::move(columns)), format_(format), out_(out) {
        if (format_ == ExportFormat::csv) {
            std::vector<std::string> header;
            for (const auto& column : columns_) header.push_back(column.header);
            write_csv_record(out_, header);
        }
    }

    template <class Value>
    void write(Value value_of) {
        ++rows_;
        if (format_ == ExportFormat::csv) {
            std::vector<std::string> fields;
            for (const auto& column : columns_) fields.push_back(value_of(column.field));
            write_csv_record(out_, fields);
            return;
        }
        nlohmann::json object = nlohmann::json::object();
        for (const auto& column : columns_) object[column.header] = value_of(column.field);
        out_ << object.dump() << '\n';
    }
    long rows() const { return rows_; }

  private:
    std::vector<Column> columns_;
    ExportFormat format_;
    std::ostream& out_;
    long rows_ = 0;
};

}  // namespace

long export_records(Workspace& workspace, Entity entity, const Mapping& mapping,
                    ExportFormat format, std::ostream& out) {
    auto reader = make_bulk_reader(workspace.database());
    RowSink sink(columns_for(entity, mapping), format, out);
    if (entity == Entity::customers) {
        reader->each_customer([&](const Customer& c) {
            sink.write([&](const std::string& field) { return customer_field(c, field); });
        });
        return sink.rows();
    }
    if (entity == Entity::interactions) {
        const auto names = customer_names(*reader);
        make_bulk_interactions(workspace.database())->each([&](const Interaction& i) {
            sink.write([&](const std::string& field) {
                return customer_name_field(names, i.customer_id, field)
                    .value_or(interaction_field(i, field));
            });
        });
        return sink.rows();
    }
    if (entity == Entity::deals) {
        const auto names = customer_names(*reader);
        make_bulk_deals(workspace.database(), workspace.pipelines())->each([&](const Deal& d) {
            sink.write([&](const std::string& field) {
                return customer_name_field(names, d.customer_id, field)
                    .value_or(deal_field(d, field));
            });
        });
        return sink.rows();
    }
    // Ids to external ids, so orders name their customers as the customer import does.
    std::unordered_map<CustomerId, std::string> external_ids;
    reader->each_customer_key([&](CustomerId id, CustomerKey kind, std::string_view key) {
        if (kind == CustomerKey::external_id) external_ids.emplace(id, key);
    });
    reader->each_order([&](const Order& order) {
        const int digits = minor_unit_digits(order.total.currency);
        const auto write_line = [&](const OrderLine* line) {
            sink.write([&](const std::string& field) -> std::string {
                if (field == "id") return std::to_string(order.id);
                if (field == "external_id") return order.external_id;
                if (field == "customer_external_id") {
                    if (!order.customer_id) return "";
                    const auto found = external_ids.find(*order.customer_id);
                    return found == external_ids.end() ? "" : found->second;
                }
                if (field == "at") return format_time(order.at);
                if (field == "total") return format_amount(order.total.minor_units, digits);
                if (field == "currency") return order.total.currency;
                if (field == "cancelled") return order.cancelled ? "true" : "false";
                if (line == nullptr) return "";
                if (field == "sku") return line->sku;
                if (field == "description") return line->description;
                if (field == "quantity") return std::to_string(line->quantity);
                if (field == "unit_price") return format_amount(line->unit_price_minor, digits);
                if (field == "category") return line->category;
                return "";
            });
        };
        if (order.lines.empty()) write_line(nullptr);
        for (const auto& line : order.lines) write_line(&line);
    });
    return sink.rows();
}

}  // namespace moshtari::data_csv
