#include "model/personal_data_json.hpp"

#include <optional>

namespace moshtari {

namespace {

nlohmann::json money_json(const Money& money) {
    return {{"minor_units", money.minor_units}, {"currency", money.currency}};
}

template <class T, class Format>
nlohmann::json optional_json(const std::optional<T>& value, Format format) {
    return value ? nlohmann::json(format(*value)) : nlohmann::json();
}

}  // namespace

nlohmann::json personal_data_json(const Customer& c) {
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& p : c.contacts) {
        contacts.push_back({{"kind", to_string(p.kind)},
                            {"value", p.value},
                            {"label", p.label},
                            {"primary", p.primary}});
    }
    nlohmann::json consents = nlohmann::json::array();
    for (const auto& k : c.consents) {
        consents.push_back({{"channel", k.channel},
                            {"granted", k.granted},
                            {"at", format_time(k.at)},
                            {"source", k.source}});
    }
    nlohmann::json memberships = nlohmann::json::array();
    for (const auto& m : c.memberships)
        memberships.push_back({{"company_id", m.company_id}, {"role", m.role}});
    nlohmann::json attributes = nlohmann::json::object();
    for (const auto& [name, value] : c.attributes)
        attributes[name] = std::visit([](const auto& v) { return nlohmann::json(v); }, value);
    return {{"id", c.id},
            {"kind", to_string(c.kind)},
            {"external_id", c.external_id},
            {"name", c.name},
            {"given_name", c.given_name},
            {"family_name", c.family_name},
            {"language", c.language},
            {"time_zone", c.time_zone},
            {"birthday", optional_json(c.birthday, format_date)},
            {"lifecycle_stage", c.lifecycle_stage},
            {"created_at", format_time(c.created_at)},
            {"updated_at", format_time(c.updated_at)},
            {"contacts", contacts},
            {"consents", consents},
            {"memberships", memberships},
            {"tags", c.tags},
            {"attributes", attributes}};
}

nlohmann::json personal_data_json(const Interaction& i) {
    return {{"id", i.id},     {"channel", i.channel},        {"direction", to_string(i.direction)},
            {"kind", i.kind}, {"at", format_time(i.at)},     {"outcome", i.outcome},
            {"text", i.text}, {"external_id", i.external_id}};
}

nlohmann::json personal_data_json(const Order& o) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : o.lines) {
        lines.push_back({{"sku", line.sku},
                         {"description", line.description},
                         {"quantity", line.quantity},
                         {"unit_price_minor", line.unit_price_minor}});
    }
    return {{"id", o.id},
            {"external_id", o.external_id},
            {"at", format_time(o.at)},
            {"total", money_json(o.total)},
            {"cancelled", o.cancelled},
            {"lines", lines}};
}

nlohmann::json personal_data_json(const Deal& d) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& change : d.history) {
        history.push_back({{"from", change.from_stage},
                           {"to", change.to_stage},
                           {"at", format_time(change.at)},
                           {"by", change.by}});
    }
    return {{"id", d.id},
            {"title", d.title},
            {"pipeline", d.pipeline_id},
            {"stage", d.stage_id},
            {"value", money_json(d.value)},
            {"owner", d.owner},
            {"expected_close", optional_json(d.expected_close, format_date)},
            {"created_at", format_time(d.created_at)},
            {"external_id", d.external_id},
            {"history", history}};
}

nlohmann::json personal_data_json(const Task& t) {
    return {{"id", t.id},
            {"title", t.title},
            {"due", optional_json(t.due, format_time)},
            {"assignee", t.assignee},
            {"deal_id", t.deal_id ? nlohmann::json(*t.deal_id) : nlohmann::json()},
            {"done", t.done},
            {"done_at", optional_json(t.done_at, format_time)},
            {"created_at", format_time(t.created_at)}};
}

nlohmann::json personal_data_json(const OutboxMessage& message) {
    return {{"id", message.id},
            {"channel", message.channel},
            {"address", message.address},
            {"purpose", to_string(message.purpose)},
            {"state", to_string(message.state)},
            {"created_at", format_time(message.created_at)},
            {"sent_at", message.sent_at ? format_time(*message.sent_at) : std::string()},
            {"content", message.content}};
}

}  // namespace moshtari
