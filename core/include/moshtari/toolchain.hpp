#pragma once
// The toolchain tag: compiler, C++ standard library and build type, which must match between host
// and plugin.

#include <string_view>

#include "moshtari/export.hpp"

#if defined(__clang__)
#define MOSHTARI_COMPILER_TAG "clang"
#elif defined(__GNUC__)
#define MOSHTARI_COMPILER_TAG "gcc"
#else
#define MOSHTARI_COMPILER_TAG "unknown-compiler"
#endif

#if defined(_GLIBCXX_RELEASE) && _GLIBCXX_USE_CXX11_ABI
#define MOSHTARI_STDLIB_TAG "libstdc++-cxx11"
#elif defined(_GLIBCXX_RELEASE)
#define MOSHTARI_STDLIB_TAG "libstdc++-old"
#elif defined(_LIBCPP_VERSION)
#define MOSHTARI_STDLIB_TAG "libc++"
#else
#define MOSHTARI_STDLIB_TAG "unknown-stdlib"
#endif

#if defined(_GLIBCXX_DEBUG)
#define MOSHTARI_BUILD_TAG "checked"
#elif defined(NDEBUG)
#define MOSHTARI_BUILD_TAG "release"
#else
#define MOSHTARI_BUILD_TAG "debug"
#endif

// Expanded in the translation unit that uses it, so a plugin reports the toolchain it was compiled
// with.
#define MOSHTARI_TOOLCHAIN_TAG MOSHTARI_COMPILER_TAG "/" MOSHTARI_STDLIB_TAG "/" MOSHTARI_BUILD_TAG

namespace moshtari {
// The tag this host was compiled with.
MOSHTARI_API std::string_view host_toolchain_tag() noexcept;
}  // namespace moshtari
