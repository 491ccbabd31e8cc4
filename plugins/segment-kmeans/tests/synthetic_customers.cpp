#include "synthetic_customers.hpp"

#include <cmath>
#include <random>

#include "moshtari/bulk_writer.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::clustering::testing {

namespace {

constexpr std::int64_t kDay = 86'400;

Customer customer(const std::string& name) {
    Customer c;
    c.name = name;
    c.created_at = kAsOf - std::chrono::days(3650);
    return c;
}

}  // namespace

std::vector<std::vector<CustomerId>> add_groups(Workspace& workspace,
                                                const std::vector<Group>& groups, double spread,
                                                std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z;
    const auto vary = [&](double value) { return value * std::exp(spread * z(rng)); };
    std::vector<std::vector<CustomerId>> ids(groups.size());
    Transaction tx(workspace.database());
    auto writer = make_bulk_writer(workspace.database(), 16);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const Group& group = groups[g];
        for (std::size_t i = 0; i < group.customers; ++i) {
            Customer c = customer("Group " + std::to_string(g) + " customer " + std::to_string(i));
            if (group.score) c.attributes["score"] = vary(*group.score);
            const CustomerId id = writer->add_customer(c);
            ids[g].push_back(id);
            const int orders = std::max(1, static_cast<int>(std::lround(vary(group.orders))));
            const auto spend_cents =
                static_cast<std::int64_t>(std::llround(vary(group.spend) * 100));
            const auto last =
                to_unix(kAsOf) - static_cast<std::int64_t>(vary(group.recency_days) * kDay);
            for (int o = 0; o < orders; ++o) {
                Order order;
                order.customer_id = id;
                order.at = from_unix(last - o * 7 * kDay);
                // The last order takes the cents that do not divide evenly.
                const std::int64_t share = spend_cents / orders;
                order.total = Money{o == 0 ? spend_cents - share * (orders - 1) : share, "EUR"};
                writer->add_order(order);
            }
        }
    }
    tx.commit();
    return ids;
}

CustomerId add_customer_without_orders(Workspace& workspace) {
    return workspace.customers().create(customer("Never ordered"));
}

}  // namespace moshtari::clustering::testing
