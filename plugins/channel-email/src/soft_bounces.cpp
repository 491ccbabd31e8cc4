#include "soft_bounces.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "customer_rows.hpp"
#include "moshtari/database.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::email {

int SoftBounces::record(const std::string& address, std::optional<CustomerId> customer,
                        const std::string& status, Timestamp at) {
    SQLite::Statement upsert(workspace_.database().sql(), R"sql(
INSERT INTO channel_email_soft_bounces (address, customer_id, count, last_status, last_at)
VALUES (?1, ?2, 1, ?3, ?4)
ON CONFLICT (address) DO UPDATE SET count = count + 1, last_status = ?3, last_at = ?4,
    customer_id = COALESCE(?2, customer_id)
RETURNING count)sql");
    upsert.bind(1, address);
    if (customer) {
        upsert.bind(2, *customer);
    } else {
        upsert.bind(2);
    }
    upsert.bind(3, status);
    upsert.bind(4, to_unix(at));
    upsert.executeStep();
    return upsert.getColumn(0).getInt();
}

void SoftBounces::mark_suppressed(const std::string& address) {
    SQLite::Statement update(
        workspace_.database().sql(),
        "UPDATE channel_email_soft_bounces SET suppressed = 1 WHERE address = ?");
    update.bind(1, address);
    update.exec();
}

nlohmann::json SoftBounces::personal_data(CustomerId customer) const {
    SQLite::Statement query(workspace_.database().sql(),
                            "SELECT address, count, last_status, last_at, suppressed FROM "
                            "channel_email_soft_bounces WHERE customer_id = ? ORDER BY address");
    query.bind(1, customer);
    auto rows = nlohmann::json::array();
    while (query.executeStep()) {
        rows.push_back({{"address", query.getColumn(0).getString()},
                        {"soft_bounces", query.getColumn(1).getInt()},
                        {"last_status", query.getColumn(2).getString()},
                        {"last_at", format_time(from_unix(query.getColumn(3).getInt64()))},
                        {"suppressed", query.getColumn(4).getInt() != 0}});
    }
    return rows;
}

void SoftBounces::erase(CustomerId customer) {
    erase_customer_rows(workspace_.database(), "channel_email_soft_bounces", customer);
}

void SoftBounces::merge(CustomerId survivor, CustomerId merged) {
    move_customer_rows(workspace_.database(), "channel_email_soft_bounces", survivor, merged);
}

}  // namespace moshtari::email
