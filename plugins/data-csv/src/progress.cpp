#include "progress.hpp"

#include <fmt/format.h>

namespace moshtari::data_csv {

using Clock = std::chrono::steady_clock;

Progress::Progress(std::ostream& out, bool terminal)
    : out_(out), terminal_(terminal), start_(Clock::now()), last_(start_) {}

void Progress::maybe_print(long rows) {
    const auto now = Clock::now();
    if (now - last_ < (terminal_ ? std::chrono::milliseconds(200) : std::chrono::seconds(5)))
        return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const auto line =
        fmt::format("{} rows, {:.0f} rows/s", rows, seconds > 0 ? rows / seconds : 0.0);
    if (terminal_) {
        out_ << '\r' << line << "\x1b[K" << std::flush;
    } else {
        out_ << line << '\n';
    }
}

void Progress::finish() {
    if (terminal_ && last_ != start_) out_ << '\r' << "\x1b[K" << std::flush;
}

}  // namespace moshtari::data_csv
