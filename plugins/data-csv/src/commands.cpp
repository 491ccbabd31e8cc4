#include "commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include "contact_normaliser.hpp"
#include "customer_importer.hpp"
#include "deal_importer.hpp"
#include "exporter.hpp"
#include "import_report.hpp"
#include "interaction_importer.hpp"
#include "moshtari/error.hpp"
#include "order_importer.hpp"
#include "progress.hpp"
#include "row_mapper.hpp"

namespace moshtari::data_csv {

namespace {

struct MappingFlags {
    std::string mapping;            // a named mapping of data-csv.mappings, or a file
    std::vector<std::string> maps;  // --map 'Column=field|transform...'
};

void add_mapping_flags(CLI::App& command, MappingFlags& flags) {
    command.add_option("--mapping", flags.mapping,
                       "A mapping file, or the name of a mapping under data-csv.mappings");
    command.add_option("--map", flags.maps,
                       "'Source Column=field|transform...' (repeatable; replaces the mapping's "
                       "rules for that column)");
}

Mapping resolve_mapping(const MappingFlags& flags, Entity entity, const Settings& settings) {
    Mapping mapping;
    if (const auto named = settings.mappings.find(flags.mapping);
        named != settings.mappings.end()) {
        mapping = Mapping::from_section(named->second, entity);
    } else if (!flags.mapping.empty()) {
        mapping = Mapping::from_section(ConfigSection::read_file(flags.mapping), entity);
    }
    std::vector<ColumnRule> from_flags;
    for (const auto& text : flags.maps) from_flags.push_back(Mapping::parse_rule(text, entity));
    std::erase_if(mapping.columns, [&](const ColumnRule& rule) {
        return std::any_of(from_flags.begin(), from_flags.end(),
                           [&](const ColumnRule& flag) { return flag.column == rule.column; });
    });
    mapping.columns.insert(mapping.columns.end(), from_flags.begin(), from_flags.end());
    return mapping;
}

struct ImportFlags {
    std::string entity;
    std::string file;
    MappingFlags mapping;
    std::string mode;
    std::vector<std::string> match;
    std::string reject_file;
    std::string currency;
    std::size_t batch_size = 0;
    bool dry_run = false;
    bool extra_as_attributes = false;
};

// "orders.csv.gz" rejects go to "orders.rejects.csv" beside it.
std::filesystem::path default_reject_file(const std::filesystem::path& input) {
    std::filesystem::path stem = input;
    if (stem.extension() == ".gz") stem.replace_extension();
    stem.replace_extension();
    return stem.string() + ".rejects.csv";
}

void run_import(Workspace& workspace, const Settings& settings, const ImportFlags& flags) {
    const auto started = std::chrono::steady_clock::now();
    const Entity entity = parse_entity(flags.entity);
    const Mapping mapping = resolve_mapping(flags.mapping, entity, settings);
    ImportOptions options;
    options.mode =
        !flags.mode.empty() ? parse_mode(flags.mode) : mapping.mode.value_or(options.mode);
    options.match = !flags.match.empty() ? parse_match_rules(flags.match)
                                         : mapping.match.value_or(options.match);
    options.batch_size = flags.batch_size > 0 ? flags.batch_size : settings.batch_size;
    options.dry_run = flags.dry_run;
    options.currency = !flags.currency.empty() ? flags.currency : mapping.currency;

    CsvReader reader(flags.file);
    CsvRecord header;
    if (!reader.next(header))
        throw UserError(fmt::format("{} is empty; it needs a header line", flags.file));
    const RowMapper mapper(
        mapping, entity, header.fields,
        flags.extra_as_attributes || mapping.extra_as_attributes.value_or(false));
    if (!mapper.ignored_columns().empty()) {
        // Not an error (exports carry many columns), but a misnamed key column would otherwise
        // pass silently: orders with an unread customer column become guest orders.
        std::cerr << fmt::format(
            "note: not imported, no field reads them: {}; map them with --map 'COLUMN=field' "
            "(fields of {}: {})\n",
            fmt::join(mapper.ignored_columns(), ", "), to_string(entity),
            fmt::join(fields_of(entity), ", "));
    }
    std::optional<std::filesystem::path> reject_file;
    if (!flags.dry_run) {
        reject_file = flags.reject_file.empty() ? default_reject_file(flags.file)
                                                : std::filesystem::path(flags.reject_file);
    }
    ImportReport report(flags.file, header.fields, reject_file, std::cerr);
    Progress progress(std::cerr, ::isatty(STDERR_FILENO) != 0);
    long rows = 0;
    const ContactNormaliser normaliser(settings.default_region);
    if (entity == Entity::customers) {
        CustomerImporter importer(workspace, normaliser, options, report);
        rows = importer.run(reader, mapper, progress);
    } else if (entity == Entity::orders) {
        OrderImporter importer(workspace, options, report);
        rows = importer.run(reader, mapper, progress);
    } else if (entity == Entity::interactions) {
        InteractionImporter importer(workspace, normaliser, options, report);
        rows = importer.run(reader, mapper, progress);
    } else {
        DealImporter importer(workspace, normaliser, options, report);
        rows = importer.run(reader, mapper, progress);
    }
    report.print_summary(std::cout, to_string(entity), rows,
                         std::chrono::steady_clock::now() - started, flags.dry_run);
}

}  // namespace

Command import_command(Workspace& workspace, const Settings& settings) {
    return Command{
        "import", "Import customers, orders, interactions or deals from a CSV file (plain or .gz)",
        [&workspace, &settings](CLI::App& command) {
            auto flags = std::make_shared<ImportFlags>();
            command.add_option("what", flags->entity, "customers, orders, interactions or deals")
                ->required();
            command.add_option("file", flags->file, "The CSV file, plain or gzip-compressed")
                ->required();
            add_mapping_flags(command, flags->mapping);
            command.add_option("--mode", flags->mode,
                               "create-only (default), update or merge (fill empty fields)");
            command
                .add_option("--match", flags->match,
                            "Customers: matching rules in order: external_id, email, phone")
                ->delimiter(',');
            command.add_option("--reject-file", flags->reject_file,
                               "Where rejected rows go (default: FILE.rejects.csv)");
            command.add_option("--currency", flags->currency,
                               "Orders and deals: the currency when no column gives it");
            command.add_option("--batch-size", flags->batch_size,
                               "Rows per transaction (default: data-csv.batch_size)");
            command.add_flag("--dry-run", flags->dry_run,
                             "Report what would happen; write nothing");
            command.add_flag("--extra-as-attributes", flags->extra_as_attributes,
                             "Customers: unmapped columns become custom attributes");
            command.callback(
                [&workspace, &settings, flags] { run_import(workspace, settings, *flags); });
        }};
}

Command export_command(Workspace& workspace, const Settings& settings) {
    return Command{
        "export", "Export customers, orders, interactions or deals as CSV or JSON Lines",
        [&workspace, &settings](CLI::App& command) {
            struct Flags {
                std::string entity;
                std::string format = "csv";
                std::string output;
                MappingFlags mapping;
            };
            auto flags = std::make_shared<Flags>();
            command.add_option("what", flags->entity, "customers, orders, interactions or deals")
                ->required();
            command.add_option("--format", flags->format, "csv or jsonl")->capture_default_str();
            command.add_option("--output", flags->output, "A file (default: standard output)");
            add_mapping_flags(command, flags->mapping);
            command.callback([&workspace, &settings, flags] {
                const Entity entity = parse_entity(flags->entity);
                if (flags->format != "csv" && flags->format != "jsonl") {
                    throw UserError(fmt::format("'{}' is not an export format; use csv or jsonl",
                                                flags->format));
                }
                const ExportFormat format =
                    flags->format == "csv" ? ExportFormat::csv : ExportFormat::jsonl;
                const Mapping mapping = resolve_mapping(flags->mapping, entity, settings);
                if (flags->output.empty()) {
                    export_records(workspace, entity, mapping, format, std::cout);
                    return;
                }
                std::ofstream out(flags->output, std::ios::binary | std::ios::trunc);
                if (!out) throw UserError(fmt::format("cannot write {}", flags->output));
                export_records(workspace, entity, mapping, format, out);
            });
        }};
}

}  // namespace moshtari::data_csv
