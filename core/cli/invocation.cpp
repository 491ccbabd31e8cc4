#include "invocation.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace moshtari::cli {

namespace {

constexpr std::string_view kConfig = "--config";

// "-v", "-vv", ...: CLI11 accepts repeated short flags in one word.
int short_verbose_count(std::string_view arg) {
    if (arg.size() < 2 || arg[0] != '-' || arg[1] == '-') return 0;
    const auto flags = arg.substr(1);
    return std::all_of(flags.begin(), flags.end(), [](char c) { return c == 'v'; })
               ? static_cast<int>(flags.size())
               : 0;
}

}  // namespace

Invocation scan_invocation(int argc, const char* const* argv) {
    Invocation invocation;
    std::string config;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") break;  // positional arguments only from here on
        if (arg == kConfig) {
            if (i + 1 < argc) config = argv[++i];
        } else if (arg.starts_with(kConfig) && arg[kConfig.size()] == '=') {
            config = arg.substr(kConfig.size() + 1);
        } else if (arg == "--verbose") {
            ++invocation.verbosity;
        } else if (const int count = short_verbose_count(arg); count > 0) {
            invocation.verbosity += count;
        } else if (!arg.starts_with('-') && invocation.command.empty()) {
            invocation.command = arg;
        }
    }
    if (config.empty()) {
        const char* from_environment = std::getenv("MOSHTARI_CONFIG");
        config = from_environment && *from_environment ? from_environment : "moshtari.yaml";
    }
    invocation.config_file = config;
    return invocation;
}

}  // namespace moshtari::cli
