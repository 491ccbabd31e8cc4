#include "sms_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <random>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "sms_text.hpp"

namespace moshtari::channel_phone {

namespace {

struct SendFlags {
    std::optional<CustomerId> customer;
    std::string tag;
    std::string text;
    bool transactional = false;
    std::string campaign;
};

// The pieces the text goes as: itself, or split when over the limit and the configuration allows.
std::vector<std::string> pieces_of(const std::string& text, const SmsSettings& settings) {
    const SmsSize size = measure_sms(text, settings.profile.segments);
    if (size.parts <= settings.max_parts) return {text};
    if (settings.on_too_long == TooLong::refuse) {
        throw UserError(fmt::format(
            "the text is {} {} characters, {} parts; channel-phone.sms.max_parts allows {}. "
            "Shorten it, or set channel-phone.sms.on_too_long: split",
            size.units, to_string(size.encoding), size.parts, settings.max_parts));
    }
    return split_sms(text, settings.profile.segments, settings.max_parts);
}

std::vector<CustomerId> recipients(Workspace& workspace, const SendFlags& flags) {
    if (flags.customer.has_value() == !flags.tag.empty()) {
        throw UserError("give either --customer ID or --tag TAG");
    }
    if (flags.customer) return {workspace.customers().get(*flags.customer).id};
    std::vector<CustomerId> ids;
    CustomerQuery query;
    query.tag = flags.tag;
    query.limit = 1000;
    for (;; query.offset += query.limit) {
        const auto page = workspace.customers().list(query);
        for (const auto& customer : page) ids.push_back(customer.id);
        if (page.size() < query.limit) break;
    }
    if (ids.empty()) throw UserError(fmt::format("no customer has the tag '{}'", flags.tag));
    return ids;
}

// Without --campaign every run is a new send; with one, running it again queues nothing twice.
std::string send_key(const SendFlags& flags) {
    if (!flags.campaign.empty()) return flags.campaign;
    std::random_device random;
    return fmt::format("{:08x}{:08x}", random(), random());
}

void send(Workspace& workspace, const SmsSettings& settings, const SendFlags& flags) {
    const auto pieces = pieces_of(flags.text, settings);
    const auto customers = recipients(workspace, flags);
    const std::string key = send_key(flags);
    Transaction tx(workspace.database());
    std::size_t queued = 0;
    for (const CustomerId customer : customers) {
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            const SmsSize size = measure_sms(pieces[i], settings.profile.segments);
            MessageRequest request;
            request.channel = "sms";
            request.customer_id = customer;
            request.purpose =
                flags.transactional ? MessagePurpose::transactional : MessagePurpose::marketing;
            request.idempotency_key = pieces.size() == 1
                                          ? fmt::format("sms:{}:{}", key, customer)
                                          : fmt::format("sms:{}:{}:{}", key, customer, i + 1);
            request.content = {
                {"text", pieces[i]}, {"parts", size.parts}, {"encoding", to_string(size.encoding)}};
            if (pieces.size() > 1) {
                request.content["piece"] = i + 1;
                request.content["pieces"] = pieces.size();
            }
            queued += workspace.outbox().queue(request).created;
        }
    }
    tx.commit();
    std::cout << fmt::format("queued {} message{} for {} customer{}", queued,
                             queued == 1 ? "" : "s", customers.size(),
                             customers.size() == 1 ? "" : "s");
    if (const auto before = customers.size() * pieces.size() - queued; before > 0) {
        std::cout << fmt::format(" ({} queued before with the same campaign)", before);
    }
    if (pieces.size() > 1) std::cout << fmt::format(" (the text split in {})", pieces.size());
    std::cout << "; `moshtari outbox run` sends them\n";
}

}  // namespace

Command sms_command(Workspace& workspace, const SmsSettings& settings) {
    return Command{
        "sms", "Send text messages through the outbox", [&workspace, &settings](CLI::App& command) {
            command.require_subcommand(1);
            auto* send_command = command.add_subcommand(
                "send", "Queue a text message for a customer or everyone with a tag");
            auto flags = std::make_shared<SendFlags>();
            send_command->add_option("--customer", flags->customer, "One customer");
            send_command->add_option("--tag", flags->tag, "Every customer with this tag");
            send_command->add_option("--text", flags->text, "The message, UTF-8")->required();
            send_command->add_flag("--transactional", flags->transactional,
                                   "A receipt or a reminder: needs no marketing consent");
            send_command->add_option("--campaign", flags->campaign,
                                     "A key for this send; running it again queues nothing twice");
            send_command->callback(
                [&workspace, &settings, flags] { send(workspace, settings, *flags); });
        }};
}

}  // namespace moshtari::channel_phone
