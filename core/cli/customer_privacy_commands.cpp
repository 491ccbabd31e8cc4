// `moshtari customers erase ID` and `moshtari customers export-personal ID [--output FILE]`.

#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "moshtari/error.hpp"
#include "moshtari/privacy_store.hpp"

namespace moshtari::cli {

namespace {

struct PrivacyRequest {
    CustomerId id = 0;
    std::string by;
    std::filesystem::path output;
};

void add_erase_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand(
        "erase",
        "Erase a customer's personal data everywhere (right to be forgotten); the privacy: "
        "section says what is kept");
    auto input = std::make_shared<PrivacyRequest>();
    add_id_option(*command, "id", input->id, "Customer id")->required();
    add_by_option(*command, input->by);
    command->callback([&context, input] {
        const auto entry = context.workspace().privacy().erase(input->id, input->by);
        context.out() << fmt::format("customer #{}: {}\n", entry.customer_id, entry.summary);
    });
}

void add_export_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand(
        "export-personal", "Write everything held about one person as JSON (right of access)");
    auto input = std::make_shared<PrivacyRequest>();
    add_id_option(*command, "id", input->id, "Customer id")->required();
    command->add_option("--output", input->output, "Write to this file instead of stdout")
        ->type_name("FILE");
    add_by_option(*command, input->by);
    command->callback([&context, input] {
        if (!input->output.empty() && !input->output.parent_path().empty() &&
            !std::filesystem::is_directory(input->output.parent_path())) {
            throw UserError(
                fmt::format("cannot write {}: its folder does not exist; create it "
                            "or choose another --output",
                            input->output.string()));
        }
        const auto data = context.workspace().privacy().export_personal(input->id, input->by);
        if (input->output.empty()) {
            context.out() << data.dump(2) << '\n';
            return;
        }
        std::ofstream out(input->output);
        out << data.dump(2) << '\n';
        if (!out) {
            throw UserError(fmt::format("cannot write {}; check the path and its permissions",
                                        input->output.string()));
        }
        context.out() << fmt::format("wrote the personal data of customer #{} to {}\n", input->id,
                                     input->output.string());
    });
}

}  // namespace

void add_customer_privacy_commands(CLI::App& customers, CliContext& context) {
    add_erase_command(customers, context);
    add_export_command(customers, context);
}

}  // namespace moshtari::cli
