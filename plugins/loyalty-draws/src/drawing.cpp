#include "drawing.hpp"

#include <limits>
#include <map>

#include "sha256.hpp"

namespace moshtari::draws {

namespace {

// Tickets per list position, with prefix sums and "the first position whose prefix sum exceeds u"
// in O(log n), so removing a customer and picking again stay cheap on long lists.
class Tickets {
  public:
    explicit Tickets(const std::vector<ListedEntry>& list) : tree_(list.size() + 1, 0) {
        for (std::size_t i = 0; i < list.size(); ++i) add(i, list[i].count);
        while (top_ * 2 <= list.size()) top_ *= 2;
    }
    std::uint64_t total() const { return total_; }
    void add(std::size_t position, std::int64_t count) {
        total_ += static_cast<std::uint64_t>(count);
        for (std::size_t i = position + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += count;
    }
    std::size_t find(std::uint64_t u) const {
        std::size_t position = 0;
        auto left = static_cast<std::int64_t>(u);
        for (std::size_t step = top_; step > 0; step /= 2) {
            if (position + step < tree_.size() && tree_[position + step] <= left) {
                position += step;
                left -= tree_[position];
            }
        }
        return position;  // 0-based: the tree's position + 1 holds it
    }

  private:
    std::vector<std::int64_t> tree_;
    std::uint64_t total_ = 0;
    std::size_t top_ = 1;
};

}  // namespace

RandomStream::RandomStream(std::string_view seed) : buffer_(seed) {
    buffer_.append(8, '\0');
}

std::uint64_t RandomStream::next() {
    const std::size_t at = buffer_.size() - 8;
    for (int i = 0; i < 8; ++i)
        buffer_[at + i] = static_cast<char>((counter_ >> (56 - 8 * i)) & 0xff);
    ++counter_;
    const Digest block = sha256(buffer_);
    std::uint64_t r = 0;
    for (int i = 0; i < 8; ++i) r = (r << 8) | block[i];
    return r;
}

std::uint64_t RandomStream::uniform(std::uint64_t n) {
    // 2^64 mod n is (2^64 - n) mod n; r is accepted below 2^64 minus that, so every answer has
    // the same number of r behind it.
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t highest = kMax - (kMax - n + 1) % n;
    for (;;) {
        const std::uint64_t r = next();
        if (r <= highest) return r % n;
    }
}

std::vector<Pick> draw_order(const std::vector<ListedEntry>& list, std::string_view seed,
                             std::size_t winners, const std::function<bool(const Pick&)>& accept) {
    Tickets tickets(list);
    std::map<std::int64_t, std::vector<std::size_t>> positions_of;
    for (std::size_t i = 0; i < list.size(); ++i) positions_of[list[i].customer].push_back(i);
    RandomStream random(seed);
    std::vector<Pick> picks;
    std::size_t accepted = 0;
    while (accepted < winners && tickets.total() > 0) {
        const ListedEntry& drawn = list[tickets.find(random.uniform(tickets.total()))];
        const Pick pick{drawn.entry, drawn.customer};
        for (const std::size_t position : positions_of[pick.customer])
            tickets.add(position, -list[position].count);
        picks.push_back(pick);
        if (accept(pick)) ++accepted;
    }
    return picks;
}

}  // namespace moshtari::draws
