#include "moshtari/sdk/testing.hpp"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "moshtari/config_error.hpp"

namespace moshtari::testing {

ConfigRefusal config_refusal(std::vector<std::filesystem::path> plugin_dirs, std::string yaml,
                             std::vector<std::string> enabled_plugins) {
    try {
        TestWorkspace accepted(std::move(plugin_dirs), yaml, std::move(enabled_plugins));
    } catch (const ConfigError& e) {
        const auto& problem = e.problems().front();
        std::ifstream in(problem.where.file);
        return {problem.where.file, problem.where.line, problem.where.column, problem.message,
                std::string(std::istreambuf_iterator<char>(in), {})};
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

std::filesystem::path make_temp_dir(std::string_view prefix) {
    static std::atomic<int> counter{0};
    auto dir =
        std::filesystem::temp_directory_path() /
        (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

namespace {

// A YAML flow sequence of double-quoted items (the test's paths hold no quotes or backslashes).
std::string flow_list(const std::vector<std::string>& items) {
    std::string text = "[";
    for (const auto& item : items) text += (text.size() > 1 ? ", \"" : "\"") + item + '"';
    return text + "]";
}

}  // namespace

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
    : dir_(make_temp_dir("moshtari-test")), config_file_(dir_ / "moshtari.yaml") {
    std::ofstream out(config_file_);
    std::vector<std::string> paths;
    for (const auto& dir : plugin_dirs) paths.push_back(dir.string());
    out << "workspace:\n  database: moshtari.db\n  currency: EUR\nplugins:\n  paths: "
        << flow_list(paths) << '\n';
    // Only when given, so the lines of `yaml` in error messages do not depend on it.
    if (!enabled_plugins.empty()) out << "  enabled: " << flow_list(enabled_plugins) << '\n';
    out << yaml << '\n';
    out.close();
    reopen();
}

TestWorkspace::~TestWorkspace() {
    workspace_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void TestWorkspace::reopen() {
    workspace_.reset();
    workspace_ = Workspace::open(config_file_);
}

}  // namespace moshtari::testing
