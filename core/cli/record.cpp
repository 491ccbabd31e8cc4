#include "record.hpp"

#include <algorithm>

namespace moshtari::cli {

namespace {

bool is_blank(const nlohmann::json& value) {
    return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
           (value.is_array() && value.empty());
}

std::string text_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_array()) {
        std::string joined;
        for (const auto& item : value) joined += (joined.empty() ? "" : ", ") + text_of(item);
        return joined;
    }
    return value.dump();
}

}  // namespace

void Record::print_text(std::ostream& out) const {
    std::size_t width = 0;
    for (const auto& [name, value] : fields) {
        if (!is_blank(value)) width = std::max(width, name.size());
    }
    for (const auto& [name, value] : fields) {
        if (is_blank(value)) continue;
        out << name << ':' << std::string(width - name.size() + 2, ' ') << text_of(value) << '\n';
    }
    for (const auto& [title, table] : sections) {
        out << '\n' << title << ":\n";
        table.print_text(out);
    }
}

nlohmann::json Record::to_json() const {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [name, value] : fields) object[name] = value;
    for (const auto& [title, table] : sections) object[title] = table.to_json();
    return object;
}

}  // namespace moshtari::cli
