#include "sqlite/core_schema.hpp"

#include <array>

namespace moshtari::sqlite {

namespace {

// Times are unix seconds (INTEGER), dates ISO text, money integer minor units with a currency code.
const std::array<Migration, 8> kMigrations{{
    {1, "customers, interactions, orders, deals, tasks, event log",
     R"sql(
-- AUTOINCREMENT where rows can be erased or merged away: the event log names records by id, and
-- an erased customer's id must never come back as someone else's.
CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'company')),
    name TEXT NOT NULL,
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT '',
    birthday TEXT,
    lifecycle_stage TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    external_id TEXT UNIQUE  -- the id in the system it was imported from; NULL when none
);
CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);
CREATE INDEX customers_by_stage ON customers (lifecycle_stage);

CREATE TABLE customer_contacts (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, position),
    UNIQUE (kind, value)
);

CREATE TABLE customer_consents (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    granted INTEGER NOT NULL,
    at INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customer_consents_by_customer ON customer_consents (customer_id, channel, at);

CREATE TABLE customer_memberships (
    person_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, company_id)
);

CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tags_by_tag ON customer_tags (tag);

CREATE TABLE customer_attributes (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'number', 'boolean')),
    value BLOB,  -- BLOB affinity keeps each value exactly as typed
    PRIMARY KEY (customer_id, name)
) WITHOUT ROWID;

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER REFERENCES customers (id),  -- NULL once the customer is erased and kept
    channel TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interactions_by_customer ON interactions (customer_id, at);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER REFERENCES customers (id),  -- NULL for a guest order
    external_id TEXT UNIQUE,
    at INTEGER NOT NULL,
    total_minor INTEGER NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX orders_by_customer ON orders (customer_id, at);

CREATE TABLE order_lines (
    order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sku TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL,
    unit_price_minor INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
) WITHOUT ROWID;

CREATE TABLE deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    title TEXT NOT NULL,
    pipeline_id TEXT NOT NULL,
    stage_id TEXT NOT NULL,
    value_minor INTEGER NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    owner TEXT NOT NULL DEFAULT '',
    expected_close TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX deals_by_stage ON deals (pipeline_id, stage_id);

CREATE TABLE deal_stage_history (
    deal_id INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    at INTEGER NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (deal_id, position)
) WITHOUT ROWID;

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    due INTEGER,
    assignee TEXT NOT NULL DEFAULT '',
    customer_id INTEGER REFERENCES customers (id),
    deal_id INTEGER REFERENCES deals (id),
    done INTEGER NOT NULL DEFAULT 0,
    done_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX tasks_open_by_due ON tasks (done, due);

-- Each merge, so it can be explained later: details is JSON of what moved and what conflicted. It holds
-- personal data (the merged customer's contacts and names), so it goes when the survivor is erased.
CREATE TABLE customer_merges (
    id INTEGER PRIMARY KEY,
    survivor_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    merged_id INTEGER NOT NULL,  -- no foreign key: the merged customer no longer exists
    at INTEGER NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL
);
CREATE INDEX customer_merges_by_survivor ON customer_merges (survivor_id, at);
CREATE INDEX customer_merges_by_merged ON customer_merges (merged_id);

-- Every personal-data export and erasure (GDPR articles 15 and 17). No foreign key, so the row outlives an
-- erased customer; the summary never holds personal data.
CREATE TABLE privacy_audit (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('export', 'erase')),
    at INTEGER NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX privacy_audit_by_customer ON privacy_audit (customer_id, at);

-- The transactional outbox: every change appends its event here in the same transaction.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX events_by_type ON events (type, id);

-- Each durable subscriber's position in the event log, committed with its effects.
CREATE TABLE subscriber_cursors (
    name TEXT PRIMARY KEY,
    last_event_id INTEGER NOT NULL
);

-- The last day each scheduled tick was written, so a tick fires once per day however often the worker runs.
CREATE TABLE schedule_ticks (
    name TEXT PRIMARY KEY,
    last_date TEXT NOT NULL
);
)sql"},
    {2, "outbox: messages to customers and suppressed addresses",
     R"sql(
-- Every message a channel is to send, written in the transaction of whatever caused it. The delivery
-- worker claims due rows under the write lock (state 'sending', claimed_by, lease_until), hands them to
-- the channel outside any transaction and records the outcome. message_id is the stable Message-ID.
CREATE TABLE outbox_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    address TEXT NOT NULL DEFAULT '',  -- empty until resolved at send time
    purpose TEXT NOT NULL CHECK (purpose IN ('marketing', 'transactional')),
    idempotency_key TEXT NOT NULL UNIQUE,
    message_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dead', 'skipped', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    provider_id TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,  -- JSON, as the channel rendered it
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    interaction_id INTEGER,  -- the outbound interaction written when sent
    claimed_by TEXT NOT NULL DEFAULT '',  -- "host:pid" of the worker handing it over
    lease_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_messages_due ON outbox_messages (channel, state, next_attempt_at);
CREATE INDEX outbox_messages_sent ON outbox_messages (channel, sent_at);
CREATE INDEX outbox_messages_by_customer ON outbox_messages (customer_id, created_at);

-- Addresses that must never receive anything on a channel (hard bounces, complaints). Kept when a customer
-- is erased: it is what keeps the address from being written to again.
CREATE TABLE outbox_suppressions (
    channel TEXT NOT NULL,
    address TEXT NOT NULL COLLATE NOCASE,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (channel, address)
) WITHOUT ROWID;
)sql"},
    {3, "orders: the amount refunded so far",
     R"sql(
ALTER TABLE orders ADD COLUMN refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0);
)sql"},
    {4, "interactions and deals: the id in the system they were imported from",
     R"sql(
-- NULL when none, as for orders; an import finds a record again by it, so it is unique when given.
ALTER TABLE interactions ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX interactions_by_external_id ON interactions (external_id) WHERE external_id IS NOT NULL;
ALTER TABLE deals ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX deals_by_external_id ON deals (external_id) WHERE external_id IS NOT NULL;
-- A deal imported without an external id is found again by its customer, pipeline and title.
CREATE INDEX deals_by_customer ON deals (customer_id, pipeline_id, title);
)sql"},
    {5, "order lines: the product category",
     R"sql(
ALTER TABLE order_lines ADD COLUMN category TEXT NOT NULL DEFAULT '';
)sql"},
    {6, "customer order facts: first and last order, number and spend per customer",
     R"sql(
-- Derived from orders and kept exact: the orders with id <= last_order_id, not cancelled, in
-- `currency` (the workspace's), counted net of refunds. Orders written in bulk above the mark are
-- counted set-based by the next catch-up.
CREATE TABLE customer_order_facts (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    first_order_at INTEGER NOT NULL,
    last_order_at INTEGER NOT NULL,
    orders INTEGER NOT NULL,
    spend_minor INTEGER NOT NULL
);
CREATE TABLE customer_order_facts_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    currency TEXT NOT NULL,
    last_order_id INTEGER NOT NULL
);
)sql"},
    {7, "segmentation runs and each customer's current segment per method",
     R"sql(
CREATE TABLE segment_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    method TEXT NOT NULL,
    parameters TEXT NOT NULL,
    as_of INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    customers INTEGER NOT NULL,
    changed INTEGER NOT NULL
);
CREATE INDEX segment_runs_by_method ON segment_runs (method, id);
CREATE TABLE segment_run_segments (
    run_id INTEGER NOT NULL REFERENCES segment_runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
-- No secondary index: a run writes its rows in key order, and a million random index inserts
-- would cost more than the scans that listing a segment's members needs. No foreign key either:
-- its check costs every insert a lookup, and a deleted customer would need an index on
-- customer_id; erasing and merging delete a customer's rows method by method instead.
CREATE TABLE segment_memberships (
    method TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    segment TEXT NOT NULL,
    previous_segment TEXT NOT NULL,
    score REAL,
    detail TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    since INTEGER NOT NULL,
    PRIMARY KEY (method, customer_id)
) WITHOUT ROWID;
)sql"},
    {8, "customer order facts: the newest counted order's time, so reads need not scan the facts",
     R"sql(
ALTER TABLE customer_order_facts_mark ADD COLUMN latest_order_at INTEGER NOT NULL DEFAULT 0;
UPDATE customer_order_facts_mark
SET latest_order_at = (SELECT coalesce(max(last_order_at), 0) FROM customer_order_facts);
)sql"},
}};

}  // namespace

std::span<const Migration> core_migrations() {
    return kMigrations;
}

}  // namespace moshtari::sqlite
