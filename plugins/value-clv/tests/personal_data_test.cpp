// The customers' values take part in the core's export, erasure and merge, and outlive the
// process that computed them.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/customer_merge_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/privacy_store.hpp"
#include "value_fixture.hpp"

namespace moshtari::value::testing {
namespace {

class PersonalData : public ValueTest {
  protected:
    std::int64_t rows_of(CustomerId customer,
                         const std::string& table = "value_clv_customer_values") {
        SQLite::Statement q(w().database().sql(),
                            "SELECT COUNT(*) FROM " + table + " WHERE customer_id = ?");
        q.bind(1, static_cast<int64_t>(customer));
        q.executeStep();
        return q.getColumn(0).getInt64();
    }
};

TEST_F(PersonalData, ValuesSurviveAReopenAndAreExported) {
    const auto ids = add_shoppers(60);
    json({"value", "fit", "--as-of", "2026-05-31"});
    const auto shown = json({"value", "fit", "--as-of", "2026-06-30"});
    ws_.reopen();  // as a restarted process: the values are read from the file
    EXPECT_EQ(rows_of(ids[0]), 2);
    const auto exported = w().privacy().export_personal(ids[0], "test");
    const auto& values = exported["plugins"]["value-clv"]["values"];
    ASSERT_EQ(values.size(), 2u);
    EXPECT_EQ(values[0]["as_of"], "2026-05-31");
    EXPECT_EQ(values[1]["as_of"], "2026-06-30");
    EXPECT_EQ(values[1]["fit"], shown["fit"]);
    EXPECT_EQ(values[1], json({"value", "show", std::to_string(ids[0])}));
}

TEST_F(PersonalData, ErasureForgetsEveryValue) {
    const auto ids = add_shoppers(60);
    json({"value", "fit", "--as-of", "2026-06-30"});
    ASSERT_EQ(rows_of(ids[3]), 1);
    ASSERT_EQ(rows_of(ids[3], "value_clv_ranking"), 1);
    w().privacy().erase(ids[3], "test");
    EXPECT_EQ(rows_of(ids[3]), 0);
    EXPECT_EQ(rows_of(ids[3], "value_clv_ranking"), 0);
    EXPECT_EQ(rows_of(ids[4]), 1);
    EXPECT_EQ(rows_of(ids[4], "value_clv_ranking"), 1);
    // The ranking skips the erased customer; everyone else keeps their rank.
    const auto top = json({"value", "top", "60"});
    ASSERT_EQ(top.size(), 59u);
    for (const auto& row : top) EXPECT_NE(row["customer"], ids[3]);
}

TEST_F(PersonalData, MergeDropsTheMergedCustomersValuesUntilTheNextFit) {
    const auto ids = add_shoppers(60);
    json({"value", "fit", "--as-of", "2026-06-30"});
    const auto survivor_before = json({"value", "show", std::to_string(ids[0])});
    w().merges().merge(ids[0], ids[1], "test");
    EXPECT_EQ(rows_of(ids[1]), 0);
    EXPECT_EQ(rows_of(ids[1], "value_clv_ranking"), 0);
    EXPECT_EQ(json({"value", "show", std::to_string(ids[0])}), survivor_before);
    // The next fit values the survivor on both histories.
    const auto refit = json({"value", "fit", "--as-of", "2026-06-30"});
    EXPECT_EQ(refit["customers"], 59);
    const auto survivor_after = json({"value", "show", std::to_string(ids[0])});
    EXPECT_EQ(survivor_after["fit"], refit["fit"]);
    EXPECT_GE(survivor_after["repeat_transactions"].get<int>(),
              survivor_before["repeat_transactions"].get<int>());
}

}  // namespace
}  // namespace moshtari::value::testing
