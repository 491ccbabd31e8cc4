#pragma once
// Binding and reading helpers shared by the stores and the bulk paths, so an empty key, a missing
// id and a typed attribute are stored and read back the same way whichever path wrote them.

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "moshtari/attribute.hpp"
#include "moshtari/customer.hpp"

namespace moshtari::sqlite {

// NULL for an empty text: UNIQUE columns such as external ids allow any number of NULLs but only
// one ''.
inline void bind_text_or_null(SQLite::Statement& statement, int index, std::string_view text) {
    if (text.empty()) {
        statement.bind(index);
    } else {
        statement.bind(index, std::string(text));  // the (pointer, size) overload binds a BLOB
    }
}

inline void bind_id_or_null(SQLite::Statement& statement, int index,
                            std::optional<std::int64_t> id) {
    if (id) {
        statement.bind(index, static_cast<int64_t>(*id));
    } else {
        statement.bind(index);
    }
}

inline void bind_attribute(SQLite::Statement& statement, int index, const AttributeValue& value) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                statement.bind(index, v ? 1 : 0);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                statement.bind(index, static_cast<int64_t>(v));
            } else {
                statement.bind(index, v);
            }
        },
        value);
}

inline AttributeValue read_attribute(std::string_view type, const SQLite::Column& column) {
    if (type == "integer") return static_cast<std::int64_t>(column.getInt64());
    if (type == "number") return column.getDouble();
    if (type == "boolean") return column.getInt() != 0;
    return column.getString();
}

// A customer's profile columns as parameters 1 to 7: kind, name, given and family name, language,
// time zone, birthday. Every statement that writes them lists them in this order.
inline void bind_profile(SQLite::Statement& statement, const Customer& c) {
    statement.bind(1, to_string(c.kind));
    statement.bind(2, c.name);
    statement.bind(3, c.given_name);
    statement.bind(4, c.family_name);
    statement.bind(5, c.language);
    statement.bind(6, c.time_zone);
    bind_text_or_null(statement, 7, c.birthday ? format_date(*c.birthday) : std::string());
}

}  // namespace moshtari::sqlite
