#pragma once
// The draw itself: a portable, fully specified function of the seed text and the entry list, so
// anyone can recompute it (tools/recompute_winners.py does, in a few lines of Python).
//
//   block(i) = SHA-256(seed bytes || i as 8 bytes big-endian), i = 0, 1, 2, ...
//   each block gives one number r: its first 8 bytes, big-endian
//   uniform(n): take r until r < 2^64 - (2^64 mod n); answer r mod n
//   pick: u = uniform(total tickets left); walk the entries left in list order, adding their
//         counts; the entry where the sum first exceeds u is drawn, and every entry of its
//         customer leaves the pool (a customer wins at most once)
//
// Picks go on until enough of them were accepted (not excluded) or the pool is empty.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "entry_list.hpp"

namespace moshtari::draws {

class RandomStream {
  public:
    explicit RandomStream(std::string_view seed);
    std::uint64_t next();
    // Uniform in [0, n) by rejection, for n >= 1.
    std::uint64_t uniform(std::uint64_t n);

  private:
    std::string buffer_;  // the seed's bytes, then the counter's 8
    std::uint64_t counter_ = 0;
};

struct Pick {
    std::int64_t entry = 0;
    std::int64_t customer = 0;
    friend bool operator==(const Pick&, const Pick&) = default;
};

// The picks in draw order. `accept` says whether a pick counts as a winner (false: excluded);
// drawing stops once `winners` picks were accepted.
std::vector<Pick> draw_order(const std::vector<ListedEntry>& list, std::string_view seed,
                             std::size_t winners, const std::function<bool(const Pick&)>& accept);

}  // namespace moshtari::draws
