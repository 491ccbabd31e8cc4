#pragma once
// A customer: a person or a company, how to reach them and what they agreed to.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/attribute.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

using CustomerId = std::int64_t;

enum class CustomerKind { person, company };

enum class ContactKind { email, phone };

struct ContactPoint {
    ContactKind kind = ContactKind::email;
    std::string value{};  // emails lower-cased, phones with punctuation removed
    std::string label{};  // "work", "home", ...
    bool primary = false;

    friend bool operator==(const ContactPoint&, const ContactPoint&) = default;
};

// Consent per channel ("email", "sms", "phone", ...), with when and where it was given or
// withdrawn.
struct Consent {
    std::string channel{};
    bool granted = false;
    Timestamp at{};
    std::string source{};  // "web form", "phone call 2026-11-02", "import"

    friend bool operator==(const Consent&, const Consent&) = default;
};

// A person's role at a company customer (B2B accounts).
struct Membership {
    CustomerId company_id = 0;
    std::string role{};

    friend bool operator==(const Membership&, const Membership&) = default;
};

struct Customer {
    CustomerId id = 0;
    CustomerKind kind = CustomerKind::person;
    // The customer's id in the system it came from (a shop, an ERP); unique when not empty, so a
    // repeated import finds the customer it created.
    std::string external_id{};
    std::string name{};  // full name of a person, legal name of a company
    std::string given_name{};
    std::string family_name{};
    std::vector<ContactPoint> contacts{};
    std::vector<Consent> consents{};
    std::vector<Membership> memberships{};
    std::string language{};   // BCP 47, "fa-IR"
    std::string time_zone{};  // IANA, "Asia/Tehran"
    std::optional<Date> birthday{};
    std::vector<std::string> tags{};
    Attributes attributes{};
    std::string lifecycle_stage{};  // maintained by a lifecycle plugin; empty until one runs
    Timestamp created_at{};
    Timestamp updated_at{};

    // The primary contact of that kind, else the first one, else nullptr.
    MOSHTARI_API const ContactPoint* primary_contact(ContactKind kind) const;
    // The latest consent recorded for the channel; no record means no consent.
    MOSHTARI_API bool has_consent(std::string_view channel) const;
};

MOSHTARI_API const char* to_string(CustomerKind kind);
MOSHTARI_API const char* to_string(ContactKind kind);
// Throw UserError listing the accepted words.
MOSHTARI_API CustomerKind parse_customer_kind(std::string_view text);
MOSHTARI_API ContactKind parse_contact_kind(std::string_view text);

}  // namespace moshtari
