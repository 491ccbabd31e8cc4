#pragma once
// Calls on customers' timelines and call tasks for agents. A call is an Interaction (channel
// "phone", kind "call") plus its call-specific fields in channel_phone_calls; a call task is a core
// Task plus its script, priority and number in channel_phone_call_tasks.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "call_priority.hpp"
#include "moshtari/interaction.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/task.hpp"
#include "phone_numbers.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::channel_phone {

struct CallRecord {
    std::string number{};  // as given; normalised to E.164
    Direction direction = Direction::inbound;
    Timestamp start{};
    std::int64_t duration_seconds = 0;
    std::string outcome{};  // answered, no-answer, busy, voicemail, failed
    std::string notes{};
    std::string recording_url{};
    std::string agent{};
    std::optional<CustomerId> customer{};  // unset: the customer with this number
};

struct LoggedCall {
    InteractionId interaction = 0;
    CustomerId customer = 0;
    std::optional<TaskId> closed_task{};      // the open call task the call completed
    std::optional<TaskId> still_open_task{};  // one it did not, because no one answered
};

struct CallTaskRequest {
    CustomerId customer = 0;
    std::string script{};
    Timestamp due{};
    std::optional<CallPriority> priority{};  // unset: calls.default_priority
    std::string agent{};                     // empty: calls.default_assignee
};

struct QueuedCall {
    TaskId task = 0;
    std::optional<Timestamp> due{};
    CallPriority priority = CallPriority::normal;
    CustomerId customer = 0;
    std::string name{};
    std::string number{};
    std::string assignee{};
    std::string script{};
};

class CallStore {
  public:
    CallStore(Workspace& workspace, PhoneNumbers numbers, CallSettings settings);

    static std::vector<Migration> migrations();

    // One transaction: the interaction, its call row and, when answered, the customer's most
    // urgent open call task completed. Throws UserError for an invalid number or field, or a
    // number no customer has (unless `customer` is given).
    LoggedCall log(const CallRecord& call);
    // One transaction: the core task and its call fields. The number is the customer's primary
    // phone in E.164; a customer without a valid one is refused.
    TaskId schedule(const CallTaskRequest& request);
    // Open call tasks by due time (undated last), then priority, highest first.
    std::vector<QueuedCall> queue(std::size_t limit) const;

    nlohmann::json personal_data(CustomerId customer) const;
    void erase(CustomerId customer);

  private:
    CustomerId customer_for(const std::string& e164) const;
    std::optional<TaskId> open_task_of(CustomerId customer) const;

    Workspace& workspace_;
    PhoneNumbers numbers_;
    CallSettings settings_;
};

// Throws UserError listing the accepted outcomes.
void check_call_outcome(std::string_view outcome);

}  // namespace moshtari::channel_phone
