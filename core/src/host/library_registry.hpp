#pragma once
// Plugin libraries, once opened, stay mapped until the process exits: code from a library may
// still be referenced after its plugin is gone (a vtable behind a std::function, a static
// destructor registered with atexit, a string from a static), and unloading it would turn those
// into crashes at exit. OBS does the same.

#include <filesystem>
#include <memory>

#include <boost/dll/shared_library.hpp>

namespace moshtari {

// Opens the library (dlopen with RTLD_LAZY | RTLD_LOCAL) and records it so it is never closed.
// Throws std::runtime_error with the loader's message when it cannot be opened.
std::shared_ptr<const boost::dll::shared_library> open_library_forever(
    const std::filesystem::path& file);

}  // namespace moshtari
