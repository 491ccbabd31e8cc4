#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class TasksCommand : public CliTest {
  protected:
    TasksCommand() {
        init();
        ok({"customers", "add", "--name", "Ada Lovelace"});
    }
};

TEST_F(TasksCommand, AddsListsAndCompletesTasks) {
    EXPECT_EQ(ok({"tasks", "add", "--title", "Call Ada", "--due", "2020-01-01", "--assignee",
                  "sara", "--customer", "1"}),
              "1");
    EXPECT_EQ(ok({"tasks", "add", "--title", "Send the quote", "--assignee", "omid"}), "2");

    const auto open = json({"tasks", "list"});
    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0]["title"], "Call Ada") << "dated tasks first";
    EXPECT_EQ(open[0]["status"], "overdue");
    EXPECT_EQ(open[0]["customer"], 1);
    EXPECT_EQ(open[1]["status"], "open");
    EXPECT_EQ(json({"tasks", "list", "--assignee", "omid"}).size(), 1u);

    EXPECT_EQ(ok({"tasks", "done", "1"}), "task #1 is done");
    EXPECT_EQ(json({"tasks", "list"}).size(), 1u);
    const auto all = json({"tasks", "list", "--all"});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1]["status"], "done");

    const auto again = run({"tasks", "done", "1"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already done"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace moshtari::e2e
