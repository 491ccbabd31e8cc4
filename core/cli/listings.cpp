#include "listings.hpp"

namespace moshtari::cli {

Table interactions_table(const std::vector<Interaction>& interactions) {
    Table table{
        {"id", "at", "customer", "channel", "direction", "kind", "outcome", "text", "external_id"},
        {}};
    for (const auto& i : interactions) {
        table.rows.push_back({i.id, format_time(i.at), i.customer_id, i.channel,
                              to_string(i.direction), i.kind, i.outcome, i.text, i.external_id});
    }
    return table;
}

Table orders_table(const std::vector<Order>& orders) {
    Table table{{"id", "at", "customer", "external_id", "total", "refunded", "lines", "cancelled"},
                {}};
    for (const auto& o : orders) {
        const nlohmann::json customer =
            o.customer_id ? nlohmann::json(*o.customer_id) : nlohmann::json("guest");
        table.rows.push_back(
            {o.id, format_time(o.at), customer, o.external_id, format_money(o.total),
             format_money({o.refunded_minor, o.total.currency}), o.lines.size(), o.cancelled});
    }
    return table;
}

}  // namespace moshtari::cli
