#include "draws_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "draw_store.hpp"
#include "lifecycle.hpp"
#include "moshtari/error.hpp"
#include "moshtari/table.hpp"
#include "moshtari/workspace.hpp"
#include "run.hpp"
#include "verification.hpp"

namespace moshtari::draws {

namespace {

struct Options {
    std::string draw;
    std::string by = "cli";
    bool json = false;
};

void add_json(CLI::App& command, Options& options) {
    command.add_flag("--json", options.json, "Print JSON instead of text");
}

void add_draw(CLI::App& command, Options& options) {
    command.add_option("draw", options.draw, "The draw's name")->required();
}

nlohmann::json optional_time(const std::optional<Timestamp>& at) {
    return at ? nlohmann::json(format_time(*at)) : nlohmann::json(nullptr);
}

nlohmann::json draw_json(const Draw& d) {
    return {{"draw", d.name},
            {"id", d.id},
            {"from", format_time(d.from)},
            {"to", format_time(d.to)},
            {"winners", d.winners},
            {"prizes", d.prizes},
            {"status", to_string(d.status)},
            {"seed_commitment", d.seed_commitment},
            {"created_at", format_time(d.created_at)},
            {"committed_at", optional_time(d.committed_at)},
            {"entries_sha256", d.entries_sha256},
            {"entry_lines", d.entry_lines},
            {"tickets", d.tickets},
            {"customers", d.customers},
            {"beacon_source", d.beacon_source},
            {"drawn_at", optional_time(d.drawn_at)},
            {"beacon", d.beacon},
            {"seed", d.seed}};
}

nlohmann::json optional_id(const std::optional<std::int64_t>& id) {
    return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

Table picks_table(const std::vector<RecordedPick>& picks) {
    Table table{{"position", "entry", "listed_customer", "customer", "winner", "rank", "prize",
                 "excluded_because", "message"},
                {}};
    for (const auto& p : picks) {
        table.rows.push_back({p.position, p.entry, p.listed_customer, optional_id(p.customer),
                              p.winner, p.rank, p.prize, p.reason, optional_id(p.message)});
    }
    return table;
}

// A bare date as the end of the window means the whole of that day (UTC).
Timestamp window_end(const std::string& text) {
    const Timestamp at = parse_time_or_throw(text, "--to");
    return text.size() == 10 ? at + std::chrono::days{1} : at;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UserError(fmt::format("cannot read the entry list {}", path));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void print_draw(const Draw& d) {
    std::cout << fmt::format("draw             {} (#{}), {}\n", d.name, d.id, to_string(d.status));
    std::cout << fmt::format("entry window     {} to {} (exclusive)\n", format_time(d.from),
                             format_time(d.to));
    std::cout << fmt::format(
        "winners          {}{}\n", d.winners,
        d.prizes.empty() ? "" : fmt::format(", prizes: {}", fmt::join(d.prizes, "; ")));
    std::cout << fmt::format("seed commitment  {} (published {})\n", d.seed_commitment,
                             format_time(d.created_at));
    if (d.committed_at) {
        std::cout << fmt::format(
            "entries hash     {} ({} entries, {} tickets, {} customers; "
            "committed {})\n",
            d.entries_sha256, d.entry_lines, d.tickets, d.customers, format_time(*d.committed_at));
    }
    if (!d.beacon_source.empty()) {
        std::cout << fmt::format("public value     {}{}\n", d.beacon_source,
                                 d.beacon.empty() ? "" : fmt::format(": {}", d.beacon));
    }
    if (d.drawn_at) {
        std::cout << fmt::format("seed             {} (revealed {})\n", d.seed,
                                 format_time(*d.drawn_at));
    }
}

void add_create(CLI::App& draws, Workspace& workspace, const Settings& settings) {
    auto* command = draws.add_subcommand(
        "create",
        "Create a draw: its entry window, winners and prizes. Prints the seed's commitment, to "
        "publish before any entry is drawn");
    auto options = std::make_shared<Options>();
    auto request = std::make_shared<NewDraw>();
    auto window = std::make_shared<std::pair<std::string, std::string>>();
    command->add_option("name", request->name, "The draw's name, such as christmas-2026")
        ->required();
    command->add_option("--from", window->first, "Entries dated from, YYYY-MM-DD[THH:MM[:SS]Z]")
        ->required();
    command
        ->add_option("--to", window->second,
                     "Entries dated before; a bare date includes that whole day")
        ->required();
    command->add_option("--winners", request->winners, "How many customers win")
        ->required()
        ->check(CLI::PositiveNumber);
    command->add_option("--prize", request->prizes,
                        "A prize: once for every winner, or once per rank in order");
    command->add_option("--by", options->by, "Who creates it, for the record")
        ->capture_default_str();
    add_json(*command, *options);
    command->callback([&workspace, &settings, options, request, window] {
        request->from = parse_time_or_throw(window->first, "--from");
        request->to = window_end(window->second);
        request->by = options->by;
        const Draw d = create_draw(workspace, settings, *request, now());
        const auto listed = DrawStore(workspace.database()).listed(d.id);
        if (options->json) {
            auto json = draw_json(d);
            json["entries_so_far"] = listed.size();
            std::cout << json.dump() << '\n';
            return;
        }
        print_draw(d);
        std::cout << fmt::format(
            "Created draw '{}' with {} entries so far. Publish the seed commitment now: the seed "
            "it stands for is revealed when the draw is run\n",
            d.name, listed.size());
    });
}

void add_enter(CLI::App& draws, Workspace& workspace, const Settings& settings) {
    auto* command = draws.add_subcommand(
        "enter",
        "Enter a customer by hand: the no-purchase entry anyone may ask for, or a bonus entry "
        "with a reference");
    auto options = std::make_shared<Options>();
    auto request = std::make_shared<ManualEntry>();
    auto count = std::make_shared<std::int64_t>(0);
    auto at = std::make_shared<std::string>();
    add_draw(*command, *options);
    command->add_option("customer", request->customer, "The customer's id")
        ->required()
        ->check(CLI::PositiveNumber);
    command
        ->add_option("--entries", *count,
                     "Tickets for the entry (default: no_purchase.entries from the "
                     "configuration)")
        ->check(CLI::PositiveNumber);
    command->add_option("--reference", request->reference,
                        "Makes the entry unique in the draw (default: the customer's no-purchase "
                        "entry, given once)");
    command->add_option("--reason", request->reason, "Why, for the record");
    command->add_option("--at", *at, "When the entry was received (default: now)");
    command->add_option("--by", options->by, "Who enters it")->capture_default_str();
    add_json(*command, *options);
    command->callback([&workspace, &settings, options, request, count, at] {
        request->draw = options->draw;
        request->by = options->by;
        request->at = at->empty() ? now() : parse_time_or_throw(*at, "--at");
        request->count = *count > 0 ? *count : settings.no_purchase_entries;
        const Entry e = enter(workspace, *request);
        if (options->json) {
            std::cout << nlohmann::json{{"draw", e.draw},
                                        {"entry", e.id},
                                        {"customer", request->customer},
                                        {"entries", e.count},
                                        {"source", e.source},
                                        {"at", format_time(e.at)},
                                        {"reason", e.reason}}
                             .dump()
                      << '\n';
            return;
        }
        std::cout << fmt::format("Entered customer #{} in '{}' with {} ticket{} (entry #{}, {})\n",
                                 request->customer, e.draw, e.count, e.count == 1 ? "" : "s", e.id,
                                 e.source);
    });
}

void add_list(CLI::App& draws, Workspace& workspace) {
    auto* command = draws.add_subcommand("list", "Every draw with its state");
    auto options = std::make_shared<Options>();
    add_json(*command, *options);
    command->callback([&workspace, options] {
        Table table{
            {"draw", "status", "from", "to", "winners", "seed_commitment", "entries_sha256"}, {}};
        for (const auto& d : DrawStore(workspace.database()).list()) {
            table.rows.push_back({d.name, to_string(d.status), format_time(d.from),
                                  format_time(d.to), d.winners, d.seed_commitment,
                                  d.entries_sha256});
        }
        table.print(std::cout, options->json);
    });
}

void add_show(CLI::App& draws, Workspace& workspace) {
    auto* command = draws.add_subcommand(
        "show", "A draw's window, commitments and, once drawn, its seed and picks");
    auto options = std::make_shared<Options>();
    add_draw(*command, *options);
    add_json(*command, *options);
    command->callback([&workspace, options] {
        const DrawStore store(workspace.database());
        const Draw d = store.get(options->draw);
        const auto picks = store.picks(d.id);
        const std::size_t so_far = d.status == DrawStatus::open ? store.listed(d.id).size() : 0;
        if (options->json) {
            auto json = draw_json(d);
            if (d.status == DrawStatus::open) json["entries_so_far"] = so_far;
            json["picks"] = picks_table(picks).to_json();
            std::cout << json.dump() << '\n';
            return;
        }
        print_draw(d);
        if (d.status == DrawStatus::open) std::cout << fmt::format("entries so far   {}\n", so_far);
        if (!picks.empty()) picks_table(picks).print_text(std::cout);
    });
}

void add_entries(CLI::App& draws, Workspace& workspace) {
    auto* command = draws.add_subcommand(
        "entries",
        "The draw's canonical entry list, 'ENTRY CUSTOMER COUNT' per line: the committed one "
        "byte for byte, or the entries so far of an open draw");
    auto options = std::make_shared<Options>();
    add_draw(*command, *options);
    add_json(*command, *options);
    command->callback([&workspace, options] {
        const DrawStore store(workspace.database());
        const Draw d = store.get(options->draw);
        const std::string list = d.status == DrawStatus::open
                                     ? format_entry_list(store.listed(d.id))
                                     : store.committed_list(d.id);
        if (!options->json) {
            std::cout << list;
            return;
        }
        Table table{{"entry", "customer", "count"}, {}};
        for (const auto& e : parse_entry_list(list, d.name)) {
            table.rows.push_back({e.entry, e.customer, e.count});
        }
        table.print(std::cout, true);
    });
}

void add_close(CLI::App& draws, Workspace& workspace) {
    auto* command = draws.add_subcommand(
        "close",
        "Freeze the entry list after the window and publish its SHA-256; optionally announce a "
        "future public value to mix into the seed");
    auto options = std::make_shared<Options>();
    auto beacon_source = std::make_shared<std::string>();
    add_draw(*command, *options);
    command->add_option("--beacon-source", *beacon_source,
                        "A public value nobody knows yet, to be given at `draws run --beacon` "
                        "(\"EuroMillions numbers of 2026-12-05\")");
    add_json(*command, *options);
    command->callback([&workspace, options, beacon_source] {
        const Draw d = close_draw(workspace, options->draw, *beacon_source, now());
        if (options->json) {
            std::cout << draw_json(d).dump() << '\n';
            return;
        }
        print_draw(d);
        std::cout << fmt::format(
            "Closed draw '{}'. Publish the entries hash and the list (`moshtari draws entries "
            "{}`) before running it\n",
            d.name, d.name);
    });
}

void add_run(CLI::App& draws, Workspace& workspace, const Settings& settings) {
    auto* command = draws.add_subcommand(
        "run",
        "Draw the winners (closing the draw first if it is open), record them and queue their "
        "messages; once: running again prints the recorded result");
    auto options = std::make_shared<Options>();
    auto beacon = std::make_shared<std::string>();
    add_draw(*command, *options);
    command->add_option("--beacon", *beacon,
                        "The value of the public source announced with `draws close`");
    add_json(*command, *options);
    command->callback([&workspace, &settings, options, beacon] {
        const RunResult result = run_draw(workspace, settings, options->draw, *beacon, now());
        if (options->json) {
            auto json = draw_json(result.draw);
            json["fresh"] = result.fresh;
            json["picks"] = picks_table(result.picks).to_json();
            std::cout << json.dump() << '\n';
            return;
        }
        const Draw& d = result.draw;
        if (!result.fresh) {
            std::cout << fmt::format("Draw '{}' was drawn at {}; nothing changed.\n", d.name,
                                     format_time(d.drawn_at.value_or(Timestamp{})));
        }
        print_draw(d);
        picks_table(result.picks).print_text(std::cout);
        std::size_t winners = 0;
        for (const auto& p : result.picks) winners += p.winner ? 1 : 0;
        std::cout << fmt::format(
            "{} winner{} of {}; {} drawn customer{} excluded. Anyone can recompute this from the "
            "entry list and the seed: `moshtari draws verify {}`\n",
            winners, winners == 1 ? "" : "s", d.winners, result.picks.size() - winners,
            result.picks.size() - winners == 1 ? "" : "s", d.name);
    });
}

void add_verify(CLI::App& draws, Workspace& workspace) {
    auto* command = draws.add_subcommand(
        "verify",
        "Recompute a drawn draw from an entry list and a seed (default: the committed list and "
        "the revealed seed) and check it against what was published and recorded. Exits 1 when "
        "anything differs");
    auto options = std::make_shared<Options>();
    auto file = std::make_shared<std::string>();
    auto seed = std::make_shared<std::string>();
    add_draw(*command, *options);
    command->add_option("--entries", *file, "An entry list as `draws entries` prints it");
    command->add_option("--seed", *seed, "The seed as `draws show` prints it");
    add_json(*command, *options);
    command->callback([&workspace, options, file, seed] {
        const DrawStore store(workspace.database());
        const Draw d = store.get(options->draw);
        if (d.status != DrawStatus::drawn) {
            throw UserError(
                fmt::format("draw '{}' is {}; there is nothing to verify until "
                            "`moshtari draws run {}`",
                            d.name, to_string(d.status), d.name));
        }
        const std::string list = file->empty() ? store.committed_list(d.id) : read_file(*file);
        const Verification v =
            verify(d, store.picks(d.id), list, file->empty() ? "the committed list" : *file,
                   seed->empty() ? d.seed : *seed);
        if (options->json) {
            Table recomputed{{"position", "entry", "customer"}, {}};
            for (std::size_t i = 0; i < v.recomputed.size(); ++i) {
                recomputed.rows.push_back({i + 1, v.recomputed[i].entry, v.recomputed[i].customer});
            }
            std::cout << nlohmann::json{{"draw", d.name},
                                        {"entries_sha256", v.entries_sha256},
                                        {"entries_match", v.entries_match},
                                        {"seed_matches", v.seed_matches},
                                        {"picks_match", v.picks_match},
                                        {"ok", v.ok()},
                                        {"recomputed", recomputed.to_json()}}
                             .dump()
                      << '\n';
            if (!v.ok()) throw CLI::RuntimeError(1);
            return;
        }
        const auto line = [](const char* what, bool good, const std::string& yes,
                             const std::string& no) {
            std::cout << fmt::format("{:<13}{}\n", what, good ? yes : no);
        };
        line("entries hash", v.entries_match,
             fmt::format("{} is the one published at commitment", v.entries_sha256),
             fmt::format("{} differs from the one published at commitment, {}", v.entries_sha256,
                         d.entries_sha256));
        line("seed", v.seed_matches,
             "its secret hashes to the commitment published at creation" +
                 (d.beacon.empty() ? std::string() : ", with the announced public value"),
             "does not match the commitment published at creation and the public value");
        line("draw order", v.picks_match,
             fmt::format("the same {} picks as recorded", v.recomputed.size()),
             fmt::format("{} picks, not the recorded ones", v.recomputed.size()));
        if (!v.ok()) throw UserError(fmt::format("draw '{}' does not verify", d.name));
        std::cout << fmt::format("Draw '{}' verifies.\n", d.name);
    });
}

}  // namespace

Command draws_command(Workspace& workspace, const Settings& settings) {
    return Command{"draws",
                   "Prize draws: create, enter, close, run and verify, with published commitments",
                   [&workspace, &settings](CLI::App& command) {
                       command.require_subcommand(1);
                       add_create(command, workspace, settings);
                       add_enter(command, workspace, settings);
                       add_list(command, workspace);
                       add_show(command, workspace);
                       add_entries(command, workspace);
                       add_close(command, workspace);
                       add_run(command, workspace, settings);
                       add_verify(command, workspace);
                   }};
}

}  // namespace moshtari::draws
