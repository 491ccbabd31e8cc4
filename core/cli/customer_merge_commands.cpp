// `moshtari customers duplicates` and `moshtari customers merge A B`.

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"

namespace moshtari::cli {

namespace {

struct DuplicatesQuery {
    std::size_t limit = 50;
};

void add_duplicates_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand(
        "duplicates", "List likely duplicate customers, best first, to merge");
    auto query = std::make_shared<DuplicatesQuery>();
    add_limit_option(*command, query->limit);
    context.add_json_flag(*command);
    command->callback([&context, query] {
        Workspace& workspace = context.workspace();
        Table table{{"a", "a_name", "b", "b_name", "score", "reasons"}, {}};
        for (const auto& pair : workspace.merges().duplicates(query->limit)) {
            // Rounded: the score ranks candidates, its third digit means nothing.
            const double score = std::round(pair.score * 100) / 100;
            table.rows.push_back({pair.a, workspace.customers().get(pair.a).name, pair.b,
                                  workspace.customers().get(pair.b).name, score,
                                  fmt::format("{}", fmt::join(pair.reasons, ", "))});
        }
        context.print(table);
    });
}

struct Merging {
    CustomerId survivor = 0;
    CustomerId merged = 0;
    std::string by;
};

// "3 orders, 1 deal" from the counts and lists in a merge's "moved" details; nothing for zeros.
std::string moved_summary(const nlohmann::json& moved) {
    std::vector<std::string> parts;
    for (const auto& [what, value] : moved.items()) {
        const auto count = value.is_array() ? value.size() : value.get<std::size_t>();
        if (count > 0) parts.push_back(fmt::format("{} {}", count, what));
    }
    return parts.empty() ? "nothing" : fmt::format("{}", fmt::join(parts, ", "));
}

void add_merge_command(CLI::App& customers, CliContext& context) {
    auto* command = customers.add_subcommand(
        "merge", "Merge customer B into customer A: A keeps its values and gets everything of B's");
    auto input = std::make_shared<Merging>();
    add_id_option(*command, "a", input->survivor, "The customer who stays")->required();
    add_id_option(*command, "b", input->merged, "The customer merged into A, who then is gone")
        ->required();
    add_by_option(*command, input->by);
    command->callback([&context, input] {
        const auto merge =
            context.workspace().merges().merge(input->survivor, input->merged, input->by);
        context.out() << fmt::format("merged customer #{} into #{}: moved {}\n", merge.merged_id,
                                     merge.survivor_id, moved_summary(merge.details["moved"]));
        for (const auto& conflict : merge.details["conflicts"]) {
            context.out() << fmt::format("  conflict on {}: kept {}, dropped {}\n",
                                         conflict["field"].get<std::string>(),
                                         conflict["kept"].dump(), conflict["dropped"].dump());
        }
    });
}

}  // namespace

void add_customer_merge_commands(CLI::App& customers, CliContext& context) {
    add_duplicates_command(customers, context);
    add_merge_command(customers, context);
}

}  // namespace moshtari::cli
