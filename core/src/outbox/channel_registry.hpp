#pragma once
// The channels running plugins registered, by name.

#include "moshtari/channel.hpp"
#include "workspace/extension_registry.hpp"

namespace moshtari {

using ChannelRegistry = ExtensionRegistry<Channel>;

}  // namespace moshtari
