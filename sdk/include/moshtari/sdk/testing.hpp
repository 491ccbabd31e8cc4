#pragma once
// A real workspace for plugin tests: a temporary folder with a moshtari.yaml and an SQLite file,
// the real host loading real plugin libraries. Removed when the TestWorkspace is destroyed.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "moshtari/channel.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::testing {

// A fresh empty folder under the system temp dir, unique to this process and call
// (`prefix`-pid-n), removed with everything in it when the TempDir is destroyed.
class TempDir {
  public:
    explicit TempDir(std::string_view prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::filesystem::path& name) const {
        return path_ / name;
    }

  private:
    std::filesystem::path path_;
};

class TestWorkspace {
  public:
    // `plugin_dirs`: folders to discover plugins in; `yaml`: extra configuration appended to
    // moshtari.yaml (plugin sections, pipelines); `enabled_plugins`: the plugins to run, empty for
    // every one found. Throws what Workspace::open throws.
    explicit TestWorkspace(std::vector<std::filesystem::path> plugin_dirs = {},
                           std::string yaml = {}, std::vector<std::string> enabled_plugins = {});
    TestWorkspace(const TestWorkspace&) = delete;
    TestWorkspace& operator=(const TestWorkspace&) = delete;

    Workspace& workspace() { return *workspace_; }
    Workspace* operator->() { return workspace_.get(); }
    const std::filesystem::path& dir() const { return dir_.path(); }
    const std::filesystem::path& config_file() const { return config_file_; }

    // Closes and opens the workspace again on the same files, as a restarted process would.
    void reopen();

  private:
    TempDir dir_;  // first: removed also when the constructor throws
    std::filesystem::path config_file_;
    std::unique_ptr<Workspace> workspace_;
};

// Hands `batch` to `channel` as the delivery worker does and returns the outcomes it reported, in
// batch order. Throws std::logic_error when the channel reports a message twice or not at all.
std::vector<DeliveryResult> deliver_batch(Channel& channel,
                                          const std::vector<OutboundMessage>& batch);

// The first problem opening a TestWorkspace with these arguments is refused with, the whole text
// of the file it points into (to find where a key is), and how many problems there were.
struct ConfigRefusal {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
    std::string text;
    std::size_t problems = 0;
};
// Throws std::logic_error when the configuration is accepted.
ConfigRefusal config_refusal(std::vector<std::filesystem::path> plugin_dirs, std::string yaml,
                             std::vector<std::string> enabled_plugins);
// The 1-based line and column where `needle` first appears in `text` after the first appearance
// of `from`; {-1, -1} when either does not appear.
std::pair<int, int> position_in(std::string_view text, std::string_view needle,
                                std::string_view from = {});

}  // namespace moshtari::testing
