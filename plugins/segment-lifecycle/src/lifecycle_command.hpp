#pragma once
// `moshtari lifecycle`: customers per phase; `moshtari lifecycle customers PHASE`: who is in one.

#include "lifecycle_store.hpp"
#include "moshtari/command.hpp"

namespace moshtari::lifecycle {

Command lifecycle_command(const LifecycleStore& store);

}  // namespace moshtari::lifecycle
