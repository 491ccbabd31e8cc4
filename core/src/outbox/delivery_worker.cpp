#include "outbox/delivery_worker.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <exception>

#include "guard.hpp"
#include "sqlite/sqlite_delivery_queue.hpp"

namespace moshtari {

namespace {

// Stores each outcome the moment the channel reports it and remembers which messages have one.
class Receipts final : public DeliveryReceipts {
  public:
    Receipts(sqlite::SqliteDeliveryQueue& queue, const ChannelRegistry::Entry& entry,
             const std::vector<OutboundMessage>& batch, Timestamp now, DeliveryReport& report)
        : queue_(queue),
          entry_(entry),
          batch_(batch),
          now_(now),
          report_(report),
          recorded_(batch.size(), false) {}

    void record(std::size_t index, const DeliveryResult& result) override {
        // A channel that swallowed the store's failure must still stop handing over.
        if (failure_) std::rethrow_exception(failure_);
        if (index >= batch_.size() || recorded_[index]) {
            spdlog::error("plugin '{}': channel '{}' reported message {} of a batch of {} {}",
                          entry_.plugin_id, entry_.name, index, batch_.size(),
                          index >= batch_.size() ? "(no such message)" : "twice");
            return;
        }
        try {
            queue_.record(batch_[index], result, now_, report_);
        } catch (...) {
            // The store's failure, not the plugin's: kept to be rethrown once the channel returns.
            failure_ = std::current_exception();
            throw;
        }
        recorded_[index] = true;
    }

    // Messages the channel did not report: tried again later, with `why`.
    void settle_the_rest(const std::string& why) {
        for (std::size_t i = 0; i < batch_.size(); ++i) {
            if (!recorded_[i]) {
                queue_.record(batch_[i], {DeliveryOutcome::retryable, std::string(), why}, now_,
                              report_);
            }
        }
    }

    std::exception_ptr failure() const { return failure_; }

  private:
    sqlite::SqliteDeliveryQueue& queue_;
    const ChannelRegistry::Entry& entry_;
    const std::vector<OutboundMessage>& batch_;
    Timestamp now_;
    DeliveryReport& report_;
    std::vector<bool> recorded_;
    std::exception_ptr failure_;
};

}  // namespace

DeliveryReport DeliveryWorker::run(Timestamp now) {
    DeliveryReport total;
    bool progress = true;
    while (progress) {
        progress = false;
        for (const auto& entry : channels_.entries()) {
            auto claim = queue_.claim(entry.name, entry.extension->contact_kind(), now);
            total += claim.report;
            // A skip changed a row; more may be due behind it.
            progress = progress || claim.report.skipped > 0 || !claim.batch.empty();
            if (!claim.batch.empty()) hand_over(entry, claim.batch, now, total);
        }
    }
    return total;
}

void DeliveryWorker::hand_over(const ChannelRegistry::Entry& entry,
                               const std::vector<OutboundMessage>& batch, Timestamp now,
                               DeliveryReport& report) {
    Receipts receipts(queue_, entry, batch, now, report);
    const auto error = run_guarded(entry.plugin_id, fmt::format("channel '{}' deliver", entry.name),
                                   [&] { entry.extension->deliver(batch, receipts); });
    if (receipts.failure()) std::rethrow_exception(receipts.failure());
    receipts.settle_the_rest(error ? "the channel failed: " + *error
                                   : std::string("the channel returned without a result for it"));
}

}  // namespace moshtari
