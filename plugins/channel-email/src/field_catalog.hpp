#pragma once
// What a template may name: the customer's own fields, the custom attributes the configuration
// declares (with how to print them), and the unsubscribe link of marketing mail.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/channel.hpp"
#include "moshtari/config_section.hpp"
#include "moshtari/customer.hpp"
#include "template_text.hpp"

namespace moshtari::email {

enum class FieldType { text, integer, number, money, date };

struct AttributeField {
    FieldType type = FieldType::text;
    std::string currency;  // money: the ISO 4217 currency of the attribute's minor units
};

// The placeholder marketing templates put their unsubscribe link in.
inline constexpr const char* kUnsubscribeUrlField = "unsubscribe_url";

class FieldCatalog {
  public:
    // `attributes`: name -> {type: text|integer|number|money|date, currency: for money}.
    static FieldCatalog from_config(const ConfigSection& attributes);

    // A problem for each placeholder naming no known field (or the unsubscribe link in a
    // transactional template).
    void check(const TemplateText& text, MessagePurpose purpose,
               std::vector<ConfigProblem>& problems) const;
    // The customer's value, formatted for `locale`; nullopt when the customer has none. Throws
    // UserError when a stored attribute does not have its declared type.
    std::optional<std::string> value(const std::string& field, const Customer& customer,
                                     const std::string& locale) const;

  private:
    std::map<std::string, AttributeField> attributes_;
};

}  // namespace moshtari::email
