#include "sqlite/personal_data_calls.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace moshtari::sqlite {

void call_handlers(const std::vector<PersonalDataHandler>& handlers, std::string_view doing,
                   const std::function<void(const PersonalDataHandler&)>& call) {
    for (const auto& handler : handlers) {
        try {
            call(handler);
        } catch (const std::exception& e) {
            throw std::runtime_error(fmt::format(
                "the personal data handler '{}' failed while {}: {}; nothing was changed, so "
                "fix or disable that plugin and try again",
                handler.name, doing, e.what()));
        }
    }
}

}  // namespace moshtari::sqlite
