#pragma once
// An import's transactions: a commit every `size` rows, so a process killed at any moment loses
// at most the batch in progress and a re-run picks up where the store is. Each commit carries the
// batch's one event. A dry run keeps one transaction open and never commits it.

#include <cstddef>
#include <functional>
#include <optional>

#include "moshtari/transaction.hpp"

namespace moshtari::data_csv {

class Batches {
  public:
    // `before_commit` appends the batch event; it runs inside the transaction it describes.
    Batches(Database& db, std::size_t size, bool dry_run, std::function<void()> before_commit);

    void row_done() { ++rows_; }
    // True once the batch holds `size` rows; the caller commits where a record ends.
    bool due() const { return rows_ >= size_; }
    // Commits the batch (a dry run only forgets it) and opens the next.
    void commit();
    // The last commit; in a dry run, rolls everything back.
    void finish();

  private:
    Database& db_;
    std::size_t size_;
    bool dry_run_;
    std::function<void()> before_commit_;
    std::optional<Transaction> transaction_;
    std::size_t rows_ = 0;
};

}  // namespace moshtari::data_csv
