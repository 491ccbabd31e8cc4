#pragma once
// Tables of records that more than one command prints (a listing and `customers show`), built in
// one place so the columns agree.

#include <vector>

#include "moshtari/interaction.hpp"
#include "moshtari/order.hpp"
#include "moshtari/table.hpp"

namespace moshtari::cli {

Table interactions_table(const std::vector<Interaction>& interactions);
Table orders_table(const std::vector<Order>& orders);

}  // namespace moshtari::cli
