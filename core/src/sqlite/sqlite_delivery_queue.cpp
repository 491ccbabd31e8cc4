#include "sqlite/sqlite_delivery_queue.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <variant>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/outbox_settings.hpp"
#include "moshtari/transaction.hpp"
#include "outbox/backoff.hpp"
#include "outbox/claimant.hpp"
#include "outbox/send_check.hpp"
#include "sqlite/outbox_rows.hpp"

namespace moshtari::sqlite {

namespace {

const ChannelPacing* pacing_of(const OutboxSettings& settings, const std::string& channel) {
    const auto found = settings.channels.find(channel);
    return found != settings.channels.end() ? &found->second : nullptr;
}

void exec(SQLite::Database& sql, const char* text,
          std::initializer_list<std::variant<std::int64_t, std::string>> values) {
    SQLite::Statement statement(sql, text);
    int index = 0;
    for (const auto& value : values) {
        ++index;
        if (const auto* number = std::get_if<std::int64_t>(&value)) {
            statement.bind(index, static_cast<int64_t>(*number));
        } else {
            statement.bind(index, std::get<std::string>(value));
        }
    }
    statement.exec();
}

}  // namespace

SqliteDeliveryQueue::SqliteDeliveryQueue(Database& db, EventLog& log,
                                         const CustomerStore& customers,
                                         InteractionStore& interactions,
                                         const OutboxSettings& settings)
    : db_(db),
      log_(log),
      customers_(customers),
      interactions_(interactions),
      settings_(settings),
      random_(std::random_device{}()) {}

std::vector<SqliteDeliveryQueue::Candidate> SqliteDeliveryQueue::stale_sending(
    const std::string& channel, Timestamp now, std::size_t& in_flight) const {
    SQLite::Statement select(db_.sql(), std::string(kOutboxSelect) +
                                            " WHERE channel = ? AND state = 'sending' ORDER BY id");
    select.bind(1, channel);
    SQLite::Statement holder(db_.sql(),
                             "SELECT claimed_by, lease_until FROM outbox_messages WHERE id = ?");
    std::vector<Candidate> stale;
    in_flight = 0;
    while (select.executeStep()) {
        OutboxMessage message = read_message(select);
        holder.bind(1, static_cast<int64_t>(message.id));
        holder.executeStep();
        const std::string claimant = holder.getColumn(0).getString();
        const bool lease_over = holder.getColumn(1).getInt64() <= to_unix(now);
        holder.reset();
        if (lease_over || claimant_gone(claimant)) {
            stale.push_back(Candidate{std::move(message), true});
        } else {
            ++in_flight;
        }
    }
    return stale;
}

std::vector<SqliteDeliveryQueue::Candidate> SqliteDeliveryQueue::due(const std::string& channel,
                                                                     Timestamp now,
                                                                     std::size_t limit) const {
    SQLite::Statement select(db_.sql(), std::string(kOutboxSelect) +
                                            " WHERE channel = ? AND state IN ('queued', 'failed')"
                                            " AND next_attempt_at <= ? ORDER BY next_attempt_at, "
                                            "id LIMIT ?");
    select.bind(1, channel);
    select.bind(2, static_cast<int64_t>(to_unix(now)));
    select.bind(3, static_cast<int64_t>(limit));
    std::vector<Candidate> due;
    while (select.executeStep()) due.push_back(Candidate{read_message(select), false});
    return due;
}

std::size_t SqliteDeliveryQueue::sent_in_last_minute(const std::string& channel,
                                                     Timestamp now) const {
    SQLite::Statement count(
        db_.sql(), "SELECT COUNT(*) FROM outbox_messages WHERE channel = ? AND sent_at > ?");
    count.bind(1, channel);
    count.bind(2, static_cast<int64_t>(to_unix(now) - 60));
    count.executeStep();
    return static_cast<std::size_t>(count.getColumn(0).getInt64());
}

bool SqliteDeliveryQueue::take(const Candidate& candidate, ContactKind kind,
                               const ChannelPacing* pacing, Timestamp now, Claim& claim) {
    const OutboxMessage& m = candidate.message;
    auto& sql = db_.sql();
    const Customer customer = customers_.get(m.customer_id);
    const SendCheck check = check_send(
        m, customer, kind, pacing, settings_.time_zone,
        [&](const std::string& address) { return suppression_reason(sql, m.channel, address); },
        now);
    switch (check.verdict) {
        case SendCheck::Verdict::skip:
            exec(sql,
                 "UPDATE outbox_messages SET state = 'skipped', last_error = ?, claimed_by = '' "
                 "WHERE id = ?",
                 {check.reason, m.id});
            log_.append(events::MessageSkipped{m.id, m.customer_id, m.channel, check.reason}, now);
            ++claim.report.skipped;
            return false;
        case SendCheck::Verdict::defer:
            // Waiting out quiet hours is not an attempt; the state stays what it was.
            exec(sql,
                 "UPDATE outbox_messages SET next_attempt_at = ?, claimed_by = '', state = CASE "
                 "state WHEN 'sending' THEN 'queued' ELSE state END WHERE id = ?",
                 {to_unix(*check.until), m.id});
            ++claim.report.deferred;
            return false;
        case SendCheck::Verdict::send:
            break;
    }
    const int attempt = m.attempts + 1;
    exec(sql,
         "UPDATE outbox_messages SET state = 'sending', attempts = ?, address = ?, claimed_by = ?, "
         "lease_until = ? WHERE id = ?",
         {std::int64_t{attempt}, check.address, this_claimant(), to_unix(now + settings_.lease),
          m.id});
    log_.append(events::MessageSending{m.id, m.customer_id, m.channel, attempt, candidate.resend},
                now);
    claim.batch.push_back(OutboundMessage{m.id, m.channel, m.customer_id, check.address, m.purpose,
                                          m.idempotency_key, m.message_id, attempt, m.content});
    return true;
}

SqliteDeliveryQueue::Claim SqliteDeliveryQueue::claim(const std::string& channel, ContactKind kind,
                                                      Timestamp now) {
    Claim claim;
    const ChannelPacing* pacing = pacing_of(settings_, channel);
    // Under the write lock from the first read: no other worker can claim the same rows, and the
    // rate limit counts what every process has sent.
    Transaction tx(db_);
    std::size_t in_flight = 0;
    auto stale = stale_sending(channel, now, in_flight);
    std::size_t budget = static_cast<std::size_t>(settings_.batch_size);
    if (pacing && pacing->rate_per_minute > 0) {
        const std::size_t used = sent_in_last_minute(channel, now) + in_flight;
        const auto rate = static_cast<std::size_t>(pacing->rate_per_minute);
        budget = std::min(budget, used >= rate ? 0 : rate - used);
    }
    for (const auto& candidate : stale) {
        if (claim.batch.size() >= budget) break;
        spdlog::warn(
            "message #{} was left sending by a worker that is gone; handing it over once more "
            "with the same Message-ID {}",
            candidate.message.id, candidate.message.message_id);
        take(candidate, kind, pacing, now, claim);
    }
    // Skipped and deferred candidates leave the due set, so each round reads new ones.
    while (claim.batch.size() < budget) {
        const auto candidates = due(channel, now, budget - claim.batch.size());
        if (candidates.empty()) break;
        for (const auto& candidate : candidates) take(candidate, kind, pacing, now, claim);
    }
    tx.commit();
    return claim;
}

void SqliteDeliveryQueue::record(const OutboundMessage& message, const DeliveryResult& result,
                                 Timestamp now, DeliveryReport& report) {
    Transaction tx(db_);
    SQLite::Statement holder(db_.sql(),
                             "SELECT state, claimed_by FROM outbox_messages WHERE id = ?");
    holder.bind(1, static_cast<int64_t>(message.id));
    if (!holder.executeStep() || holder.getColumn(0).getString() != "sending" ||
        holder.getColumn(1).getString() != this_claimant()) {
        spdlog::warn(
            "message #{} was taken over by another worker while this one handed it over (its "
            "lease of {} s ran out); its outcome here is not recorded",
            message.id, settings_.lease.count());
        return;
    }
    switch (result.outcome) {
        case DeliveryOutcome::sent:
            record_sent(message, result, now);
            ++report.sent;
            break;
        case DeliveryOutcome::retryable: {
            const bool dead = message.attempt >= settings_.max_attempts;
            record_failure(message, result.detail, dead, now);
            ++(dead ? report.dead : report.retrying);
            break;
        }
        case DeliveryOutcome::rejected:
            record_failure(message, result.detail, true, now);
            ++report.dead;
            break;
    }
    tx.commit();
}

void SqliteDeliveryQueue::record_sent(const OutboundMessage& message, const DeliveryResult& result,
                                      Timestamp now) {
    Interaction interaction;
    interaction.customer_id = message.customer_id;
    interaction.channel = message.channel;
    interaction.direction = Direction::outbound;
    interaction.kind = "message";
    interaction.at = now;
    interaction.outcome = "sent";
    interaction.text = fmt::format("outbox message #{} {}", message.id, message.message_id);
    const InteractionId interaction_id = interactions_.log(interaction);
    exec(
        db_.sql(),
        "UPDATE outbox_messages SET state = 'sent', sent_at = ?, provider_id = ?, last_error = '', "
        "interaction_id = ?, claimed_by = '' WHERE id = ?",
        {to_unix(now), result.provider_id, interaction_id, message.id});
    log_.append(events::MessageSent{message.id, message.customer_id, message.channel,
                                    message.attempt, result.provider_id, interaction_id},
                now);
}

void SqliteDeliveryQueue::record_failure(const OutboundMessage& message, const std::string& error,
                                         bool dead, Timestamp now) {
    const Timestamp retry_at = dead ? now : now + retry_delay(settings_, message.attempt, random_);
    exec(db_.sql(),
         "UPDATE outbox_messages SET state = ?, last_error = ?, next_attempt_at = ?, "
         "claimed_by = '' WHERE id = ?",
         {std::string(dead ? "dead" : "failed"), error, to_unix(retry_at), message.id});
    log_.append(events::MessageFailed{message.id, message.customer_id, message.channel,
                                      message.attempt, error, dead, dead ? 0 : to_unix(retry_at)},
                now);
}

}  // namespace moshtari::sqlite
