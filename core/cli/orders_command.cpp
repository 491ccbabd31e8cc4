// `moshtari orders add|list|cancel|refund`.

#include <fmt/format.h>

#include <charconv>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "listings.hpp"
#include "moshtari/error.hpp"
#include "moshtari/order_store.hpp"

namespace moshtari::cli {

namespace {

// "sku:qty:unit_price[:description]"; the description may itself contain ':'.
OrderLine parse_order_line(std::string_view text, std::string_view currency) {
    const auto bad = [&](std::string_view why) {
        return UserError(fmt::format(
            "order line '{}' {}; write it as sku:quantity:unit_price[:description]", text, why));
    };
    std::vector<std::string_view> parts;
    std::string_view rest = text;
    while (parts.size() < 3) {
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos) break;
        parts.push_back(rest.substr(0, colon));
        rest.remove_prefix(colon + 1);
    }
    parts.push_back(rest);
    if (parts.size() < 3) throw bad("has too few parts");
    OrderLine line;
    line.sku = parts[0];
    if (line.sku.empty()) throw bad("has no sku");
    const auto quantity = parts[1];
    const auto [end, error] =
        std::from_chars(quantity.data(), quantity.data() + quantity.size(), line.quantity);
    if (error != std::errc{} || end != quantity.data() + quantity.size())
        throw bad("has a quantity that is not a number");
    line.unit_price_minor = parse_money(parts[2], currency).minor_units;
    if (parts.size() == 4) line.description = parts[3];
    return line;
}

struct NewOrder {
    CustomerId customer = 0;
    std::string total;
    std::string currency;
    std::string external_id;
    std::string at;
    std::vector<std::string> lines;
};

void add_add_command(CLI::App& orders, CliContext& context) {
    auto* command = orders.add_subcommand("add", "Record an order and print its id");
    auto input = std::make_shared<NewOrder>();
    add_id_option(*command, "--customer", input->customer, "Customer id")->required();
    command->add_option("--total", input->total, "Total amount, like 12.50")->required();
    command->add_option("--currency", input->currency,
                        "ISO 4217 code (default: the workspace currency)");
    command->add_option("--external-id", input->external_id,
                        "The shop's or ERP's order number (unique)");
    command->add_option("--at", input->at, "When, YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    command
        ->add_option("--line", input->lines,
                     "A line, sku:quantity:unit_price[:description] (repeatable)")
        ->type_name("SKU:QTY:PRICE[:DESC]");
    command->callback([&context, input] {
        const std::string currency = context.currency_or_default(input->currency);
        Order order;
        order.customer_id = input->customer;
        order.external_id = input->external_id;
        order.at = time_or_now(input->at);
        order.total = parse_money(input->total, currency);
        for (const auto& line : input->lines)
            order.lines.push_back(parse_order_line(line, currency));
        context.out() << context.workspace().orders().add(order) << '\n';
    });
}

void add_list_command(CLI::App& orders, CliContext& context) {
    auto* command = orders.add_subcommand("list", "List orders, newest first");
    auto filter = std::make_shared<CustomerFilter>();
    add_customer_filter(*command, *filter);
    context.add_json_flag(*command);
    command->callback([&context, filter] {
        context.print(
            orders_table(context.workspace().orders().list(filter->customer, filter->limit)));
    });
}

void add_cancel_command(CLI::App& orders, CliContext& context) {
    auto* command = orders.add_subcommand(
        "cancel", "Mark an order cancelled; plugins take back what it earned (loyalty points)");
    auto id = std::make_shared<OrderId>(0);
    add_id_option(*command, "order", *id, "Order id")->required();
    auto at = std::make_shared<std::string>();
    command->add_option("--at", *at, "When, YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    command->callback([&context, id, at] {
        context.workspace().orders().cancel(*id, time_or_now(*at));
        context.out() << fmt::format("order #{} cancelled\n", *id);
    });
}

void add_refund_command(CLI::App& orders, CliContext& context) {
    auto* command = orders.add_subcommand(
        "refund", "Record money given back on an order; plugins take back in proportion");
    struct Refund {
        OrderId id = 0;
        std::string amount;
        std::string at;
    };
    auto refund = std::make_shared<Refund>();
    add_id_option(*command, "order", refund->id, "Order id")->required();
    command->add_option("--amount", refund->amount, "How much, like 5.00, in the order's currency")
        ->required();
    command->add_option("--at", refund->at, "When, YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    command->callback([&context, refund] {
        OrderStore& store = context.workspace().orders();
        const Order order = store.get(refund->id);
        store.refund(refund->id, parse_money(refund->amount, order.total.currency),
                     time_or_now(refund->at));
        const Order after = store.get(refund->id);
        context.out() << fmt::format("order #{}: {} refunded of {}\n", refund->id,
                                     format_money({after.refunded_minor, after.total.currency}),
                                     format_money(after.total));
    });
}

}  // namespace

void add_orders_command(CLI::App& app, CliContext& context) {
    auto* orders = add_command_group(app, "orders", "What customers bought");
    add_add_command(*orders, context);
    add_list_command(*orders, context);
    add_cancel_command(*orders, context);
    add_refund_command(*orders, context);
}

}  // namespace moshtari::cli
