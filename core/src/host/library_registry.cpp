#include "host/library_registry.hpp"

#include <dlfcn.h>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace moshtari {
namespace {

struct Registry {
    std::mutex mutex;
    std::vector<std::shared_ptr<const boost::dll::shared_library>> libraries;
};

// Leaked on purpose: a static registry would be destroyed at exit, closing the libraries while
// other static destructors may still run code from them.
Registry& registry() {
    static auto* instance = new Registry;
    return *instance;
}

}  // namespace

std::shared_ptr<const boost::dll::shared_library> open_library_forever(
    const std::filesystem::path& file) {
    auto library = std::make_shared<boost::dll::shared_library>();
    boost::dll::fs::error_code error;
    library->load(boost::dll::fs::path(file.native()),
                  boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local, error);
    if (error) {
        // Boost reports only a generic error code; the loader's own message says what is missing.
        const char* reason = ::dlerror();
        throw std::runtime_error(reason != nullptr ? reason : error.message());
    }
    auto& instance = registry();
    const std::lock_guard lock(instance.mutex);
    instance.libraries.push_back(library);
    return library;
}

}  // namespace moshtari
