// `moshtari customers add|list|show|find|tag|consent`; merging and privacy requests have their own
// files.

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "arguments.hpp"
#include "commands.hpp"
#include "listings.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"

namespace moshtari::cli {

namespace {

// How many interactions and orders `customers show` includes.
constexpr std::size_t kRecentCount = 10;

struct NewCustomer {
    std::string kind = "person";
    std::string name;
    std::string given_name;
    std::string family_name;
    std::vector<std::string> emails;
    std::vector<std::string> phones;
    std::vector<std::string> tags;
    std::vector<std::string> attributes;
    std::string language;
    std::string time_zone;
    std::string birthday;
    std::optional<CustomerId> company;
    std::string role;
    std::vector<std::string> consents;
};

// The first email and the first phone given are the primary ones.
void add_contacts(Customer& customer, ContactKind kind, const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        customer.contacts.push_back({kind, values[i], "", i == 0});
}

Customer to_customer(const NewCustomer& input) {
    Customer customer;
    customer.kind = parse_customer_kind(input.kind);
    customer.name = input.name;
    customer.given_name = input.given_name;
    customer.family_name = input.family_name;
    add_contacts(customer, ContactKind::email, input.emails);
    add_contacts(customer, ContactKind::phone, input.phones);
    customer.tags = input.tags;
    for (const auto& assignment : input.attributes) {
        // As on any command line, a later --attr for the same name wins.
        auto [name, value] = parse_attribute_assignment(assignment);
        customer.attributes.insert_or_assign(std::move(name), std::move(value));
    }
    customer.language = input.language;
    customer.time_zone = input.time_zone;
    if (!input.birthday.empty())
        customer.birthday = parse_date_or_throw(input.birthday, "birthday");
    if (input.company) customer.memberships.push_back({*input.company, input.role});
    for (const auto& channel : input.consents)
        customer.consents.push_back({channel, true, now(), "cli"});
    return customer;
}

void add_add_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand("add", "Add a customer and print its id");
    auto input = std::make_shared<NewCustomer>();
    command->add_option("--name", input->name, "Full name of a person, legal name of a company");
    command->add_option("--kind", input->kind, "person or company")->capture_default_str();
    command->add_option("--given", input->given_name, "Given name");
    command->add_option("--family", input->family_name, "Family name");
    command->add_option("--email", input->emails,
                        "Email address (repeatable; the first is primary)");
    command->add_option("--phone", input->phones,
                        "Phone number (repeatable; the first is primary)");
    command->add_option("--tag", input->tags, "Tag (repeatable)");
    command
        ->add_option("--attr", input->attributes, "Custom attribute name[:type]=value (repeatable)")
        ->type_name("NAME[:TYPE]=VALUE");
    command->add_option("--language", input->language, "Preferred language, BCP 47 (fa-IR)");
    command->add_option("--time-zone", input->time_zone, "IANA time zone (Asia/Tehran)");
    command->add_option("--birthday", input->birthday, "Birthday, YYYY-MM-DD");
    auto* company =
        add_id_option(*command, "--company", input->company, "Company this person belongs to");
    command->add_option("--role", input->role, "Role at the --company")->needs(company);
    command->add_option("--consent", input->consents,
                        "Channel consented to, now (repeatable: email, sms, ...)");
    command->callback([&context, input] {
        context.out() << context.workspace().customers().create(to_customer(*input)) << '\n';
    });
}

void print_customers(CliContext& context, const CustomerQuery& query) {
    Table table{{"id", "kind", "name", "email", "phone", "tags", "stage"}, {}};
    for (const auto& c : context.workspace().customers().list(query)) {
        const auto* email = c.primary_contact(ContactKind::email);
        const auto* phone = c.primary_contact(ContactKind::phone);
        table.rows.push_back({c.id, to_string(c.kind), c.name, email ? email->value : "",
                              phone ? phone->value : "", fmt::format("{}", fmt::join(c.tags, ", ")),
                              c.lifecycle_stage});
    }
    context.print(table);
}

void add_list_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand("list", "List customers");
    auto query = std::make_shared<CustomerQuery>();
    command->add_option("--tag", query->tag, "Only customers with this tag");
    command->add_option("--stage", query->lifecycle_stage,
                        "Only customers in this lifecycle stage");
    add_limit_option(*command, query->limit);
    context.add_json_flag(*command);
    command->callback([&context, query] { print_customers(context, *query); });
}

void add_find_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand("find", "Find customers by name, email or phone");
    auto query = std::make_shared<CustomerQuery>();
    command->add_option("text", query->text, "Part of a name, email or phone")->required();
    add_limit_option(*command, query->limit);
    context.add_json_flag(*command);
    command->callback([&context, query] { print_customers(context, *query); });
}

nlohmann::json attribute_json(const AttributeValue& value) {
    return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

Record customer_record(Workspace& workspace, const Customer& c) {
    Record record;
    record.fields = {
        {"id", c.id},
        {"kind", to_string(c.kind)},
        {"name", c.name},
        {"given_name", c.given_name},
        {"family_name", c.family_name},
        {"language", c.language},
        {"time_zone", c.time_zone},
        {"birthday", c.birthday ? nlohmann::json(format_date(*c.birthday)) : nlohmann::json()},
        {"tags", c.tags},
        {"lifecycle_stage", c.lifecycle_stage},
        {"created_at", format_time(c.created_at)},
        {"updated_at", format_time(c.updated_at)}};

    Table contacts{{"kind", "value", "label", "primary"}, {}};
    for (const auto& p : c.contacts)
        contacts.rows.push_back({to_string(p.kind), p.value, p.label, p.primary});
    Table consents{{"channel", "granted", "at", "source"}, {}};
    for (const auto& k : c.consents)
        consents.rows.push_back({k.channel, k.granted, format_time(k.at), k.source});
    Table attributes{{"name", "type", "value"}, {}};
    for (const auto& [name, value] : c.attributes) {
        attributes.rows.push_back({name, attribute_type_name(value), attribute_json(value)});
    }
    // So a customer who absorbed others can be explained: who, when, by whom, what conflicted.
    Table merges{{"merged", "at", "by", "conflicts"}, {}};
    std::vector<CustomerId> merged_ids;
    for (const auto& merge : workspace.merges().merges_into(c.id)) {
        merged_ids.push_back(merge.merged_id);
        std::vector<std::string> conflicts;
        for (const auto& conflict : merge.details["conflicts"])
            conflicts.push_back(conflict["field"].get<std::string>());
        merges.rows.push_back({merge.merged_id, format_time(merge.at), merge.by,
                               fmt::format("{}", fmt::join(conflicts, ", "))});
    }
    record.fields.emplace_back("merged_ids", merged_ids);
    Table memberships{{"company", "name", "role"}, {}};
    for (const auto& m : c.memberships) {
        const auto company = workspace.customers().find(m.company_id);
        memberships.rows.push_back({m.company_id, company ? company->name : "", m.role});
    }
    record.sections = {
        {"contacts", std::move(contacts)},
        {"consents", std::move(consents)},
        {"attributes", std::move(attributes)},
        {"memberships", std::move(memberships)},
        {"merges", std::move(merges)},
        {"recent_interactions",
         interactions_table(workspace.interactions().list(c.id, kRecentCount))},
        {"recent_orders", orders_table(workspace.orders().list(c.id, kRecentCount))}};
    return record;
}

void add_show_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand("show", "Show everything about one customer");
    auto id = std::make_shared<CustomerId>();
    add_id_option(*command, "id", *id, "Customer id")->required();
    context.add_json_flag(*command);
    command->callback([&context, id] {
        Workspace& workspace = context.workspace();
        context.print(customer_record(workspace, workspace.customers().get(*id)));
    });
}

struct Tagging {
    CustomerId id = 0;
    std::vector<std::string> tags;
    bool remove = false;
};

void add_tag_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand("tag", "Add tags to a customer, or remove them");
    auto input = std::make_shared<Tagging>();
    add_id_option(*command, "id", input->id, "Customer id")->required();
    command->add_option("tags", input->tags, "Tags")->required();
    command->add_flag("--remove", input->remove, "Remove the tags instead");
    command->callback([&context, input] {
        auto& store = context.workspace().customers();
        if (input->remove) {
            store.remove_tags(input->id, input->tags);
        } else {
            store.add_tags(input->id, input->tags);
        }
        context.out() << fmt::format("customer #{} is tagged: {}\n", input->id,
                                     fmt::join(store.get(input->id).tags, ", "));
    });
}

struct ConsentChange {
    CustomerId id = 0;
    std::string channel;
    bool grant = false;
    bool withdraw = false;
    std::string source = "cli";
};

void add_consent_command(CLI::App& customers, CliContext& context) {
    auto* command =
        customers.add_subcommand("consent", "Record that a customer granted or withdrew consent");
    auto input = std::make_shared<ConsentChange>();
    add_id_option(*command, "id", input->id, "Customer id")->required();
    command->add_option("channel", input->channel, "Channel: email, sms, phone, ...")->required();
    auto* decision = command->add_option_group("decision", "Exactly one of");
    decision->add_flag("--grant", input->grant, "The customer consents");
    decision->add_flag("--withdraw", input->withdraw, "The customer withdraws consent");
    decision->require_option(1);
    command->add_option("--source", input->source, "Where the decision was made")
        ->capture_default_str();
    command->callback([&context, input] {
        context.workspace().customers().record_consent(
            input->id, Consent{input->channel, input->grant, now(), input->source});
        context.out() << fmt::format("customer #{}: {} consent {}\n", input->id, input->channel,
                                     input->grant ? "granted" : "withdrawn");
    });
}

}  // namespace

void add_customers_command(CLI::App& app, CliContext& context) {
    auto* customers =
        add_command_group(app, "customers", "People and companies the business serves");
    add_add_command(*customers, context);
    add_list_command(*customers, context);
    add_show_command(*customers, context);
    add_find_command(*customers, context);
    add_tag_command(*customers, context);
    add_consent_command(*customers, context);
    add_customer_merge_commands(*customers, context);
    add_customer_privacy_commands(*customers, context);
}

}  // namespace moshtari::cli
