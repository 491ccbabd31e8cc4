#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <vector>

#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari {
namespace {

class DatabaseTest : public ::testing::Test {
  protected:
    testing::TempDir dir{"moshtari-db"};
    std::filesystem::path file = dir / "test.db";

    static std::int64_t count(Database& db, const std::string& table) {
        SQLite::Statement q(db.sql(), "SELECT COUNT(*) FROM " + table);
        q.executeStep();
        return q.getColumn(0).getInt64();
    }
};

const std::vector<Migration> kTwoMigrations{
    {1, "notes", "CREATE TABLE demo_notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"},
    {2, "note authors", "ALTER TABLE demo_notes ADD COLUMN author TEXT NOT NULL DEFAULT ''"},
};

TEST_F(DatabaseTest, OpensWithWalAndForeignKeys) {
    Database db(file);
    EXPECT_EQ(db.sql().execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(db.sql().execAndGet("PRAGMA foreign_keys").getInt(), 1);
}

TEST_F(DatabaseTest, MigrationsApplyOnceAndAreRecordedPerNamespace) {
    {
        Database db(file);
        migrate(db, "demo", kTwoMigrations);
        EXPECT_EQ(schema_version(db, "demo"), 2);
        EXPECT_EQ(schema_version(db, "other"), 0);
    }
    Database reopened(file);
    migrate(reopened, "demo",
            kTwoMigrations);  // nothing left to do: must not fail on the existing table
    EXPECT_EQ(count(reopened, "schema_migrations"), 2);
    reopened.sql().exec("INSERT INTO demo_notes (text, author) VALUES ('hello', 'sara')");
}

TEST_F(DatabaseTest, NewerSchemaIsRefusedWithAnExplanation) {
    {
        Database db(file);
        migrate(db, "demo", kTwoMigrations);
    }
    Database db(file);
    const std::vector<Migration> older(kTwoMigrations.begin(), kTwoMigrations.begin() + 1);
    try {
        migrate(db, "demo", older);
        FAIL() << "an older build opened a newer database";
    } catch (const UserError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("schema version 2"), std::string::npos) << message;
        EXPECT_NE(message.find("newer"), std::string::npos) << message;
    }
}

TEST_F(DatabaseTest, AFailingMigrationLeavesNothingBehind) {
    Database db(file);
    const std::vector<Migration> broken{
        {1, "notes",
         "CREATE TABLE demo_notes (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)"}};
    EXPECT_THROW(migrate(db, "demo", broken), std::runtime_error);
    EXPECT_EQ(schema_version(db, "demo"), 0);
    EXPECT_FALSE(db.sql().tableExists("demo_notes"));
}

TEST_F(DatabaseTest, TransactionRollsBackUnlessCommitted) {
    Database db(file);
    migrate(db, "demo", kTwoMigrations);
    {
        Transaction tx(db);
        db.sql().exec("INSERT INTO demo_notes (text) VALUES ('lost')");
    }
    EXPECT_EQ(count(db, "demo_notes"), 0);
    EXPECT_FALSE(db.in_transaction());
    {
        Transaction tx(db);
        db.sql().exec("INSERT INTO demo_notes (text) VALUES ('kept')");
        tx.commit();
    }
    EXPECT_EQ(count(db, "demo_notes"), 1);
}

TEST_F(DatabaseTest, NestedTransactionRollsBackOnlyItsOwnWork) {
    Database db(file);
    migrate(db, "demo", kTwoMigrations);
    Transaction outer(db);
    db.sql().exec("INSERT INTO demo_notes (text) VALUES ('outer')");
    {
        Transaction inner(db);
        db.sql().exec("INSERT INTO demo_notes (text) VALUES ('inner')");
    }
    outer.commit();
    EXPECT_EQ(count(db, "demo_notes"), 1);
    EXPECT_EQ(db.sql().execAndGet("SELECT text FROM demo_notes").getString(), "outer");
}

TEST_F(DatabaseTest, UnopenableFileIsAUserErrorNamingIt) {
    try {
        Database db(dir / "missing-folder" / "x.db");
        FAIL();
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("missing-folder"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace moshtari
