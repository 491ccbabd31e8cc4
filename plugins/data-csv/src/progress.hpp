#pragma once
// Rows read and rows per second while an import runs: rewritten in place on a terminal, a plain
// line every few seconds when stderr is a file or a pipe (logs, CI).

#include <chrono>
#include <ostream>

namespace moshtari::data_csv {

class Progress {
  public:
    Progress(std::ostream& out, bool terminal);
    void tick(long rows) {
        if ((rows & 0x3ff) == 0) maybe_print(rows);
    }
    // Clears the terminal line so the summary starts on a clean one.
    void finish();

  private:
    void maybe_print(long rows);

    std::ostream& out_;
    bool terminal_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace moshtari::data_csv
