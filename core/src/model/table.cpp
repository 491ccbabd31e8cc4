#include "moshtari/table.hpp"

#include <algorithm>

namespace moshtari {

namespace {

std::string cell_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

// Display width in terminal columns: counts UTF-8 code points, not bytes, so Persian names line up.
std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

}  // namespace

void Table::print_text(std::ostream& out) const {
    if (rows.empty()) {
        out << "(none)\n";
        return;
    }
    std::vector<std::size_t> widths(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) widths[c] = display_width(columns[c]);
    std::vector<std::vector<std::string>> texts;
    texts.reserve(rows.size());
    for (const auto& row : rows) {
        auto& line = texts.emplace_back();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            line.push_back(c < row.size() ? cell_text(row[c]) : "");
            widths[c] = std::max(widths[c], display_width(line.back()));
        }
    }
    const auto print_line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            out << cells[c];
            if (c + 1 < cells.size())
                out << std::string(widths[c] - display_width(cells[c]) + 2, ' ');
        }
        out << '\n';
    };
    print_line(columns);
    for (const auto& line : texts) print_line(line);
}

nlohmann::json Table::to_json() const {
    auto array = nlohmann::json::array();
    for (const auto& row : rows) {
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t c = 0; c < columns.size() && c < row.size(); ++c)
            object[columns[c]] = row[c];
        array.push_back(std::move(object));
    }
    return array;
}

void Table::print(std::ostream& out, bool json) const {
    if (json) {
        out << to_json().dump(2) << '\n';
    } else {
        print_text(out);
    }
}

}  // namespace moshtari
