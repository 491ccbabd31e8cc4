// `--external-id` on `interactions log` and `deals add`: shown by `deals show`, the listings and
// `customers show`, and refused a second time with the record that has it.

#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class ExternalIdCommand : public CliTest {
  protected:
    ExternalIdCommand() {
        init();
        ok({"customers", "add", "--name", "Acme GmbH", "--kind", "company"});
    }
};

TEST_F(ExternalIdCommand, IsShownWhereTheRecordIsAndRefusedTwice) {
    ok({"deals", "add", "--customer", "1", "--title", "50 seats", "--pipeline", "sales", "--value",
        "1000", "--external-id", "OPP-1"});
    EXPECT_EQ(json({"deals", "show", "1"})["external_id"], "OPP-1");
    EXPECT_EQ(json({"deals", "list"})[0]["external_id"], "OPP-1");
    const auto twice = run({"deals", "add", "--customer", "1", "--title", "again", "--pipeline",
                            "sales", "--value", "1", "--external-id", "OPP-1"});
    EXPECT_NE(twice.exit_code, 0);
    EXPECT_NE(twice.err.find("deal #1 already has the external id 'OPP-1'"), std::string::npos)
        << twice.err;

    ok({"interactions", "log", "--customer", "1", "--channel", "phone", "--kind", "call",
        "--external-id", "CALL-9"});
    EXPECT_EQ(json({"interactions", "list"})[0]["external_id"], "CALL-9");
    EXPECT_EQ(json({"customers", "show", "1"})["recent_interactions"][0]["external_id"], "CALL-9");
    const auto again = run({"interactions", "log", "--customer", "1", "--channel", "phone",
                            "--kind", "call", "--external-id", "CALL-9"});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("interaction #1 already has the external id 'CALL-9'"),
              std::string::npos)
        << again.err;
}

}  // namespace
}  // namespace moshtari::e2e
