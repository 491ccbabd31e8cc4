#pragma once
// A larger SQLite page cache on the workspace's connection for as long as one of these lives, then
// the size it had: earning for an imported batch inserts into the ledger's indexes at random keys,
// which the default 2 MB cache re-reads from the file for nearly every entry.

namespace moshtari {
class Database;
}

namespace moshtari::loyalty {

class LargerPageCache {
  public:
    LargerPageCache(Database& db, int mebibytes);
    ~LargerPageCache();
    LargerPageCache(const LargerPageCache&) = delete;
    LargerPageCache& operator=(const LargerPageCache&) = delete;

  private:
    Database& db_;
    int saved_ = 0;
};

}  // namespace moshtari::loyalty
