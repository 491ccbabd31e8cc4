// The published CDNOW estimates, reproduced from the raw file: the records become customers and
// orders through the core's bulk writer, `moshtari value fit` runs in the real executable, and the
// parameters are read back from the plugin's table.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "gamma_gamma.hpp"
#include "moshtari/bulk_writer.hpp"
#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "value_fixture.hpp"

namespace moshtari::value::testing {
namespace {

// Imports CDNOW_sample.txt: `master_id sample_id YYYYMMDD cds dollars` per line, one customer per
// sample id, one order per line (the plugin makes one transaction of a customer's day).
void import_cdnow(Workspace& w, const std::filesystem::path& file) {
    std::ifstream in(file);
    ASSERT_TRUE(in) << file;
    Transaction tx(w.database());
    auto writer = make_bulk_writer(w.database(), 16);
    std::map<std::string, CustomerId> customers;
    CustomerId first_customer = 0, last_customer = 0;
    OrderId first_order = 0, last_order = 0;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::istringstream fields(line);
        std::string master, sample, date, cds, dollars;
        ASSERT_TRUE(fields >> master >> sample >> date >> cds >> dollars) << "line " << number;
        auto [known, fresh] = customers.try_emplace(sample, 0);
        if (fresh) {
            Customer c;
            c.name = "CDNOW " + sample;
            c.external_id = "cdnow-" + master;
            known->second = last_customer = writer->add_customer(c);
            if (first_customer == 0) first_customer = last_customer;
        }
        Order o;
        o.customer_id = known->second;
        o.external_id = "cdnow-line-" + std::to_string(number);
        o.at = *parse_time(date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2));
        o.total = parse_money(dollars, "USD");
        last_order = writer->add_order(o).value();
        if (first_order == 0) first_order = last_order;
    }
    const auto created = static_cast<std::int64_t>(customers.size());
    w.event_log().append(events::CustomersImported{first_customer, last_customer, created, 0, 0});
    w.event_log().append(
        events::OrdersImported{first_order, last_order, last_order - first_order + 1, 0});
    tx.commit();
}

// The paper's horizon: the 39 weeks after the calibration period.
class Cdnow : public ValueTest {
  protected:
    Cdnow()
        : ValueTest("value-clv:\n  probabilistic: {currency: USD, period: weeks, horizon: 39}\n") {}
};

TEST_F(Cdnow, ReproducesThePublishedEstimatesFromTheRawFile) {
    const std::filesystem::path file = CDNOW_SAMPLE;
    if (!std::filesystem::exists(file)) {
        GTEST_SKIP() << "the shared data folder is absent (" << file << "); CI always has it";
    }
    import_cdnow(w(), file);
    const auto printed = json({"value", "fit", "--calibration-end", "1997-09-30"});
    EXPECT_EQ(printed["customers"], 2357);

    SQLite::Statement stored(w().database().sql(),
                             "SELECT parameters, log_likelihood, customers, as_of "
                             "FROM value_clv_fits WHERE id = ?");
    stored.bind(1, printed["fit"].get<int64_t>());
    ASSERT_TRUE(stored.executeStep());
    const auto parameters = nlohmann::json::parse(stored.getColumn(0).getString());
    EXPECT_EQ(stored.getColumn(2).getInt64(), 2357);
    EXPECT_EQ(stored.getColumn(3).getString(), "1997-09-30");
    const auto within = [](double value, double published, double share) {
        EXPECT_NEAR(value, published, std::abs(published) * share) << "published " << published;
    };
    // Fader, Hardie & Lee (2005), within 0.5%.
    const auto& bg = parameters["bg_nbd"];
    within(bg["r"], 0.243, 0.005);
    within(bg["alpha"], 4.414, 0.005);
    within(bg["a"], 0.793, 0.005);
    within(bg["b"], 2.426, 0.005);
    within(bg["log_likelihood"], -9582.4, 0.005);
    within(stored.getColumn(1).getDouble(), -9582.4, 0.005);
    // Fader & Hardie (2013), on the 946 customers with repeat purchases, within 1%.
    const auto& gg = parameters["gamma_gamma"];
    EXPECT_EQ(gg["customers"], 946);
    within(gg["p"], 6.25, 0.01);
    within(gg["q"], 3.74, 0.01);
    within(gg["gamma"], 15.44, 0.01);

    // 2357 customers: the first ceil(23.57) are top-1, up to ceil(117.85) top-5, up to
    // ceil(471.4) top-20.
    EXPECT_EQ(printed["tiers"],
              tiers({{"top-1", 24}, {"top-5", 94}, {"top-20", 354}, {"rest", 1885}}));

    // Customer 1 (sample id 0001) bought on 1997-01-01, 01-18 and 08-02 in the calibration
    // period: x = 2, t_x = 213 days, T = 272 days, repeat spend (29.73 + 14.96) / 2. It is the
    // paper's worked example, for which it gives 1.226 purchases in the next 39 weeks.
    const auto one = json({"value", "show", "1"});
    EXPECT_EQ(one["repeat_transactions"], 2);
    EXPECT_NEAR(one["recency"], 213.0 / 7, 1e-9);
    EXPECT_NEAR(one["age"], 272.0 / 7, 1e-9);
    EXPECT_NEAR(one["average_spend"], (29.73 + 14.96) / 2, 1e-9);
    within(one["expected_purchases"], 1.226, 0.005);
    within(one["p_alive"], 0.7266, 0.005);
    const GammaGamma spend{gg["p"], gg["q"], gg["gamma"]};
    EXPECT_NEAR(one["expected_spend"], expected_spend(spend, {2, (29.73 + 14.96) / 2}), 1e-9);
}

}  // namespace
}  // namespace moshtari::value::testing
