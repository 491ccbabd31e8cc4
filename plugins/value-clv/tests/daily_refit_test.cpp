// `refit: daily`: the worker's DailyTick fits as of the last whole day, once a day, and a day with
// nothing to fit is passed over instead of blocking the plugin's later ticks.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"
#include "value_fixture.hpp"

namespace moshtari::value::testing {
namespace {

class DailyRefit : public ValueTest {
  protected:
    DailyRefit()
        : ValueTest("value-clv:\n  probabilistic: {currency: USD, horizon: 26, refit: daily}\n") {}

    std::vector<std::string> fitted_days() {
        SQLite::Statement q(w().database().sql(), "SELECT as_of FROM value_clv_fits ORDER BY id");
        std::vector<std::string> days;
        while (q.executeStep()) days.push_back(q.getColumn(0).getString());
        return days;
    }
};

TEST_F(DailyRefit, EachDaysTickFitsAsOfTheDayBefore) {
    add_shoppers(60);
    const Timestamp today = *parse_time("2026-11-24T08:00:00Z");
    w().run_worker_pass(today);
    w().run_worker_pass(today + std::chrono::hours(3));  // the same day: no second tick, no refit
    EXPECT_EQ(fitted_days(), std::vector<std::string>{"2026-11-23"});
    const auto shown = json({"value", "show", "1"});
    EXPECT_EQ(shown["as_of"], "2026-11-23");
    w().run_worker_pass(today + std::chrono::days(1));
    EXPECT_EQ(fitted_days(), (std::vector<std::string>{"2026-11-23", "2026-11-24"}));
}

TEST_F(DailyRefit, ADayWithNothingToFitIsPassedOver) {
    const Timestamp today = *parse_time("2026-11-24T08:00:00Z");
    w().run_worker_pass(today);  // no orders at all
    EXPECT_TRUE(fitted_days().empty());
    add_shoppers(60);
    // Had the empty day's tick been kept for a retry, it would now fit as of 2026-11-23 too.
    w().run_worker_pass(today + std::chrono::days(1));
    EXPECT_EQ(fitted_days(), std::vector<std::string>{"2026-11-24"});
}

}  // namespace
}  // namespace moshtari::value::testing
