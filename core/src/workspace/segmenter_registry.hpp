#pragma once
// The segmenters running plugins registered, by name.

#include "moshtari/segmenter.hpp"
#include "workspace/extension_registry.hpp"

namespace moshtari {

using SegmenterRegistry = ExtensionRegistry<Segmenter>;

}  // namespace moshtari
