#include "migrations.hpp"

namespace moshtari::email {

std::vector<Migration> migrations() {
    return {{1, "unsubscribe tokens, soft bounce counts, bounce reports read", R"sql(
CREATE TABLE channel_email_unsubscribe_tokens (
    token TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    address TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX channel_email_unsubscribe_tokens_customer
    ON channel_email_unsubscribe_tokens (customer_id, address);
CREATE TABLE channel_email_soft_bounces (
    address TEXT PRIMARY KEY,
    customer_id INTEGER,
    count INTEGER NOT NULL,
    last_status TEXT NOT NULL,
    last_at INTEGER NOT NULL,
    suppressed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX channel_email_soft_bounces_customer ON channel_email_soft_bounces (customer_id);
CREATE TABLE channel_email_bounce_reports (
    message_id TEXT PRIMARY KEY,
    read_at INTEGER NOT NULL
);
)sql"}};
}

}  // namespace moshtari::email
