#include "batches.hpp"

namespace moshtari::data_csv {

Batches::Batches(Database& db, std::size_t size, bool dry_run, std::function<void()> before_commit)
    : db_(db), size_(size), dry_run_(dry_run), before_commit_(std::move(before_commit)) {
    transaction_.emplace(db_);
}

void Batches::commit() {
    rows_ = 0;
    if (dry_run_) return;
    before_commit_();
    transaction_->commit();
    transaction_.reset();
    transaction_.emplace(db_);
}

void Batches::finish() {
    if (!dry_run_) {
        before_commit_();
        transaction_->commit();
    }
    transaction_.reset();
}

}  // namespace moshtari::data_csv
