#include "moshtari/page_cache.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "moshtari/database.hpp"

namespace moshtari {

LargerPageCache::LargerPageCache(Database& db, int mebibytes)
    : db_(db), saved_(db.sql().execAndGet("PRAGMA cache_size").getInt()) {
    db_.sql().exec(fmt::format("PRAGMA cache_size = {}", -1024 * mebibytes));  // negative: KiB
}

LargerPageCache::~LargerPageCache() {
    try {
        db_.sql().exec(fmt::format("PRAGMA cache_size = {}", saved_));
    } catch (const SQLite::Exception&) {
        // Only speed depends on it: a connection that cannot take it back stays correct.
    }
}

}  // namespace moshtari
