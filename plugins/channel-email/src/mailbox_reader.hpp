#pragma once
// The messages of an mbox file (split at "From " lines) or of a maildir (cur/ and new/).

#include <filesystem>
#include <string>
#include <vector>

namespace moshtari::email {

struct MailboxMessage {
    std::string source;  // "bounces.mbox, message 3" or "Maildir/new/1700000000.M1.host"
    std::string raw;
};

// A folder is read as a maildir, a file as an mbox. Throws UserError when it cannot be read or is
// neither.
std::vector<MailboxMessage> read_mailbox(const std::filesystem::path& path);

}  // namespace moshtari::email
