#pragma once
// A larger SQLite page cache on a connection for as long as one of these lives, then the size it
// had: for bulk writes whose inserts land at random keys (a batch's ledger entries), which the
// default 2 MB cache would spill and read back from the file.

#include "moshtari/export.hpp"

namespace moshtari {

class Database;

class MOSHTARI_API LargerPageCache {
  public:
    LargerPageCache(Database& db, int mebibytes);
    ~LargerPageCache();
    LargerPageCache(const LargerPageCache&) = delete;
    LargerPageCache& operator=(const LargerPageCache&) = delete;

  private:
    Database& db_;
    int saved_ = 0;
};

}  // namespace moshtari
