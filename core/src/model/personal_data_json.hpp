#pragma once
// The model as a personal data export writes it: every field, times as UTC text, money as minor
// units with the currency, so the person (or a program) can read it back without Moshtari.

#include <nlohmann/json.hpp>

#include "moshtari/customer.hpp"
#include "moshtari/deal.hpp"
#include "moshtari/interaction.hpp"
#include "moshtari/order.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/task.hpp"

namespace moshtari {

nlohmann::json personal_data_json(const Customer& customer);
nlohmann::json personal_data_json(const Interaction& interaction);
nlohmann::json personal_data_json(const Order& order);
nlohmann::json personal_data_json(const Deal& deal);
nlohmann::json personal_data_json(const Task& task);
nlohmann::json personal_data_json(const OutboxMessage& message);

}  // namespace moshtari
