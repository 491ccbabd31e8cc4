#include "moshtari/transaction.hpp"

#include <SQLiteCpp/Database.h>
#include <spdlog/spdlog.h>

#include <string>

#include "moshtari/database.hpp"

namespace moshtari {

namespace {
std::string savepoint_name(int level) {
    return "moshtari_sp" + std::to_string(level);
}
}  // namespace

Transaction::Transaction(Database& db) : db_(db), level_(db.depth_) {
    // IMMEDIATE takes the write lock up front, so two writers wait on the busy timeout instead of
    // deadlocking on a lock upgrade half-way through.
    db_.sql().exec(level_ == 0 ? std::string("BEGIN IMMEDIATE")
                               : "SAVEPOINT " + savepoint_name(level_));
    ++db_.depth_;
}

void Transaction::commit() {
    db_.sql().exec(level_ == 0 ? std::string("COMMIT") : "RELEASE " + savepoint_name(level_));
    done_ = true;
    --db_.depth_;
}

Transaction::~Transaction() noexcept {
    if (done_) return;
    try {
        if (level_ == 0) {
            db_.sql().exec("ROLLBACK");
        } else {
            const auto name = savepoint_name(level_);
            db_.sql().exec("ROLLBACK TO " + name);
            db_.sql().exec("RELEASE " + name);
        }
    } catch (const std::exception& e) {
        spdlog::error("rolling back a transaction on {} failed: {}", db_.path().string(), e.what());
    }
    --db_.depth_;
}

}  // namespace moshtari
