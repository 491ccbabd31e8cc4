// `moshtari pipelines list`: the configured pipelines, one row per stage.

#include "commands.hpp"

namespace moshtari::cli {

namespace {

const char* outcome_of(const Stage& stage) {
    if (stage.won) return "won";
    if (stage.lost) return "lost";
    return "";
}

void print_pipelines(CliContext& context) {
    Table table{{"pipeline", "stage", "name", "probability", "sla_days", "outcome"}, {}};
    for (const auto& pipeline : context.workspace().pipelines()) {
        for (const auto& stage : pipeline.stages) {
            table.rows.push_back({pipeline.id, stage.id, stage.name, stage.win_probability,
                                  json_or_null(stage.sla_days), outcome_of(stage)});
        }
    }
    context.print(table);
}

}  // namespace

void add_pipelines_command(CLI::App& app, CliContext& context) {
    auto* pipelines =
        add_command_group(app, "pipelines", "The sales pipelines configured in moshtari.yaml");
    auto* list = pipelines->add_subcommand("list", "List every pipeline's stages in order");
    context.add_json_flag(*list);
    list->callback([&context] { print_pipelines(context); });
}

}  // namespace moshtari::cli
