#pragma once
// Who holds a message in state `sending`: "host:pid" of the worker process that claimed it.

#include <string>

namespace moshtari {

// This process, as written to outbox_messages.claimed_by.
const std::string& this_claimant();
// True when the claimant ran on this host and that process no longer exists: it was killed
// between handing messages over and recording the outcome, so they may be claimed again at once
// instead of when their lease runs out.
bool claimant_gone(const std::string& claimant);

}  // namespace moshtari
