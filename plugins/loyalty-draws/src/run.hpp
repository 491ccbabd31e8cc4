#pragma once
// `draws run`: commits the draw if it is still open, reveals the seed, draws customers in order,
// excludes those who may not win (checked now: erased, a merged duplicate of an earlier pick, an
// excluded tag, no consent), records the picks and queues the winners' messages, all in one
// transaction. A draw is run once; running it again returns what was recorded.

#include <string>
#include <vector>

#include "draw_store.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::draws {

struct RunResult {
    Draw draw{};
    std::vector<RecordedPick> picks{};
    bool fresh = false;  // false: drawn before, nothing changed
};

// `beacon`: the value of the public source announced at commitment; refused when none was.
RunResult run_draw(Workspace& workspace, const Settings& settings, const std::string& name,
                   const std::string& beacon, Timestamp at);

}  // namespace moshtari::draws
