#pragma once
// Sets of status codes a provider profile names: "429", "500-599".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::channel_phone {

class StatusRanges {
  public:
    StatusRanges() = default;
    // Each item is a code or "first-last"; nullopt (with `error` set) when an item is neither.
    static std::optional<StatusRanges> parse(const std::vector<std::string>& items,
                                             std::string& error);

    bool contains(long status) const;

  private:
    struct Range {
        long first = 0;
        long last = 0;
    };
    explicit StatusRanges(std::vector<Range> ranges) : ranges_(std::move(ranges)) {}
    std::vector<Range> ranges_;
};

}  // namespace moshtari::channel_phone
