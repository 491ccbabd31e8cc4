#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class EventsCommand : public CliTest {
  protected:
    EventsCommand() {
        init();
        ok({"customers", "add", "--name", "Ada Lovelace"});
        ok({"orders", "add", "--customer", "1", "--total", "12.50"});
        ok({"customers", "add", "--name", "Charles Babbage"});
    }

    static std::vector<std::string> types(const nlohmann::json& events) {
        std::vector<std::string> result;
        for (const auto& e : events) result.push_back(e["type"]);
        return result;
    }
};

TEST_F(EventsCommand, TailShowsTheLatestEventsOldestFirst) {
    const auto events = json({"events", "tail"});
    EXPECT_EQ(types(events),
              (std::vector<std::string>{"CustomerCreated", "OrderPlaced", "CustomerCreated"}));
    EXPECT_EQ(events[1]["payload"]["total_minor"], 1250);
    EXPECT_EQ(events[1]["payload"]["currency"], "EUR");

    EXPECT_EQ(types(json({"events", "tail", "-n", "2"})),
              (std::vector<std::string>{"OrderPlaced", "CustomerCreated"}));

    const auto created = json({"events", "tail", "--type", "CustomerCreated"});
    ASSERT_EQ(created.size(), 2u);
    EXPECT_EQ(created[0]["payload"]["name"], "Ada Lovelace");
    EXPECT_EQ(created[1]["payload"]["name"], "Charles Babbage");

    const auto text = ok({"events", "tail"});
    EXPECT_NE(text.find("OrderPlaced"), std::string::npos);
}

}  // namespace
}  // namespace moshtari::e2e
