// The `draws` commands through the real `moshtari` executable: a draw from creation to
// verification with --json, the published list and seed recomputed by tools/recompute_winners.py,
// a tampered list and a wrong seed refused by `draws verify`, and a configuration error at its
// line.

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_process.hpp"
#include "draws_fixture.hpp"
#include "sha256.hpp"

namespace moshtari::draws::testing {
namespace {

using e2e::CliResult;

class Cli : public DrawsTest {
  protected:
    CliResult run(const std::vector<std::string>& args, const std::filesystem::path& config = {}) {
        std::vector<std::string> all{"--config",
                                     (config.empty() ? ws_->config_file() : config).string()};
        all.insert(all.end(), args.begin(), args.end());
        return e2e::run_cli(ws_->dir(), all);
    }
    std::string ok(const std::vector<std::string>& args) {
        const CliResult result = run(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
    nlohmann::json json(std::vector<std::string> args) {
        args.emplace_back("--json");
        return nlohmann::json::parse(ok(args));
    }
    std::string refused(const std::vector<std::string>& args) {
        const CliResult result = run(args);
        EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
        return result.err;
    }
    std::filesystem::path write(const std::string& name, const std::string& text) {
        const auto file = ws_->dir() / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
};

// tools/recompute_winners.py under Debian's python3; its exit code and standard output.
std::pair<int, std::string> recompute(const std::string& arguments) {
    FILE* pipe = ::popen(("/usr/bin/python3 " RECOMPUTE_TOOL " " + arguments).c_str(), "r");
    std::string out;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = ::pclose(pipe);
    return {WEXITSTATUS(status), out};
}

TEST_F(Cli, ADrawFromCreationToVerificationWithJson) {
    std::vector<CustomerId> customers;
    for (int i = 0; i < 8; ++i) {
        customers.push_back(
            add_customer(fmt::format("C{}", i),
                         i == 0 ? std::vector<std::string>{"staff"} : std::vector<std::string>{}));
        place_order(customers.back(), 2000 + 1000 * i, kFrom + std::chrono::days(i));
    }
    const CustomerId walk_in = add_customer("Walk-in");
    ok({"run", "--once"});

    const auto created =
        json({"draws", "create", "october", "--from", "2026-10-01", "--to", "2026-10-31",
              "--winners", "3", "--prize", "grinder", "--prize", "beans", "--prize", "cup"});
    EXPECT_EQ(created["to"], "2026-11-01T00:00:00Z") << "a bare date includes that day";
    EXPECT_EQ(created["entries_so_far"], 8);
    EXPECT_EQ(created["status"], "open");
    const std::string commitment = created["seed_commitment"];
    EXPECT_EQ(commitment.size(), 64u);
    EXPECT_EQ(created["seed"], "") << "the seed stays hidden until the run";

    const auto entered = json({"draws", "enter", "october", std::to_string(walk_in), "--reason",
                               "no purchase necessary", "--at", "2026-10-29T12:00:00Z"});
    EXPECT_EQ(entered["entries"], 1);
    EXPECT_NE(refused({"draws", "enter", "october", std::to_string(walk_in), "--at",
                       "2026-10-29T13:00:00Z"})
                  .find("already has the entry"),
              std::string::npos);

    const auto closed = json({"draws", "close", "october"});
    EXPECT_EQ(closed["status"], "committed");
    EXPECT_EQ(closed["entry_lines"], 9);
    const std::string list = ok({"draws", "entries", "october"});
    EXPECT_EQ(sha256_hex(list), closed["entries_sha256"]);
    EXPECT_EQ(json({"draws", "entries", "october"}).size(), 9u);

    const auto drawn = json({"draws", "run", "october"});
    EXPECT_EQ(drawn["fresh"], true);
    EXPECT_EQ(drawn["seed_commitment"], commitment);
    const std::string seed = drawn["seed"];
    std::vector<std::string> excluded;
    std::vector<std::int64_t> winners;
    for (const auto& pick : drawn["picks"]) {
        if (pick["winner"]) {
            winners.push_back(pick["customer"]);
        } else {
            EXPECT_EQ(pick["excluded_because"], "tagged 'staff'");
            excluded.push_back(std::to_string(pick["listed_customer"].get<std::int64_t>()));
        }
    }
    ASSERT_EQ(winners.size(), 3u);
    const auto again = json({"draws", "run", "october"});
    EXPECT_EQ(again["fresh"], false);
    EXPECT_EQ(again["picks"], drawn["picks"]);
    EXPECT_EQ(json({"draws", "show", "october"})["picks"], drawn["picks"]);
    EXPECT_EQ(json({"draws", "list"})[0]["status"], "drawn");

    // What the public holds: the list, the seed, the two commitments.
    const auto published = write("published.txt", list);
    const auto verified =
        json({"draws", "verify", "october", "--entries", published.string(), "--seed", seed});
    EXPECT_EQ(verified["ok"], true);
    const std::string verify_text = ok({"draws", "verify", "october"});
    EXPECT_TRUE(verify_text.ends_with("Draw 'october' verifies.\n")) << verify_text;
    const auto [status, out] = recompute(
        fmt::format("{} '{}' --winners 3 --exclude '{}' --commitment {} --entries-sha256 {} --json",
                    published.string(), seed, fmt::join(excluded, ","), commitment,
                    closed["entries_sha256"].get<std::string>()));
    EXPECT_EQ(status, 0);
    std::vector<std::int64_t> tool_winners;
    for (const auto& pick : nlohmann::json::parse(out)) {
        if (pick["winner"]) tool_winners.push_back(pick["customer"]);
    }
    EXPECT_EQ(tool_winners, winners);

    // A list with one entry's tickets changed, and a seed that is not the committed one.
    std::string tampered = list;
    tampered.insert(tampered.find('\n'), "0");
    const CliResult changed = run({"draws", "verify", "october", "--entries",
                                   write("tampered.txt", tampered).string(), "--json"});
    EXPECT_EQ(changed.exit_code, 1);
    EXPECT_EQ(nlohmann::json::parse(changed.out)["entries_match"], false);
    const CliResult other_seed =
        run({"draws", "verify", "october", "--seed", std::string(64, 'f')});
    EXPECT_EQ(other_seed.exit_code, 1);
    EXPECT_NE(other_seed.out.find("does not match the commitment"), std::string::npos);
    EXPECT_NE(other_seed.err.find("draw 'october' does not verify"), std::string::npos);
}

TEST_F(Cli, TwoProcessesRunningOneDrawAtOnceDrawItOnce) {
    for (int i = 0; i < 20; ++i) {
        place_order(add_customer(fmt::format("C{}", i)), 2000, kFrom + std::chrono::hours(i));
    }
    ok({"run", "--once"});
    ok({"draws", "create", "october", "--from", "2026-10-01", "--to", "2026-10-31", "--winners",
        "5"});
    const auto args = std::vector<std::string>{
        "--config", ws_->config_file().string(), "draws", "run", "october", "--json"};
    e2e::CliProcess first(ws_->dir(), args);
    e2e::CliProcess second(ws_->dir(), args);
    const CliResult a = first.finish();
    const CliResult b = second.finish();
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    const auto one = nlohmann::json::parse(a.out);
    const auto other = nlohmann::json::parse(b.out);
    EXPECT_NE(one["fresh"], other["fresh"]) << "exactly one of them drew";
    EXPECT_EQ(one["seed"], other["seed"]);
    EXPECT_EQ(one["picks"], other["picks"]);
    EXPECT_EQ(count("loyalty_draws_picks"), 5);
    EXPECT_EQ(count("events", "type = 'DrawDrawn'"), 1);
}

TEST_F(Cli, RefusalsSayWhatToDo) {
    EXPECT_NE(refused({"draws", "show", "nothing"}).find("there is no draw 'nothing'; create one"),
              std::string::npos);
    ok({"draws", "create", "later", "--from", "2026-10-01", "--to", "2999-01-01", "--winners",
        "1"});
    EXPECT_NE(refused({"draws", "verify", "later"}).find("draw 'later' is open"),
              std::string::npos);
    EXPECT_NE(refused({"draws", "run", "later"}).find("takes entries until 2999-01-02"),
              std::string::npos);
    EXPECT_NE(
        refused({"draws", "create", "x", "--from", "soon", "--to", "2026-10-01", "--winners", "1"})
            .find("--from"),
        std::string::npos);
}

TEST_F(Cli, AConfigurationErrorNamesItsLineAndColumn) {
    std::ifstream in(ws_->config_file());
    std::stringstream text;
    text << in.rdbuf();
    std::string config = text.str();
    const auto at = config.find("max_per_order");
    ASSERT_NE(at, std::string::npos);
    config.insert(at + std::string("max_per_order").size(), "s");
    const auto file = write("typo.yaml", config);
    const auto line = 1 + std::count(config.begin(), config.begin() + at, '\n');
    const auto column = at - config.rfind('\n', at);
    const CliResult result = run({"draws", "list"}, file);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(
        result.err.find(fmt::format("typo.yaml:{}:{}: unknown key 'max_per_orders'", line, column)),
        std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("did you mean 'max_per_order'"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace moshtari::draws::testing
