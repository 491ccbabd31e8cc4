#pragma once
// One step applied to a column's text before it becomes a field: written `name` or `name:argument`
// in a mapping ("trim", "date:%d/%m/%Y", "money:,", "map:Y=true;N=false").

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moshtari::data_csv {

class Transform {
  public:
    // Throws UserError listing the transforms there are when `spec` names none of them, or when
    // its argument is missing or malformed.
    static Transform parse(std::string_view spec);

    // Throws UserError saying why the value does not fit ("'31/02/2024' is not a date in the
    // format %d/%m/%Y").
    std::string apply(std::string value) const;
    const std::string& spec() const { return spec_; }

  private:
    enum class Kind {
        trim,
        collapse,
        lowercase,
        uppercase,
        integer,
        date,
        money,
        starts_with,
        map
    };

    Kind kind_ = Kind::trim;
    std::string spec_;
    std::string argument_;
    std::vector<std::pair<std::string, std::string>> table_;  // for map
};

std::vector<Transform> parse_transforms(const std::vector<std::string>& specs);

}  // namespace moshtari::data_csv
