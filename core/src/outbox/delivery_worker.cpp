#include "outbox/delivery_worker.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "guard.hpp"
#include "sqlite/sqlite_delivery_queue.hpp"

namespace moshtari {

DeliveryReport DeliveryWorker::run(Timestamp now) {
    DeliveryReport total;
    bool progress = true;
    while (progress) {
        progress = false;
        for (const auto& entry : channels_.entries()) {
            auto claim = queue_.claim(entry.name, entry.channel->contact_kind(), now);
            total += claim.report;
            // A skip changed a row; more may be due behind it.
            progress = progress || claim.report.skipped > 0 || !claim.batch.empty();
            if (claim.batch.empty()) continue;
            const auto results = hand_over(entry, claim.batch);
            for (std::size_t i = 0; i < claim.batch.size(); ++i)
                queue_.record(claim.batch[i], results[i], now, total);
        }
    }
    return total;
}

std::vector<DeliveryResult> DeliveryWorker::hand_over(
    const ChannelRegistry::Entry& entry, const std::vector<OutboundMessage>& batch) const {
    std::vector<DeliveryResult> results;
    const auto error = run_guarded(entry.plugin_id, fmt::format("channel '{}' deliver", entry.name),
                                   [&] { results = entry.channel->deliver(batch); });
    std::string missing;
    if (error) {
        results.clear();
        missing = "the channel failed before trying: " + *error;
    } else if (results.size() != batch.size()) {
        spdlog::error("plugin '{}': channel '{}' returned {} results for {} messages",
                      entry.plugin_id, entry.name, results.size(), batch.size());
        missing = fmt::format("the channel returned {} results for {} messages", results.size(),
                              batch.size());
    }
    results.resize(batch.size(),
                   DeliveryResult{DeliveryOutcome::retryable, std::string(), missing});
    return results;
}

}  // namespace moshtari
