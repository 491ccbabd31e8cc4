// `moshtari segment run|show|members`: run a segmentation method, see its segments, list members.

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/segment_store.hpp"

namespace moshtari::cli {

namespace {

constexpr std::size_t kExamples = 3;

std::string share(std::int64_t part, std::int64_t whole) {
    return whole > 0 ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / whole) : "-";
}

// A segment's rule or centroid on one line for people; JSON keeps it structured.
nlohmann::json description_cell(const nlohmann::json& description) {
    return description.is_string() ? description : nlohmann::json(description.dump());
}

Table segments_table(const SegmentRun& run, const SegmentStore* examples_from) {
    Table table{{"segment", "customers", "share", "description"}, {}};
    if (examples_from) table.columns.push_back("examples");
    for (const auto& segment : run.segments) {
        std::vector<nlohmann::json> row{segment.name, segment.size,
                                        share(segment.size, run.customers),
                                        description_cell(segment.description)};
        if (examples_from) {
            std::string ids;
            for (const auto& m : examples_from->members(run.method, segment.name, kExamples))
                ids += (ids.empty() ? "#" : ", #") + std::to_string(m.customer_id);
            row.emplace_back(ids);
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

Record run_record(const SegmentRun& run, const SegmentStore* examples_from) {
    Record record;
    record.fields = {
        {"method", run.method},
        {"run", run.id},
        {"as_of", format_time(run.as_of)},
        {"customers", run.customers},
        {"changed", run.changed},
        {"seconds", std::chrono::duration<double>(run.finished_at - run.started_at).count()},
        {"parameters", run.parameters.dump()}};
    record.sections.emplace_back("segments", segments_table(run, examples_from));
    return record;
}

std::vector<std::string> known_methods(Workspace& workspace) {
    auto methods = workspace.segmenter_names();
    for (auto& stored : workspace.segments().methods()) methods.push_back(std::move(stored));
    std::sort(methods.begin(), methods.end());
    methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
    return methods;
}

SegmentRun latest_run(Workspace& workspace, const std::string& method) {
    auto runs = workspace.segments().runs(method, 1);
    if (runs.empty()) {
        throw UserError(fmt::format(
            "segmenter '{}' has not run yet; run `moshtari segment run {}` first", method, method));
    }
    return std::move(runs.front());
}

void add_segment_run_command(CLI::App& segment, CliContext& context) {
    auto* command = segment.add_subcommand(
        "run", "Put every customer in a segment with one method, as of a date, and store it");
    struct Options {
        std::string method;
        std::string as_of;
    };
    auto options = std::make_shared<Options>();
    command->add_option("method", options->method, "The method, like rfm or kmeans")->required();
    command->add_option("--as-of", options->as_of,
                        "Judge as of this time, YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    context.add_json_flag(*command);
    command->callback([&context, options] {
        Workspace& workspace = context.workspace();
        const auto run = workspace.run_segmenter(options->method, time_or_now(options->as_of));
        context.print(run_record(run, nullptr));
    });
}

void add_show_command(CLI::App& segment, CliContext& context) {
    auto* command = segment.add_subcommand(
        "show", "The methods and their latest runs, or one method's segments with examples");
    auto method = std::make_shared<std::string>();
    command->add_option("method", *method, "One method (default: all of them)");
    context.add_json_flag(*command);
    command->callback([&context, method] {
        Workspace& workspace = context.workspace();
        if (!method->empty()) {
            context.print(run_record(latest_run(workspace, *method), &workspace.segments()));
            return;
        }
        Table table{{"method", "available", "last_run", "as_of", "customers", "segments"}, {}};
        const auto registered = workspace.segmenter_names();
        for (const auto& name : known_methods(workspace)) {
            const bool available =
                std::find(registered.begin(), registered.end(), name) != registered.end();
            const auto runs = workspace.segments().runs(name, 1);
            if (runs.empty()) {
                table.rows.push_back({name, available, nullptr, nullptr, nullptr, nullptr});
                continue;
            }
            const auto& run = runs.front();
            table.rows.push_back({name, available, run.id, format_time(run.as_of), run.customers,
                                  run.segments.size()});
        }
        context.print(table);
    });
}

void add_members_command(CLI::App& segment, CliContext& context) {
    auto* command =
        segment.add_subcommand("members", "The customers in a segment now, by ascending id");
    struct Options {
        std::string name;
        std::string method;
        std::size_t limit = 50;
    };
    auto options = std::make_shared<Options>();
    command->add_option("segment", options->name, "The segment, or METHOD/SEGMENT")->required();
    command->add_option("--method", options->method,
                        "The method, when several have a segment of that name");
    add_limit_option(*command, options->limit);
    context.add_json_flag(*command);
    command->callback([&context, options] {
        Workspace& workspace = context.workspace();
        std::string method = options->method;
        std::string name = options->name;
        if (const auto slash = name.find('/'); method.empty() && slash != std::string::npos) {
            method = name.substr(0, slash);
            name = name.substr(slash + 1);
        }
        std::vector<std::string> having;
        for (const auto& candidate : known_methods(workspace)) {
            if (!method.empty() && candidate != method) continue;
            const auto runs = workspace.segments().runs(candidate, 1);
            if (runs.empty()) continue;
            const auto& segments = runs.front().segments;
            if (std::any_of(segments.begin(), segments.end(),
                            [&](const SegmentSize& s) { return s.name == name; }))
                having.push_back(candidate);
        }
        if (having.empty()) {
            throw UserError(fmt::format(
                "no {}segment is called '{}'; `moshtari segment show{}` lists the segments",
                method.empty() ? "" : fmt::format("'{}' ", method), name,
                method.empty() ? "" : " " + method));
        }
        if (having.size() > 1) {
            std::string list;
            for (const auto& m : having) list += (list.empty() ? "" : ", ") + m + "/" + name;
            throw UserError(fmt::format(
                "several methods have a segment called '{}': say which, as one of {}", name, list));
        }
        Table table{{"customer", "name", "segment", "score", "since", "previous"}, {}};
        for (const auto& m : workspace.segments().members(having.front(), name, options->limit)) {
            table.rows.push_back({m.customer_id, workspace.customers().get(m.customer_id).name,
                                  m.segment, json_or_null(m.score), format_time(m.since),
                                  m.previous_segment});
        }
        context.print(table);
    });
}

}  // namespace

void add_segment_command(CLI::App& app, CliContext& context) {
    auto* segment =
        add_command_group(app, "segment", "Group customers by behaviour: RFM, k-means, mixtures");
    add_segment_run_command(*segment, context);
    add_show_command(*segment, context);
    add_members_command(*segment, context);
}

}  // namespace moshtari::cli
