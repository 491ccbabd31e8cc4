#include "moshtari/sdk/testing.hpp"

#include <unistd.h>
#include <atomic>
#include <fstream>

namespace moshtari::testing {

std::filesystem::path make_temp_dir(std::string_view prefix) {
    static std::atomic<int> counter{0};
    auto dir =
        std::filesystem::temp_directory_path() /
        (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

TestWorkspace::TestWorkspace(std::vector<std::filesystem::path> plugin_dirs, std::string yaml)
    : dir_(make_temp_dir("moshtari-test")), config_file_(dir_ / "moshtari.yaml") {
    std::ofstream out(config_file_);
    out << "workspace:\n  database: moshtari.db\n  currency: EUR\nplugins:\n  paths: [";
    for (std::size_t i = 0; i < plugin_dirs.size(); ++i) {
        out << (i ? ", " : "") << '"' << plugin_dirs[i].string() << '"';
    }
    out << "]\n" << yaml << '\n';
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
