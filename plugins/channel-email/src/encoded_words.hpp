#pragma once
// Header text as RFC 5322 and RFC 2047 want it: plain ASCII stays as it is, anything else becomes
// UTF-8 "B" encoded words, each whole characters and at most 75 bytes long.

#include <string>
#include <string_view>

namespace moshtari::email {

// A Subject (or other unstructured) header's value. Encoded words are folded onto continuation
// lines ("\r\n ") so no line grows past what RFC 5322 recommends.
std::string encode_unstructured(std::string_view text);
// "Name <address>", the name quoted or encoded as needed; the bare address without a name.
std::string format_mailbox(std::string_view name, std::string_view address);

}  // namespace moshtari::email
