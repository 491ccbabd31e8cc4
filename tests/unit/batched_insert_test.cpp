#include "moshtari/batched_insert.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "moshtari/database.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari {
namespace {

using Row = std::tuple<std::string, std::int64_t, std::string, std::int64_t>;

class BatchedInsertTest : public ::testing::Test {
  protected:
    BatchedInsertTest() {
        db.sql().exec(
            "CREATE TABLE items (batch TEXT NOT NULL, n INTEGER NOT NULL, label TEXT NOT NULL, "
            "stamp INTEGER NOT NULL, PRIMARY KEY (batch, n))");
    }

    // Inserts rows n = first .. first + count - 1 labelled "item-n", the batch name and stamp
    // shared.
    void insert(const std::string& batch, std::int64_t stamp, std::int64_t first,
                std::size_t count) {
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < count; ++i)
            labels.push_back("item-" + std::to_string(first + static_cast<std::int64_t>(i)));
        Transaction tx(db);
        insert_in_batches(
            db.sql(), "INSERT INTO items (batch, n, label, stamp) VALUES ", "(?1, ?, ?, ?2)", 2,
            count,
            [&](SQLite::Statement& s) {
                s.bind(1, batch);
                s.bind(2, static_cast<int64_t>(stamp));
            },
            [&](SQLite::Statement& s, int at, std::size_t i) {
                s.bind(at, static_cast<int64_t>(first + static_cast<std::int64_t>(i)));
                s.bind(at + 1, labels[i]);
            });
        tx.commit();
    }

    std::vector<Row> rows(const std::string& batch) {
        SQLite::Statement q(db.sql(),
                            "SELECT batch, n, label, stamp FROM items WHERE batch = ? ORDER BY n");
        q.bind(1, batch);
        std::vector<Row> found;
        while (q.executeStep()) {
            found.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                               q.getColumn(2).getString(), q.getColumn(3).getInt64());
        }
        return found;
    }

    testing::TempDir dir{"moshtari-batched-insert"};
    Database db{dir / "test.db"};
};

// Counts around the 64 rows of a full statement: none, one, a statement less one, exactly one,
// one more, and several with a remainder.
TEST_F(BatchedInsertTest, EveryRowArrivesWithItsOwnAndTheSharedValuesWhateverTheCount) {
    for (const std::size_t count : {0u, 1u, 63u, 64u, 65u, 200u}) {
        const std::string batch = "b" + std::to_string(count);
        insert(batch, 1000 + static_cast<std::int64_t>(count), 10, count);
        const auto stored = rows(batch);
        ASSERT_EQ(stored.size(), count);
        for (std::size_t i = 0; i < count; ++i) {
            const auto n = 10 + static_cast<std::int64_t>(i);
            EXPECT_EQ(stored[i], Row(batch, n, "item-" + std::to_string(n),
                                     1000 + static_cast<std::int64_t>(count)));
        }
    }
}

TEST_F(BatchedInsertTest, AFailingRowLeavesNothingOfTheTransaction) {
    insert("a", 1, 100, 1);
    // Row 100 exists and there is no ON CONFLICT: the second statement fails part-way.
    EXPECT_THROW(insert("a", 2, 36, 100), SQLite::Exception);
    EXPECT_EQ(rows("a").size(), 1u);
}

}  // namespace
}  // namespace moshtari
