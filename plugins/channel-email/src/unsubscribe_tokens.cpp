#include "unsubscribe_tokens.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <random>

#include "customer_rows.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::email {

namespace {

// 128 bits from the operating system's generator, as 32 hex digits: not guessable from others.
std::string random_token() {
    std::random_device device;
    std::string token;
    for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", device());
    return token;
}

}  // namespace

std::string UnsubscribeTokens::token_for(CustomerId customer, const std::string& address) {
    auto& db = workspace_.database().sql();
    SQLite::Statement find(db,
                           "SELECT token FROM channel_email_unsubscribe_tokens "
                           "WHERE customer_id = ? AND address = ? LIMIT 1");
    find.bind(1, customer);
    find.bind(2, address);
    if (find.executeStep()) return find.getColumn(0).getString();
    const std::string token = random_token();
    SQLite::Statement insert(db,
                             "INSERT INTO channel_email_unsubscribe_tokens "
                             "(token, customer_id, address, created_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, token);
    insert.bind(2, customer);
    insert.bind(3, address);
    insert.bind(4, to_unix(now()));
    insert.exec();
    return token;
}

Unsubscribed UnsubscribeTokens::unsubscribe(const std::string& token, Timestamp at) {
    Transaction transaction(workspace_.database());
    auto& db = workspace_.database().sql();
    SQLite::Statement find(db,
                           "SELECT customer_id, address FROM channel_email_unsubscribe_tokens "
                           "WHERE token = ?");
    find.bind(1, token);
    if (!find.executeStep()) {
        throw NotFound(
            fmt::format("no unsubscribe token '{}'; copy it whole from the link", token));
    }
    const CustomerId customer_id = find.getColumn(0).getInt64();
    const std::string address = find.getColumn(1).getString();
    const auto customer = workspace_.customers().find(customer_id);
    if (!customer) {
        throw NotFound(
            fmt::format("the unsubscribe token '{}' belongs to customer {}, who no "
                        "longer exists",
                        token, customer_id));
    }
    Unsubscribed result{customer_id, customer->name, address, !customer->has_consent("email")};
    if (!result.already) {
        workspace_.customers().record_consent(customer_id,
                                              {"email", false, at, "unsubscribe link"});
    }
    SQLite::Statement used(db,
                           "UPDATE channel_email_unsubscribe_tokens SET used_at = ? "
                           "WHERE token = ? AND used_at IS NULL");
    used.bind(1, to_unix(at));
    used.bind(2, token);
    used.exec();
    transaction.commit();
    return result;
}

nlohmann::json UnsubscribeTokens::personal_data(CustomerId customer) const {
    SQLite::Statement query(
        workspace_.database().sql(),
        "SELECT address, created_at, used_at FROM "
        "channel_email_unsubscribe_tokens WHERE customer_id = ? ORDER BY rowid");
    query.bind(1, customer);
    auto rows = nlohmann::json::array();
    while (query.executeStep()) {
        rows.push_back({{"address", query.getColumn(0).getString()},
                        {"created_at", format_time(from_unix(query.getColumn(1).getInt64()))},
                        {"used_at", query.getColumn(2).isNull()
                                        ? nlohmann::json()
                                        : nlohmann::json(format_time(
                                              from_unix(query.getColumn(2).getInt64())))}});
    }
    return rows;
}

void UnsubscribeTokens::erase(CustomerId customer) {
    erase_customer_rows(workspace_.database(), "channel_email_unsubscribe_tokens", customer);
}

void UnsubscribeTokens::merge(CustomerId survivor, CustomerId merged) {
    // Links already in the merged customer's inbox keep working, now for the survivor.
    move_customer_rows(workspace_.database(), "channel_email_unsubscribe_tokens", survivor, merged);
}

}  // namespace moshtari::email
