#pragma once
// The core's typed events. Each has a stable type name (kType) and a JSON mapping, as written in
// the event log. Plugins define their own events the same way.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::events {

struct CustomerCreated {
    static constexpr std::string_view kType = "CustomerCreated";
    std::int64_t customer_id = 0;
    std::string kind;
    std::string name;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CustomerCreated, customer_id, kind, name)
};

struct CustomerUpdated {
    static constexpr std::string_view kType = "CustomerUpdated";
    std::int64_t customer_id = 0;
    std::vector<std::string> fields;  // which fields changed: "name", "contacts", "tags", ...
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CustomerUpdated, customer_id, fields)
};

struct ConsentChanged {
    static constexpr std::string_view kType = "ConsentChanged";
    std::int64_t customer_id = 0;
    std::string channel;
    bool granted = false;
    std::string source;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(ConsentChanged, customer_id, channel, granted, source)
};

// Customer merged_id was merged into survivor_id and no longer exists; everything of theirs now
// belongs to the survivor (customer_merges explains what moved).
struct CustomersMerged {
    static constexpr std::string_view kType = "CustomersMerged";
    std::int64_t survivor_id = 0;
    std::int64_t merged_id = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CustomersMerged, survivor_id, merged_id)
};

// A customer's personal data was erased on request. Carries no personal data: only the id and
// which kinds of records were kept, detached, as the privacy configuration requires.
struct CustomerErased {
    static constexpr std::string_view kType = "CustomerErased";
    std::int64_t customer_id = 0;
    std::vector<std::string> kept;  // "orders", "interactions"
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CustomerErased, customer_id, kept)
};

struct InteractionLogged {
    static constexpr std::string_view kType = "InteractionLogged";
    std::int64_t interaction_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    std::string direction;
    std::string kind;
    std::int64_t at = 0;  // unix seconds
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(InteractionLogged, interaction_id, customer_id, channel,
                                   direction, kind, at)
};

struct OrderPlaced {
    static constexpr std::string_view kType = "OrderPlaced";
    std::int64_t order_id = 0;
    std::int64_t customer_id = 0;  // 0 for a guest order
    std::int64_t at = 0;           // unix seconds
    std::int64_t total_minor = 0;
    std::string currency;
    bool cancelled = false;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(OrderPlaced, order_id, customer_id, at, total_minor, currency,
                                   cancelled)
};

// An order placed earlier was cancelled: whatever it earned (points, revenue) should be taken
// back.
struct OrderCancelled {
    static constexpr std::string_view kType = "OrderCancelled";
    std::int64_t order_id = 0;
    std::int64_t customer_id = 0;  // 0 for a guest order
    std::int64_t at = 0;           // unix seconds
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(OrderCancelled, order_id, customer_id, at)
};

// Part or all of an order's amount was given back; `refunded_minor` is the total refunded so far,
// so a subscriber can take back in proportion without keeping its own count.
struct OrderRefunded {
    static constexpr std::string_view kType = "OrderRefunded";
    std::int64_t order_id = 0;
    std::int64_t customer_id = 0;  // 0 for a guest order
    std::int64_t at = 0;           // unix seconds
    std::int64_t amount_minor = 0;
    std::int64_t refunded_minor = 0;
    std::int64_t total_minor = 0;
    std::string currency;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(OrderRefunded, order_id, customer_id, at, amount_minor,
                                   refunded_minor, total_minor, currency)
};

struct DealCreated {
    static constexpr std::string_view kType = "DealCreated";
    std::int64_t deal_id = 0;
    std::int64_t customer_id = 0;
    std::string pipeline_id;
    std::string stage_id;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DealCreated, deal_id, customer_id, pipeline_id, stage_id)
};

struct DealStageChanged {
    static constexpr std::string_view kType = "DealStageChanged";
    std::int64_t deal_id = 0;
    std::int64_t customer_id = 0;
    std::string pipeline_id;
    std::string from_stage;
    std::string to_stage;
    bool won = false;
    bool lost = false;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DealStageChanged, deal_id, customer_id, pipeline_id, from_stage,
                                   to_stage, won, lost)
};

struct TaskCreated {
    static constexpr std::string_view kType = "TaskCreated";
    std::int64_t task_id = 0;
    std::string title;
    std::string assignee;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(TaskCreated, task_id, title, assignee)
};

struct TaskCompleted {
    static constexpr std::string_view kType = "TaskCompleted";
    std::int64_t task_id = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(TaskCompleted, task_id)
};

// A customer moved from one segment to another under one segmenter (the lifecycle, RFM, ...).
struct SegmentChanged {
    static constexpr std::string_view kType = "SegmentChanged";
    std::int64_t customer_id = 0;
    std::string segmenter;
    std::string from_segment;  // empty when the customer had none
    std::string to_segment;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(SegmentChanged, customer_id, segmenter, from_segment, to_segment)
};

// A segmentation run changed the segment of `changed` customers under one method; they are the
// ones SegmentStore::changed_by(run_id) lists. One event per run, however many changed.
struct SegmentsChanged {
    static constexpr std::string_view kType = "SegmentsChanged";
    std::string segmenter;
    std::int64_t run_id = 0;
    std::int64_t changed = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(SegmentsChanged, segmenter, run_id, changed)
};

// One committed batch of a bulk import: the customers created got the ids first_id..last_id (0 and
// 0 when the batch created none); subscribers that need the updated ones re-read what they keep.
struct CustomersImported {
    static constexpr std::string_view kType = "CustomersImported";
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t merged = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CustomersImported, first_id, last_id, created, updated, merged)
};

// One committed batch of a bulk order import, as CustomersImported.
struct OrdersImported {
    static constexpr std::string_view kType = "OrdersImported";
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(OrdersImported, first_id, last_id, created, updated)
};

// One committed batch of a bulk interaction import, as CustomersImported.
struct InteractionsImported {
    static constexpr std::string_view kType = "InteractionsImported";
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t merged = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(InteractionsImported, first_id, last_id, created, updated,
                                   merged)
};

// One committed batch of a bulk deal import, as CustomersImported. Deals it moved to another stage
// have the move in their history; no DealStageChanged is written for them.
struct DealsImported {
    static constexpr std::string_view kType = "DealsImported";
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t merged = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DealsImported, first_id, last_id, created, updated, merged)
};

// The outbox's transitions. They name the message, customer and channel, never the address or the
// content, so the event log holds no personal data of the message.

// A message was queued (`retried` when by hand, from failed, dead or skipped).
struct MessageQueued {
    static constexpr std::string_view kType = "MessageQueued";
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    std::string purpose;      // "marketing" or "transactional"
    std::int64_t due_at = 0;  // unix seconds
    bool retried = false;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(MessageQueued, message_id, customer_id, channel, purpose, due_at,
                                   retried)
};

// A worker claimed the message and hands it to its channel; `resend` when a worker killed before
// recording the outcome had already handed it over.
struct MessageSending {
    static constexpr std::string_view kType = "MessageSending";
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    std::int64_t attempt = 0;
    bool resend = false;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(MessageSending, message_id, customer_id, channel, attempt,
                                   resend)
};

struct MessageSent {
    static constexpr std::string_view kType = "MessageSent";
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    std::int64_t attempt = 0;
    std::string provider_id;
    std::int64_t interaction_id = 0;  // the outbound interaction on the customer's timeline
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(MessageSent, message_id, customer_id, channel, attempt,
                                   provider_id, interaction_id)
};

// The channel could not deliver: retried at retry_at, or dead (rejected, or out of attempts).
struct MessageFailed {
    static constexpr std::string_view kType = "MessageFailed";
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    std::int64_t attempt = 0;
    std::string error;
    bool dead = false;
    std::int64_t retry_at = 0;  // unix seconds; 0 when dead
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(MessageFailed, message_id, customer_id, channel, attempt, error,
                                   dead, retry_at)
};

// Not sent, checked at send time: "no consent for email", "address suppressed: ...", "no email
// address".
struct MessageSkipped {
    static constexpr std::string_view kType = "MessageSkipped";
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    std::string reason;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(MessageSkipped, message_id, customer_id, channel, reason)
};

struct MessageCancelled {
    static constexpr std::string_view kType = "MessageCancelled";
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string channel;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(MessageCancelled, message_id, customer_id, channel)
};

// A customer's tier in a loyalty-tiers programme changed: a promotion as soon as they qualify, a
// demotion once their grace period is over. `benefits` are the new tier's (an empty object when
// they left every tier), so a subscriber needs no other read.
struct TierChanged {
    static constexpr std::string_view kType = "TierChanged";
    std::int64_t customer_id = 0;
    std::string programme{};
    std::string from_tier{};  // empty when the customer had none
    std::string to_tier{};    // empty when they qualify for none
    bool promoted = false;    // to a higher tier; false for a demotion
    // What evaluated it: "order:42", "import:40-57", "cancelled:42", "refunded:42",
    // "daily:2026-11-24", "evaluate".
    std::string reason{};
    nlohmann::json benefits = nlohmann::json::object();
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(TierChanged, customer_id, programme, from_tier, to_tier,
                                   promoted, reason, benefits)
};

// Written once per calendar day (UTC) by the worker, so daily rules run exactly once per day.
struct DailyTick {
    static constexpr std::string_view kType = "DailyTick";
    std::string date;  // YYYY-MM-DD
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DailyTick, date)
};

}  // namespace moshtari::events
