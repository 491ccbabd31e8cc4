#include "mailbox_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "moshtari/error.hpp"

namespace moshtari::email {

namespace {

std::string read_whole(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError(fmt::format("cannot read {}", file.string()));
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// mboxrd quoting: a body line ">From " (with any number of '>') lost one '>' when it was stored.
std::string unquote_from(std::string_view line) {
    const auto first = line.find_first_not_of('>');
    if (first != std::string_view::npos && first > 0 && line.substr(first).starts_with("From ")) {
        line.remove_prefix(1);
    }
    return std::string(line);
}

std::vector<MailboxMessage> read_mbox(const std::filesystem::path& file) {
    const std::string text = read_whole(file);
    if (!text.empty() && !text.starts_with("From ")) {
        throw UserError(
            fmt::format("{} is not an mbox file: it does not start with a \"From \" "
                        "line; give an mbox file or a maildir folder",
                        file.string()));
    }
    std::vector<MailboxMessage> messages;
    std::size_t start = 0;
    bool previous_blank = true;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        if (previous_blank && line.starts_with("From ")) {
            messages.push_back(
                {fmt::format("{}, message {}", file.string(), messages.size() + 1), {}});
        } else {
            messages.back().raw += unquote_from(line);
            messages.back().raw += '\n';
        }
        previous_blank = line.empty() || line == "\r";
        start = end + 1;
    }
    return messages;
}

std::vector<MailboxMessage> read_maildir(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    for (const char* sub : {"cur", "new"}) {
        const auto dir = folder / sub;
        if (!std::filesystem::is_directory(dir)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
    }
    if (!std::filesystem::is_directory(folder / "cur") &&
        !std::filesystem::is_directory(folder / "new")) {
        throw UserError(
            fmt::format("{} is not a maildir: it has neither cur/ nor new/", folder.string()));
    }
    std::sort(files.begin(), files.end());
    std::vector<MailboxMessage> messages;
    for (const auto& file : files) messages.push_back({file.string(), read_whole(file)});
    return messages;
}

}  // namespace

std::vector<MailboxMessage> read_mailbox(const std::filesystem::path& path) {
    if (std::filesystem::is_directory(path)) return read_maildir(path);
    if (!std::filesystem::exists(path)) {
        throw UserError(
            fmt::format("{} does not exist; give an mbox file or a maildir folder", path.string()));
    }
    return read_mbox(path);
}

}  // namespace moshtari::email
