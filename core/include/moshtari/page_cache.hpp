#pragma once
// A larger SQLite page cache on a connection for as long as one of these lives, then the size it
// had: for bulk writes (a batch's ledger entries, a segmentation run's memberships) whose index
// inserts the default 2 MB cache would spill and re-read from the file.

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
