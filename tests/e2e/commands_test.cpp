// The command line as a whole: unknown words, help and version.

#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

using Commands = CliTest;

TEST_F(Commands, AnUnknownCommandIsAUserError) {
    init();
    const auto result = run({"frobnicate"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("frobnicate"), std::string::npos) << result.err;

    const auto sub = run({"customers", "frobnicate"});
    EXPECT_EQ(sub.exit_code, 1);
    EXPECT_NE(sub.err.find("frobnicate"), std::string::npos) << sub.err;
}

TEST_F(Commands, AnUnknownCommandWithoutAConfigurationIsStillNamed) {
    const auto result = run({"frobnicate"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("frobnicate"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("no moshtari.yaml"), std::string::npos) << result.err;
}

TEST_F(Commands, AMissingOptionIsAUserError) {
    init();
    const auto result = run({"customers", "add", "--kind", "person"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("needs a name"), std::string::npos) << result.err;
    const auto deal = run({"deals", "add", "--customer", "1", "--title", "T"});
    EXPECT_EQ(deal.exit_code, 1);
    EXPECT_NE(deal.err.find("--pipeline"), std::string::npos) << deal.err;
}

TEST_F(Commands, HelpAndVersionNeedNoConfiguration) {
    const auto help = run({"--help"});
    EXPECT_EQ(help.exit_code, 0) << help.err;
    for (const char* command :
         {"init", "customers", "deals", "tasks", "events", "run", "outbox", "plugins", "demo"}) {
        EXPECT_NE(help.out.find(command), std::string::npos) << command;
    }
    const auto group = run({"customers"});
    EXPECT_EQ(group.exit_code, 0) << group.err;
    EXPECT_NE(group.out.find("consent"), std::string::npos) << group.out;
    const auto version = run({"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_FALSE(version.out.empty());
}

}  // namespace
}  // namespace moshtari::e2e
