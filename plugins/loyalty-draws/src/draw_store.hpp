#pragma once
// The plugin's tables: draws, their entries, the frozen entry list of a committed draw, and the
// picks of a run (winners and the customers drawn but excluded). Callers hold the Transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entry_list.hpp"
#include "moshtari/channel.hpp"
#include "moshtari/customer.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/time.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::draws {

std::vector<Migration> migrations();

// open: entries accrue; committed: the entry list is frozen and its hash published; drawn.
enum class DrawStatus { open, committed, drawn };
const char* to_string(DrawStatus status);

struct Draw {
    std::int64_t id = 0;
    std::string name{};
    Timestamp from{};  // entries dated in [from, to) count
    Timestamp to{};
    std::int64_t winners = 1;
    std::vector<std::string> prizes{};  // none, one for every winner, or one per rank
    DrawStatus status = DrawStatus::open;
    std::string seed_commitment{};  // SHA-256 of the secret, published at creation
    Timestamp created_at{};
    std::string created_by{};
    std::optional<Timestamp> committed_at{};
    std::string entries_sha256{};  // of the canonical list, published at commitment
    std::int64_t entry_lines = 0;  // the committed list's lines, tickets and customers
    std::int64_t tickets = 0;
    std::int64_t customers = 0;
    std::string beacon_source{};  // a public value announced at commitment, to be mixed in
    std::optional<Timestamp> drawn_at{};
    std::string beacon{};  // its value, given at the run
    std::string seed{};    // the seed text, revealed at the run; empty before

    // The prize of the winner of that rank (1-based); empty when the draw names none.
    std::string prize_for(std::int64_t rank) const;
};

struct Entry {
    std::int64_t id = 0;
    std::string draw{};                    // the draw's name
    std::string source{};                  // "order:12", "referral:40", "manual:<reference>"
    std::optional<CustomerId> customer{};  // empty once the customer is erased
    std::int64_t count = 0;
    Timestamp at{};
    std::string reason{};
    std::string by{};
};

// A customer drawn in a run, in draw order: a winner, or excluded with the reason.
struct RecordedPick {
    std::int64_t position = 0;  // 1-based
    std::int64_t entry = 0;
    std::int64_t listed_customer = 0;      // as in the committed list
    std::optional<CustomerId> customer{};  // who it is now (merged, erased)
    bool winner = false;
    std::string reason{};   // why excluded
    std::int64_t rank = 0;  // 1-based among winners
    std::string prize{};
    std::optional<MessageId> message{};  // the notification queued
};

struct PickInDraw {
    std::string draw{};
    RecordedPick pick{};
};

class DrawStore {
  public:
    explicit DrawStore(Database& db) : db_(db) {}

    std::int64_t insert(const Draw& draw, const std::string& secret);
    std::optional<Draw> find(std::string_view name) const;
    // The draw named `name`; NotFound naming the draws there are otherwise.
    Draw get(std::string_view name) const;
    std::vector<Draw> list() const;
    std::vector<Draw> open() const;
    std::string secret(std::int64_t draw) const;

    // Inserts an entry and returns its id; nullopt when the draw already has one from `source`.
    std::optional<std::int64_t> insert_entry(std::int64_t draw, const Entry& entry);
    // The entries of an open draw as its canonical list will number them.
    std::vector<ListedEntry> listed(std::int64_t draw) const;
    std::vector<Entry> entries_of(CustomerId customer) const;
    // Whom the entry belongs to now (merges move entries); empty once they were erased.
    std::optional<CustomerId> owner_of(std::int64_t entry) const;

    void commit(const Draw& draw, const std::string& list);
    std::string committed_list(std::int64_t draw) const;
    void record_result(const Draw& draw, const std::vector<RecordedPick>& picks);
    std::vector<RecordedPick> picks(std::int64_t draw) const;
    std::vector<PickInDraw> picks_of(CustomerId customer) const;

  private:
    Database& db_;
};

}  // namespace moshtari::draws
