#include "queue_run.hpp"

#include <fmt/format.h>

#include "email_content.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "renderer.hpp"

namespace moshtari::email {

namespace {

std::vector<Customer> customers_of(Workspace& workspace, const QueueRequest& request) {
    std::vector<Customer> customers;
    for (const CustomerId id : request.customers)
        customers.push_back(workspace.customers().get(id));
    if (request.tag.empty()) return customers;
    constexpr std::size_t kPage = 1000;
    for (std::size_t offset = 0;; offset += kPage) {
        auto page = workspace.customers().list({{}, request.tag, {}, kPage, offset});
        customers.insert(customers.end(), page.begin(), page.end());
        if (page.size() < kPage) break;
    }
    return customers;
}

void check_purpose(const EmailTemplate& spec, bool transactional) {
    const bool is_transactional = spec.purpose == MessagePurpose::transactional;
    if (is_transactional && !transactional) {
        throw UserError(
            fmt::format("the template '{}' is transactional: it is sent without "
                        "asking for consent; add --transactional to confirm",
                        spec.name));
    }
    if (!is_transactional && transactional) {
        throw UserError(
            fmt::format("the template '{}' is marketing mail, which needs consent "
                        "and an unsubscribe link; drop --transactional",
                        spec.name));
    }
}

}  // namespace

void QueueSummary::print(std::ostream& out, const std::string& template_name) const {
    out << fmt::format("Queued {} message{} with the template {}", queued, queued == 1 ? "" : "s",
                       template_name);
    if (queued_before > 0) {
        out << fmt::format("; {} queued before (same template, customer and campaign)",
                           queued_before);
    }
    out << fmt::format("; skipped {}.\n", skipped.size());
    for (const auto& line : skipped) out << "  skipped " << line << "\n";
}

std::string idempotency_key(const std::string& template_name, CustomerId customer,
                            const std::string& campaign) {
    return campaign.empty() ? fmt::format("email/{}/{}", template_name, customer)
                            : fmt::format("email/{}/{}/{}", template_name, customer, campaign);
}

QueueSummary queue_emails(Workspace& workspace, const Settings& settings, UnsubscribeTokens& tokens,
                          const QueueRequest& request) {
    const EmailTemplate& spec = settings.find_template(request.template_name);
    check_purpose(spec, request.transactional);
    if (request.customers.empty() && request.tag.empty()) {
        throw UserError("name the recipients: --customer ID (repeatable) or --tag TAG");
    }
    const Renderer renderer(settings);
    QueueSummary summary;
    Transaction transaction(workspace.database());
    for (const Customer& customer : customers_of(workspace, request)) {
        const ContactPoint* email = customer.primary_contact(ContactKind::email);
        if (!email) {
            summary.skipped.push_back(
                fmt::format("customer {} ({}): no email address", customer.id, customer.name));
            continue;
        }
        EmailContent content;
        try {
            const std::string token = spec.purpose == MessagePurpose::marketing
                                          ? tokens.token_for(customer.id, email->value)
                                          : std::string();
            content = renderer.render(spec, customer, token);
        } catch (const UserError& error) {
            summary.skipped.push_back(error.what());
            continue;
        }
        const bool created = workspace.outbox()
                                 .queue({"email", customer.id, spec.purpose,
                                         idempotency_key(spec.name, customer.id, request.campaign),
                                         to_json(content), std::nullopt, std::nullopt})
                                 .created;
        ++(created ? summary.queued : summary.queued_before);
    }
    transaction.commit();
    return summary;
}

}  // namespace moshtari::email
