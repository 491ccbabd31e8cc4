#pragma once
// Calls into the plugins' personal data handlers from inside a core transaction.

#include <functional>
#include <string_view>
#include <vector>

#include "moshtari/personal_data_handler.hpp"

namespace moshtari::sqlite {

// Calls `call` for every handler. Unlike event slots, a failure is not contained: the exception
// propagates, naming the handler and what it was `doing`, so the caller's transaction rolls back
// whole rather than leave a customer half merged or half erased.
void call_handlers(const std::vector<PersonalDataHandler>& handlers, std::string_view doing,
                   const std::function<void(const PersonalDataHandler&)>& call);

}  // namespace moshtari::sqlite
