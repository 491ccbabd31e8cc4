#include "moshtari/sdk/testing.hpp"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "moshtari/config_error.hpp"

namespace moshtari::testing {

namespace {

// A YAML flow sequence of double-quoted items (the test's paths hold no quotes or backslashes).
std::string flow_list(const std::vector<std::string>& items) {
    std::string text = "[";
    for (const auto& item : items) text += (text.size() > 1 ? ", \"" : "\"") + item + '"';
    return text + "]";
}

// Writes the moshtari.yaml of a TestWorkspace with these arguments into `dir`; returns its path.
std::filesystem::path write_config(const std::filesystem::path& dir,
                                   const std::vector<std::filesystem::path>& plugin_dirs,
                                   const std::string& yaml,
                                   const std::vector<std::string>& enabled_plugins) {
    const auto file = dir / "moshtari.yaml";
    std::ofstream out(file);
    std::vector<std::string> paths;
    for (const auto& plugin_dir : plugin_dirs) paths.push_back(plugin_dir.string());
    out << "workspace:\n  database: moshtari.db\n  currency: EUR\nplugins:\n  paths: "
        << flow_list(paths) << '\n';
    // Only when given, so the lines of `yaml` in error messages do not depend on it.
    if (!enabled_plugins.empty()) out << "  enabled: " << flow_list(enabled_plugins) << '\n';
    out << yaml << '\n';
    return file;
}

}  // namespace

ConfigRefusal config_refusal(std::vector<std::filesystem::path> plugin_dirs, std::string yaml,
                             std::vector<std::string> enabled_plugins) {
    // A folder of its own rather than a TestWorkspace's, which is removed before the refusal is
    // caught: the file the problem points into may be its moshtari.yaml.
    const TempDir dir("moshtari-test");
    try {
        const auto accepted =
            Workspace::open(write_config(dir.path(), plugin_dirs, yaml, enabled_plugins));
    } catch (const ConfigError& e) {
        const auto& problem = e.problems().front();
        std::ifstream in(problem.where.file);
        return {problem.where.file,
                problem.where.line,
                problem.where.column,
                problem.message,
                std::string(std::istreambuf_iterator<char>(in), {}),
                e.problems().size()};
    }
    throw std::logic_error("the configuration was accepted:\n" + yaml);
}

std::pair<int, int> position_in(std::string_view text, std::string_view needle,
                                std::string_view from) {
    const auto start = text.find(from);
    const auto at = start == std::string_view::npos ? start : text.find(needle, start);
    if (at == std::string_view::npos) return {-1, -1};
    const auto line_start = text.rfind('\n', at);
    const auto column = at - (line_start == std::string_view::npos ? 0 : line_start + 1);
    return {1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')),
            static_cast<int>(column) + 1};
}

TempDir::TempDir(std::string_view prefix) {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::vector<DeliveryResult> deliver_batch(Channel& channel,
                                          const std::vector<OutboundMessage>& batch) {
    class Collected final : public DeliveryReceipts {
      public:
        explicit Collected(std::size_t size) : results(size) {}
        void record(std::size_t index, const DeliveryResult& result) override {
            if (index >= results.size() || results[index]) {
                throw std::logic_error(
                    "channel reported message " + std::to_string(index) + " of a batch of " +
                    std::to_string(results.size()) +
                    (index >= results.size() ? ", which does not exist" : " twice"));
            }
            results[index] = result;
        }
        std::vector<std::optional<DeliveryResult>> results;
    } collected(batch.size());
    channel.deliver(batch, collected);
    std::vector<DeliveryResult> results;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!collected.results[i]) {
            throw std::logic_error("channel reported nothing for message " + std::to_string(i) +
                                   " of the batch");
        }
        results.push_back(*collected.results[i]);
    }
    return results;
}

TestWorkspace::TestWorkspace(std::vector<std::filesystem::path> plugin_dirs, std::string yaml,
                             std::vector<std::string> enabled_plugins)
    : dir_("moshtari-test"),
      config_file_(write_config(dir_.path(), plugin_dirs, yaml, enabled_plugins)) {
    reopen();
}

void TestWorkspace::reopen() {
    workspace_.reset();
    workspace_ = Workspace::open(config_file_);
}

}  // namespace moshtari::testing
