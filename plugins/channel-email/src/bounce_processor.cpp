#include "bounce_processor.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "delivery_status.hpp"
#include "mime_entity.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::email {

namespace {

constexpr const char* kChannel = "email";

struct Report {
    bool parsed = false;
    std::optional<std::vector<RecipientStatus>> recipients;  // nullopt: not a report
    std::optional<std::string> message_id;
};

Report read_report(const MailboxMessage& message, BounceSummary& summary) {
    try {
        const MimeEntity entity = MimeEntity::parse(message.raw);
        return {true, read_delivery_status(entity), entity.header("Message-ID")};
    } catch (const UserError& error) {
        summary.unparseable.push_back(fmt::format("{}: {}", message.source, error.what()));
        return {};
    }
}

// A report read before (same Message-ID) is not counted twice when a mailbox is read again. True
// the first time, when it is recorded; reports without a Message-ID cannot be recognised.
bool first_reading(Workspace& workspace, const std::optional<std::string>& message_id,
                   Timestamp at) {
    if (!message_id || message_id->empty()) return true;
    SQLite::Statement insert(workspace.database().sql(),
                             "INSERT INTO channel_email_bounce_reports (message_id, read_at) "
                             "VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING");
    insert.bind(1, *message_id);
    insert.bind(2, to_unix(at));
    return insert.exec() == 1;
}

}  // namespace

void BounceSummary::print(std::ostream& out) const {
    out << fmt::format(
        "Read {} messages: {} delivery status reports ({} read before), {} ignored, {} "
        "unparseable.\n",
        messages, reports, already_read, ignored, unparseable.size());
    out << fmt::format("Suppressed {} addresses.\n", suppressed.size());
    for (const auto& line : suppressed) out << "  suppressed " << line << "\n";
    for (const auto& line : soft) out << "  soft bounce " << line << "\n";
    for (const auto& line : unparseable) out << "  unparseable " << line << "\n";
}

BounceSummary BounceProcessor::process(const std::vector<MailboxMessage>& messages, Timestamp at) {
    BounceSummary summary;
    Transaction transaction(workspace_.database());
    for (const auto& message : messages) {
        ++summary.messages;
        const Report report = read_report(message, summary);
        if (!report.parsed) continue;
        const auto& recipients = report.recipients;
        if (!recipients) {
            ++summary.ignored;
            continue;
        }
        ++summary.reports;
        if (!first_reading(workspace_, report.message_id, at)) {
            ++summary.already_read;
            continue;
        }
        for (const auto& recipient : *recipients) {
            const std::string reason =
                fmt::format("{} bounce {} ({})",
                            recipient.kind == BounceKind::hard ? "hard" : "soft", recipient.status,
                            recipient.diagnostic.empty() ? message.source : recipient.diagnostic);
            if (recipient.kind == BounceKind::none) {
                ++summary.ignored;
            } else if (recipient.kind == BounceKind::hard) {
                if (!outbox_.is_suppressed(kChannel, recipient.address)) {
                    outbox_.suppress(kChannel, recipient.address, reason);
                    summary.suppressed.push_back(fmt::format("{}: {}", recipient.address, reason));
                }
            } else {
                const auto customer =
                    workspace_.customers().find_by_contact(ContactKind::email, recipient.address);
                const int count =
                    soft_bounces_.record(recipient.address, customer, recipient.status, at);
                summary.soft.push_back(fmt::format("{}: {} of {} soft bounces", recipient.address,
                                                   count, soft_threshold_));
                if (count >= soft_threshold_ &&
                    !outbox_.is_suppressed(kChannel, recipient.address)) {
                    const std::string why =
                        fmt::format("{} soft bounces, the last {}", count, recipient.status);
                    outbox_.suppress(kChannel, recipient.address, why);
                    soft_bounces_.mark_suppressed(recipient.address);
                    summary.suppressed.push_back(fmt::format("{}: {}", recipient.address, why));
                }
            }
        }
    }
    transaction.commit();
    return summary;
}

}  // namespace moshtari::email
