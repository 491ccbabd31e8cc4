// tag-big-spenders: when one order reaches `threshold` (in minor units of the order's currency),
// the customer gets the tag `tag`. A template for new plugins: typed config validated by the
// plugin, a durable subscription whose effects commit with its cursor, and a CLI command.

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "moshtari/customer_store.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "moshtari/table.hpp"
#include "moshtari/workspace.hpp"

namespace {

class BigSpenderPlugin final : public moshtari::Plugin {
  public:
    void configure(const moshtari::ConfigSection& section) override {
        section.allow_only({"threshold_minor", "tag"});
        threshold_minor_ = section.get<std::int64_t>("threshold_minor", threshold_minor_);
        tag_ = section.get<std::string>("tag", tag_);
        if (threshold_minor_ <= 0)
            section.fail("threshold_minor", "must be a positive amount in minor units");
        if (tag_.empty()) section.fail("tag", "must not be empty");
    }

    void start(moshtari::PluginContext& context) override {
        moshtari::Workspace& workspace = context.workspace();
        context.durable_subscriber().on<moshtari::events::OrderPlaced>(
            [this, &workspace](const moshtari::events::OrderPlaced& order,
                               const moshtari::EventRecord&) {
                // customer_id is 0 for a guest order: nobody to tag.
                if (order.customer_id != 0 && !order.cancelled &&
                    order.total_minor >= threshold_minor_) {
                    workspace.customers().add_tags(order.customer_id, {tag_});
                }
            });
        context.add_command(
            {"big-spenders", "Customers tagged as big spenders", [this, &workspace](CLI::App& app) {
                 auto json = std::make_shared<bool>(false);
                 app.add_flag("--json", *json, "Print JSON");
                 app.callback([this, &workspace, json] {
                     moshtari::Table table{{"id", "name"}, {}};
                     for (const auto& c :
                          workspace.customers().list({.tag = tag_, .limit = 1000})) {
                         table.rows.push_back({c.id, c.name});
                     }
                     table.print(std::cout, *json);
                 });
             }});
    }

  private:
    std::int64_t threshold_minor_ = 100000;
    std::string tag_ = "big-spender";
};

}  // namespace

MOSHTARI_PLUGIN(BigSpenderPlugin, "tag-big-spenders")
