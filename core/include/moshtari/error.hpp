#pragma once
// Error types. UserError is the user's to fix (exit code 1); anything else is an internal error
// (exit code 2).

#include <stdexcept>
#include <string>

#include "moshtari/export.hpp"

namespace moshtari {

// Bad input, a missing record, a refused operation: the message says what is wrong and what to do.
class MOSHTARI_API UserError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A record that was asked for by id or key does not exist.
class MOSHTARI_API NotFound : public UserError {
  public:
    using UserError::UserError;
};

}  // namespace moshtari
