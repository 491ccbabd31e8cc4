// Interactions and deals exported by the real `moshtari` executable, imported into a fresh
// workspace by it and exported again: byte for byte the same files, in CSV and JSON Lines.

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "import_fixture.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/interaction_store.hpp"

namespace moshtari::data_csv {
namespace {

constexpr const char* kConfig =
    "data-csv:\n"
    "  default_region: GB\n"
    "pipelines:\n"
    "  - id: sales\n"
    "    stages:\n"
    "      - {id: lead, probability: 0.1}\n"
    "      - {id: qualified, probability: 0.3}\n"
    "      - {id: won, probability: 1, won: true}\n";

// `moshtari --config CONFIG ARGS...`, its output appended to `log`; returns its exit code.
int moshtari(const std::filesystem::path& config, std::vector<std::string> args,
             const std::filesystem::path& log) {
    std::vector<std::string> argv{"moshtari", "--config", config.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t child = ::fork();
    if (child == 0) {
        std::freopen(log.c_str(), "a", stdout);
        std::freopen(log.c_str(), "a", stderr);
        std::vector<char*> pointers;
        for (auto& arg : argv) pointers.push_back(arg.data());
        pointers.push_back(nullptr);
        ::execv(MOSHTARI_BINARY, pointers.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class ActivityRoundTripTest : public testing::ImportTest {
  protected:
    ActivityRoundTripTest() : ImportTest(kConfig) {}

    // Exports ENTITY from the workspace of `config` to dir/ENTITY.FORMAT.
    std::filesystem::path export_to(const std::filesystem::path& config,
                                    const std::filesystem::path& dir, const std::string& entity,
                                    const std::string& format = "csv") {
        const auto file = dir / (entity + "." + format);
        EXPECT_EQ(
            moshtari(config, {"export", entity, "--format", format, "--output", file.string()},
                     path("log.txt")),
            0)
            << read(path("log.txt"));
        return file;
    }
};

TEST_F(ActivityRoundTripTest, AnExportImportsIntoAFreshWorkspaceAndExportsTheSame) {
    run({"import", "customers",
         write("c.csv", "external_id,name,email\nC1,Sara Ahmadi,sara@example.com\nC2,رضا کریمی,\n")
             .string()});
    const CustomerId sara = *w().customers().find_by_external_id("C1");
    // Records written without the import too: one interaction and one deal with no external id,
    // and a deal that moved, so its history has two entries.
    Interaction note;
    note.customer_id = sara;
    note.channel = "in-person";
    note.kind = "visit";
    note.direction = Direction::internal;
    note.at = *parse_time("2026-02-01T08:30:00Z");
    note.text = "Line one\nline two, with \"quotes\"";
    w().interactions().log(note);
    Deal renewal;
    renewal.customer_id = sara;
    renewal.title = "Renewal";
    renewal.pipeline_id = "sales";
    renewal.value = Money{150000, "GBP"};
    renewal.created_at = *parse_time("2026-02-02T00:00:00Z");
    w().deals().move(w().deals().create(renewal), "qualified", "maryam",
                     *parse_time("2026-02-03T00:00:00Z"));
    run({"import", "interactions",
         write("i.csv",
               "external_id,customer_external_id,channel,kind,direction,at,outcome,text\n"
               "I1,C2,phone,call,outbound,2026-01-02 10:00,answered,سلام\n")
             .string()});
    run({"import", "deals",
         write("d.csv",
               "external_id,customer_external_id,title,pipeline,stage,value,currency,owner,"
               "expected_close,created_at\n"
               "D1,C2,قرارداد,sales,won,1200000,IRR,maryam,2026-06-30,2026-01-05 12:00\n")
             .string()});

    const auto first = ws_.dir() / "first";
    const auto second = ws_.dir() / "second";
    std::filesystem::create_directories(first);
    std::filesystem::create_directories(second);
    const auto config = ws_.config_file();
    for (const char* entity : {"customers", "interactions", "deals"}) {
        export_to(config, first, entity);
        if (std::string(entity) != "customers") export_to(config, first, entity, "jsonl");
    }
    EXPECT_NE(read(first / "interactions.csv").find("\"Line one\nline two, with \"\"quotes\"\"\""),
              std::string::npos)
        << read(first / "interactions.csv");

    moshtari::testing::TestWorkspace fresh({MOSHTARI_PLUGIN_DIR}, kConfig);
    for (const char* entity : {"customers", "interactions", "deals"}) {
        EXPECT_EQ(moshtari(fresh.config_file(),
                           {"import", entity, (first / (std::string(entity) + ".csv")).string()},
                           path("log.txt")),
                  0)
            << read(path("log.txt"));
    }
    for (const char* entity : {"interactions", "deals"}) {
        EXPECT_EQ(read(export_to(fresh.config_file(), second, entity)),
                  read(first / (std::string(entity) + ".csv")))
            << entity;
        EXPECT_EQ(read(export_to(fresh.config_file(), second, entity, "jsonl")),
                  read(first / (std::string(entity) + ".jsonl")))
            << entity;
    }
    const std::string deals = read(second / "deals.csv");
    EXPECT_EQ(deals.substr(0, deals.find('\r')),
              "id,external_id,customer_external_id,customer_email,title,pipeline,stage,value,"
              "currency,owner,expected_close,created_at");
    EXPECT_NE(deals.find("1,,C1,sara@example.com,Renewal,sales,qualified,1500.00,GBP,,,"
                         "2026-02-02T00:00:00Z"),
              std::string::npos)
        << deals;
    EXPECT_NE(deals.find("2,D1,C2,,قرارداد,sales,won,1200000,IRR,maryam,2026-06-30,"
                         "2026-01-05T12:00:00Z"),
              std::string::npos)
        << deals;

    // Importing the export into the same workspace again changes nothing.
    EXPECT_EQ(moshtari(config, {"import", "interactions", (first / "interactions.csv").string()},
                       path("again.txt")),
              0);
    EXPECT_EQ(
        moshtari(config, {"import", "deals", (first / "deals.csv").string()}, path("again.txt")),
        0);
    const std::string again = read(path("again.txt"));
    EXPECT_NE(again.find("interactions: created 0, updated 0, merged 0, unchanged 2"),
              std::string::npos)
        << again;
    EXPECT_NE(again.find("deals: created 0, updated 0, merged 0, unchanged 2"), std::string::npos)
        << again;
}

}  // namespace
}  // namespace moshtari::data_csv
