// `moshtari value fit|show|top|simple` through the real executable: JSON and text output, exit
// codes, and what a fit leaves in the store for the next process.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>

#include "moshtari/database.hpp"
#include "value_fixture.hpp"

namespace moshtari::value::testing {
namespace {

class Cli : public ValueTest {};

TEST_F(Cli, FitThenShowAndTopReadWhatTheFitStored) {
    const auto ids = add_shoppers(150);
    const CustomerId prospect = add_customer("Never Bought");
    // An order in another currency and one after the calibration end do not count.
    place_order(prospect, 5000, "2026-02-01", "EUR");
    place_order(prospect, 5000, "2026-07-02");

    const auto fit = json({"value", "fit", "--as-of", "2026-06-30"});
    EXPECT_EQ(fit["fit"], 1);
    EXPECT_EQ(fit["as_of"], "2026-06-30");
    EXPECT_EQ(fit["customers"], 150);
    const auto& bg = fit["parameters"]["bg_nbd"];
    for (const char* p : {"r", "alpha", "a", "b"}) EXPECT_GT(bg[p].get<double>(), 0) << p;
    EXPECT_LT(bg["log_likelihood"].get<double>(), 0);
    EXPECT_GT(fit["parameters"]["gamma_gamma"]["q"].get<double>(), 1);
    EXPECT_EQ(fit["parameters"]["period"], "weeks");
    // 150 customers: ceil(1.5) = 2 in top-1, ceil(7.5) = 8 within top-5, 30 within top-20.
    EXPECT_EQ(fit["tiers"], tiers({{"top-1", 2}, {"top-5", 6}, {"top-20", 22}, {"rest", 120}}));

    const auto top = json({"value", "top", "5"});
    ASSERT_EQ(top.size(), 5u);
    for (std::size_t i = 0; i < top.size(); ++i) EXPECT_EQ(top[i]["rank"], i + 1);
    EXPECT_EQ(top[0]["tier"], "top-1");
    EXPECT_EQ(top[2]["tier"], "top-5");

    // The best customer, shown alone, is the first of the top list; their CLV is margin (1) x
    // expected spend x expected purchases (undiscounted), in cents.
    const auto best = json({"value", "show", std::to_string(top[0]["customer"].get<int64_t>())});
    EXPECT_EQ(best["rank"], 1);
    EXPECT_EQ(best["clv"], top[0]["clv"]);
    EXPECT_EQ(best["fit"], 1);
    EXPECT_NEAR(
        best["clv_minor"].get<double>(),
        best["expected_spend"].get<double>() * best["expected_purchases"].get<double>() * 100, 0.5);
    EXPECT_GE(best["p_alive"].get<double>(), 0);
    EXPECT_LE(best["p_alive"].get<double>(), 1);
    // Ranks follow the CLV, highest first, across the whole fit.
    SQLite::Statement unordered(
        w().database().sql(),
        "SELECT COUNT(*) FROM value_clv_customer_values a JOIN value_clv_customer_values b "
        "ON a.fit_id = b.fit_id AND a.rank < b.rank WHERE a.clv_minor < b.clv_minor");
    ASSERT_TRUE(unordered.executeStep());
    EXPECT_EQ(unordered.getColumn(0).getInt64(), 0);

    const std::string text = ok({"value", "top", "2"});
    EXPECT_NE(text.find(best["name"].get<std::string>()), std::string::npos) << text;
    EXPECT_NE(ok({"value", "show", std::to_string(ids[0])}).find("P(alive)"), std::string::npos);
    EXPECT_NE(refused({"value", "show", std::to_string(prospect)})
                  .find(fmt::format("customer #{} has no value in fit #1 (as of 2026-06-30): they "
                                    "had no order in USD on or before that day",
                                    prospect)),
              std::string::npos);
}

TEST_F(Cli, EveryFitIsKeptAndTheLatestIsShown) {
    add_shoppers(80);
    const auto early = json({"value", "fit", "--as-of", "2026-04-30"});
    const auto late = json({"value", "fit", "--calibration-end", "2026-06-30"});
    EXPECT_EQ(early["fit"], 1);
    EXPECT_EQ(late["fit"], 2);
    EXPECT_LE(early["customers"].get<int>(), late["customers"].get<int>());
    EXPECT_EQ(json({"value", "show", "1"})["fit"], 2);
    SQLite::Statement fits(w().database().sql(),
                           "SELECT COUNT(*), COUNT(DISTINCT as_of) FROM value_clv_fits");
    ASSERT_TRUE(fits.executeStep());
    EXPECT_EQ(fits.getColumn(0).getInt(), 2);
    EXPECT_EQ(fits.getColumn(1).getInt(), 2);
}

TEST_F(Cli, SimpleClvIsTheFormulaOnTheConfiguredInputs) {
    // 25.00 x 4 a year, retention 0.8, discount 10%, inflation 2%, three years: worked out by hand
    // in simple_clv_test.cpp as 208.37.
    const auto simple = json({"value", "simple"});
    EXPECT_EQ(simple["clv"], "208.37 EUR");
    EXPECT_EQ(simple["clv_minor"], 20837);
    ASSERT_EQ(simple["periods"].size(), 3u);
    EXPECT_EQ(simple["periods"][1]["margin"], "81.60 EUR");
    EXPECT_EQ(simple["periods"][1]["present_value"], "67.44 EUR");
    EXPECT_NE(ok({"value", "simple"}).find("CLV over 3 years: 208.37 EUR"), std::string::npos);
}

TEST_F(Cli, ErrorsSayWhatIsWrongAndWhatToDo) {
    EXPECT_NE(refused({"value", "top", "3"}).find("there is no fit yet; run `moshtari value fit`"),
              std::string::npos);
    EXPECT_NE(refused({"value", "fit", "--as-of", "2026-06-30"})
                  .find("no customer has an order in USD on or before 2026-06-30"),
              std::string::npos);
    EXPECT_NE(refused({"value", "fit", "--as-of", "2999-01-01"}).find("is in the future"),
              std::string::npos);
    EXPECT_NE(refused({"value", "fit", "--as-of", "30/06/2026"}).find("--as-of"),
              std::string::npos);
    const CustomerId once = add_customer("Once");
    place_order(once, 1000, "2026-01-05");
    EXPECT_NE(refused({"value", "fit", "--as-of", "2026-06-30"})
                  .find("no customer has a repeat "
                        "purchase"),
              std::string::npos);
    EXPECT_NE(refused({"value", "show", "999"}).find("there is no customer #999"),
              std::string::npos);
}

class Unconfigured : public ValueTest {
  protected:
    Unconfigured() : ValueTest("value-clv: {}\n") {}
};

TEST_F(Unconfigured, CommandsSayWhichSectionToAdd) {
    EXPECT_NE(refused({"value", "fit"}).find("add value-clv.probabilistic to moshtari.yaml"),
              std::string::npos);
    EXPECT_NE(refused({"value", "simple"}).find("add value-clv.simple to moshtari.yaml"),
              std::string::npos);
}

}  // namespace
}  // namespace moshtari::value::testing
