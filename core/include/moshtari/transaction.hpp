#pragma once
// RAII transaction: BEGIN IMMEDIATE at the outermost level, a SAVEPOINT when nested; rolled back
// unless committed.

#include "moshtari/export.hpp"

namespace moshtari {

class Database;

class MOSHTARI_API Transaction {
  public:
    explicit Transaction(Database& db);
    // Rolls back if commit() was not reached; never throws.
    ~Transaction() noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

  private:
    Database& db_;
    int level_;
    bool done_ = false;
};

}  // namespace moshtari
