#pragma once
// A received message or body part (RFC 5322 + MIME), read leniently: CRLF or bare LF, folded
// headers, case-insensitive names. Enough to find the parts of a delivery status notification.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moshtari::email {

class MimeEntity {
  public:
    // Throws UserError when there is no blank line ending the header fields.
    static MimeEntity parse(std::string_view raw);
    // Header-like field blocks separated by blank lines, as in a message/delivery-status body.
    static std::vector<MimeEntity> parse_field_groups(std::string_view text);

    // The first field of that name, unfolded and trimmed.
    std::optional<std::string> header(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
    // Content-Type's type/subtype, lower-cased; "text/plain" when absent (RFC 2045).
    std::string media_type() const;
    // A Content-Type parameter ("boundary", "report-type", "charset"); empty when absent.
    std::string content_type_parameter(std::string_view name) const;
    // The body parts of a multipart entity; throws UserError when the boundary is missing or
    // never appears.
    std::vector<MimeEntity> parts() const;
    // The body with its Content-Transfer-Encoding (base64, quoted-printable) undone.
    std::string decoded_body() const;
    const std::string& body() const { return body_; }

  private:
    std::vector<std::pair<std::string, std::string>> headers_;
    std::string body_;
};

}  // namespace moshtari::email
