#include "demo.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>

#include "demo_import.hpp"
#include "demo_loyalty.hpp"
#include "demo_messages.hpp"
#include "demo_segments.hpp"
#include "demo_story.hpp"
#include "moshtari/config.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/plugin_host.hpp"
#include "moshtari/table.hpp"
#include "moshtari/task_store.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::cli {

namespace {

namespace fs = std::filesystem;
using std::chrono::days;

constexpr const char* kLifecyclePlugin = "segment-lifecycle";
// Store listings take a limit, bound as an SQLite int64: this one lets everything through.
constexpr std::size_t kAll = std::numeric_limits<std::int64_t>::max();
// Phases in the order customers live them; any other phase the plugin reports follows them.
constexpr std::array<std::string_view, 6> kPhaseOrder{"prospect", "new",    "active",
                                                      "at-risk",  "lapsed", "won-back"};
constexpr int kExamplesPerPhase = 3;
constexpr std::size_t kEventsShown = 8;

// The demo's folder: made or checked empty first, removed last (also after an error) unless kept.
class DemoFolder {
  public:
    DemoFolder(const fs::path& requested, bool keep) : keep_(keep) {
        if (requested.empty()) {
            std::string pattern = (fs::temp_directory_path() / "moshtari-demo-XXXXXX").string();
            if (!::mkdtemp(pattern.data())) {
                throw UserError(fmt::format("cannot create a temporary folder like {}: {}", pattern,
                                            std::strerror(errno)));
            }
            path_ = pattern;
            return;
        }
        path_ = fs::absolute(requested);
        // Removing the folder at the end is only safe when everything in it is the demo's own.
        if (fs::exists(path_) && (!fs::is_directory(path_) || !fs::is_empty(path_))) {
            throw UserError(fmt::format(
                "{} is not an empty folder; give --dir a new or empty folder for the demo",
                path_.string()));
        }
        fs::create_directories(path_);
    }
    ~DemoFolder() {
        std::error_code ignored;
        if (!keep_) fs::remove_all(path_, ignored);
    }
    DemoFolder(const DemoFolder&) = delete;
    DemoFolder& operator=(const DemoFolder&) = delete;

    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
    bool keep_;
};

// Bundled plugins sit in <dir>/<id>/plugin.yaml, the layout moshtari_add_plugin() builds.
bool bundled(const std::vector<fs::path>& plugin_dirs, std::string_view id) {
    return std::any_of(plugin_dirs.begin(), plugin_dirs.end(),
                       [&](const fs::path& dir) { return fs::exists(dir / id / "plugin.yaml"); });
}

void heading(std::ostream& out, std::string_view title) {
    out << '\n' << title << '\n' << std::string(title.size(), '-') << '\n';
}

void line(std::ostream& out, std::string_view label, std::string_view text) {
    out << fmt::format("{:<16}{}\n", label, text);
}

std::string join_counts(const std::map<std::string, int>& counts) {
    std::string text;
    for (const auto& [name, count] : counts)
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", name, count);
    return text.empty() ? "none" : text;
}

// Sums in minor units, per currency: amounts in different currencies are never added together.
using Totals = std::map<std::string, std::int64_t>;

std::string format_totals(const Totals& totals, const std::string& currency) {
    if (totals.empty()) return format_money({0, currency});
    std::string text;
    for (const auto& [code, minor] : totals) {
        text += (text.empty() ? "" : " + ") + format_money({minor, code});
    }
    return text;
}

// value × probability in whole minor units, through basis points so the arithmetic stays integer.
std::int64_t weighted(std::int64_t minor, double probability) {
    const std::int64_t basis_points = std::llround(probability * 10'000);
    return (minor * basis_points + (minor < 0 ? -5'000 : 5'000)) / 10'000;
}

// A query for everything; designated initializers would trip -Wmissing-field-initializers.
template <class Query>
Query all_of() {
    Query query;
    query.limit = kAll;
    return query;
}

TaskQuery all_tasks(bool include_done) {
    auto query = all_of<TaskQuery>();
    query.include_done = include_done;
    return query;
}

std::string date_of(Timestamp t) {
    return format_date(Date{std::chrono::floor<days>(t)});
}

class Report {
  public:
    Report(std::ostream& out, Workspace& w, Timestamp now)
        : out_(out),
          w_(w),
          now_(now),
          currency_(w.config().default_currency()),
          customers_(w.customers().list(all_of<CustomerQuery>())),
          orders_(w.orders().list(std::nullopt, kAll)),
          deals_(w.deals().list(all_of<DealQuery>())) {
        for (const auto& c : customers_) names_.emplace(c.id, c.name);
    }

    void print(const fs::path& folder, bool keep, const std::optional<std::string>& imported,
               const std::string& messages, const std::string& segments,
               const std::string& loyalty) {
        out_ << fmt::format("Moshtari demo: {}, a made-up specialty coffee shop, as of {}\n",
                            kStoryBusiness, format_time(now_));
        out_ << fmt::format("Workspace: {}{}\n", folder.string(),
                            keep ? "" : " (removed when the demo ends; --keep keeps it)");
        recorded();
        spreadsheet(imported);
        plugins();
        phases();
        heading(out_, "Segments and customer value");
        out_ << segments;
        heading(out_, "Messages to customers");
        out_ << messages;
        revenue();
        heading(out_, "Loyalty: points, tiers, coupons and a prize draw");
        out_ << loyalty;
        for (const auto& pipeline : w_.pipelines()) this->pipeline(pipeline);
        overdue_deals();
        open_tasks();
        latest_events();
        try_next(folder, keep);
    }

  private:
    void spreadsheet(const std::optional<std::string>& imported) {
        heading(out_, "An old spreadsheet, imported");
        if (!imported) {
            out_ << fmt::format("(the {} plugin is not running, so nothing was imported)\n",
                                kImportPlugin);
            return;
        }
        out_ << "loyalty-cards.csv, merged by email into the customers above "
                "(moshtari import customers ... --mode merge):\n"
             << *imported;
    }

    void recorded() {
        heading(out_, "What the story recorded");
        int companies = 0, members = 0, emailable = 0, textable = 0, withdrew = 0;
        std::map<std::string, int> tags;
        for (const auto& c : customers_) {
            companies += c.kind == CustomerKind::company;
            members += !c.memberships.empty();
            emailable += c.has_consent("email");
            textable += c.has_consent("sms");
            withdrew +=
                !c.has_consent("email") &&
                std::any_of(c.consents.begin(), c.consents.end(), [](const Consent& consent) {
                    return consent.channel == "email" && consent.granted;
                });
            for (const auto& tag : c.tags) ++tags[tag];
        }
        const auto people = static_cast<int>(customers_.size()) - companies;
        line(out_, "customers",
             fmt::format("{}: {} people, {} companies; {} of the people act for a company",
                         customers_.size(), people, companies, members));
        line(out_, "consent",
             fmt::format("{} may be emailed, {} texted; {} withdrew their email consent", emailable,
                         textable, withdrew));
        line(out_, "tags", join_counts(tags));

        std::map<std::string, int> channels;
        const auto interactions = w_.interactions().list(std::nullopt, kAll);
        for (const auto& i : interactions) ++channels[i.channel];
        line(out_, "interactions",
             fmt::format("{}: {}", interactions.size(), join_counts(channels)));

        const auto cancelled = std::count_if(orders_.begin(), orders_.end(),
                                             [](const Order& o) { return o.cancelled; });
        line(out_, "orders",
             orders_.empty() ? "none"
                             : fmt::format("{} since {}, {} of them cancelled", orders_.size(),
                                           date_of(orders_.back().at), cancelled));
        line(out_, "deals", fmt::format("{}", deals_.size()));
        const auto tasks = w_.tasks().list(all_tasks(true));
        const auto done =
            std::count_if(tasks.begin(), tasks.end(), [](const Task& t) { return t.done; });
        line(out_, "tasks", fmt::format("{}, {} of them done", tasks.size(), done));
    }

    void plugins() {
        heading(out_, "Plugins");
        const auto& found = w_.plugins().plugins();
        if (found.empty()) {
            out_ << "none found; the CLI looks for them beside the moshtari executable\n";
            return;
        }
        Table table{{"plugin", "version", "state"}, {}};
        for (const auto& p : found)
            table.rows.push_back({p.manifest.id, p.manifest.version, to_string(p.state)});
        table.print_text(out_);
        for (const auto& p : found) {
            if (!p.error.empty()) out_ << p.error << '\n';  // it names the plugin already
        }
    }

    bool lifecycle_running() {
        const PluginInfo* plugin = w_.plugins().find(kLifecyclePlugin);
        return plugin && plugin->state == PluginState::running;
    }

    void phases() {
        const auto t = kStoryThresholds;
        heading(out_, "Customers per lifecycle phase");
        if (!lifecycle_running()) {
            out_ << fmt::format(
                "{} is not running, so no customer has a lifecycle phase (see Plugins above)\n",
                kLifecyclePlugin);
            return;
        }
        out_ << fmt::format("as {} saw them while the worker ran through the story:\n",
                            kLifecyclePlugin)
             << fmt::format(
                    "new within {} days of the first order, at-risk after {} days without "
                    "an order, lapsed after {}\n",
                    t.new_days, t.at_risk_days, t.lapsed_days);
        std::map<std::string, std::vector<std::string>> members;
        for (const auto& c : customers_) {
            members[c.lifecycle_stage.empty() ? "(none)" : c.lifecycle_stage].push_back(c.name);
        }
        std::vector<std::string> order(kPhaseOrder.begin(), kPhaseOrder.end());
        for (const auto& [phase, names] : members) {
            if (std::find(order.begin(), order.end(), phase) == order.end()) order.push_back(phase);
        }
        Table table{{"phase", "customers", "for example"}, {}};
        for (const auto& phase : order) {
            const auto& names = members[phase];
            // Spread over the phase: the first few would all come from one part of the story.
            std::string examples;
            const auto shown = std::min<std::size_t>(kExamplesPerPhase, names.size());
            for (std::size_t i = 0; i < shown; ++i) {
                examples += (i ? ", " : "") + names[i * names.size() / shown];
            }
            table.rows.push_back({phase, names.size(), examples});
        }
        table.print_text(out_);
    }

    void revenue() {
        heading(out_, "Revenue");
        const auto takings = [&](int from_days_ago, int to_days_ago) {
            Totals totals;
            int count = 0;
            for (const auto& o : orders_) {
                if (o.cancelled || o.at < now_ - days{from_days_ago} ||
                    o.at >= now_ - days{to_days_ago})
                    continue;
                totals[o.total.currency] += o.total.minor_units;
                ++count;
            }
            return fmt::format("{} from {} orders", format_totals(totals, currency_), count);
        };
        line(out_, "last 90 days", takings(90, 0));
        line(out_, "90 days before", takings(180, 90));
        out_ << "(cancelled orders are not counted)\n";
    }

    void pipeline(const Pipeline& pipeline) {
        heading(out_, fmt::format("Pipeline: {}", pipeline.name));
        Table table{{"stage", "win", "SLA", "deals", "value", "weighted"}, {}};
        Totals forecast, won;
        int open = 0;
        for (const auto& stage : pipeline.stages) {
            Totals value, stage_weighted;
            int count = 0;
            for (const auto& d : deals_) {
                if (d.pipeline_id != pipeline.id || d.stage_id != stage.id) continue;
                ++count;
                value[d.value.currency] += d.value.minor_units;
                if (stage.won) won[d.value.currency] += d.value.minor_units;
                if (stage.won || stage.lost) continue;
                ++open;
                const auto share = weighted(d.value.minor_units, stage.win_probability);
                stage_weighted[d.value.currency] += share;
                forecast[d.value.currency] += share;
            }
            const bool closed = stage.won || stage.lost;
            table.rows.push_back({stage.name,
                                  fmt::format("{}%", std::llround(stage.win_probability * 100)),
                                  stage.sla_days ? fmt::format("{} days", *stage.sla_days) : "",
                                  count, format_totals(value, currency_),
                                  closed ? "" : format_totals(stage_weighted, currency_)});
        }
        table.print_text(out_);
        out_ << fmt::format(
            "weighted forecast of the {} open deals (value × win probability): {}; won: {}\n", open,
            format_totals(forecast, currency_), format_totals(won, currency_));
    }

    void overdue_deals() {
        heading(out_, "Deals past their stage's SLA");
        int overdue = 0;
        for (const auto& d : deals_) {
            const auto pipeline =
                std::find_if(w_.pipelines().begin(), w_.pipelines().end(),
                             [&](const Pipeline& p) { return p.id == d.pipeline_id; });
            const Stage* stage =
                pipeline == w_.pipelines().end() ? nullptr : pipeline->find_stage(d.stage_id);
            if (!stage || stage->won || stage->lost || !stage->sla_days || d.history.empty())
                continue;
            const auto in_stage = std::chrono::floor<days>(now_ - d.history.back().at).count();
            if (in_stage <= *stage->sla_days) continue;
            ++overdue;
            out_ << fmt::format("#{} {} ({}, {}): {} days in {}, SLA {} days\n", d.id, d.title,
                                names_.at(d.customer_id), d.owner, in_stage, stage->name,
                                *stage->sla_days);
        }
        if (overdue == 0) out_ << "none\n";
    }

    void open_tasks() {
        heading(out_, "Open tasks");
        Table table{{"due", "who", "task", "for"}, {}};
        for (const auto& t : w_.tasks().list(all_tasks(false))) {
            std::string due = t.due ? date_of(*t.due) : "";
            if (t.due && *t.due < now_) due += " (overdue)";
            std::string about = t.customer_id ? names_.at(*t.customer_id) : "";
            if (t.deal_id)
                about += fmt::format("{}deal #{}", about.empty() ? "" : ", ", *t.deal_id);
            table.rows.push_back({due, t.assignee, t.title, about});
        }
        table.print_text(out_);
    }

    std::string about(const EventRecord& e) const {
        if (e.type == events::DailyTick::kType) return e.as<events::DailyTick>().date;
        std::string text;
        if (const auto id = e.payload.find("customer_id");
            id != e.payload.end() && id->is_number_integer()) {
            const auto name = names_.find(id->get<CustomerId>());
            text = name == names_.end() ? fmt::format("customer #{}", id->get<CustomerId>())
                                        : name->second;
        }
        if (const auto title = e.payload.find("title");
            title != e.payload.end() && title->is_string()) {
            text += (text.empty() ? "" : ": ") + title->get<std::string>();
        }
        if (e.type == events::SegmentChanged::kType) {
            const auto change = e.as<events::SegmentChanged>();
            text += fmt::format(": {} → {}",
                                change.from_segment.empty() ? "(none)" : change.from_segment,
                                change.to_segment);
        } else if (e.type == events::DealStageChanged::kType) {
            const auto move = e.as<events::DealStageChanged>();
            text += fmt::format(": deal #{} {} → {}", move.deal_id, move.from_stage, move.to_stage);
        }
        return text;
    }

    void latest_events() {
        const EventId last = w_.event_log().last_id();
        heading(out_, fmt::format("Latest events (of {} in the log)", last));
        const EventId after = last > static_cast<EventId>(kEventsShown)
                                  ? last - static_cast<EventId>(kEventsShown)
                                  : 0;
        Table table{{"id", "at", "type", "about"}, {}};
        for (const auto& e : w_.event_log().read_after(after, kEventsShown)) {
            table.rows.push_back({e.id, format_time(e.at), e.type, about(e)});
        }
        table.print_text(out_);
    }

    void try_next(const fs::path& folder, bool keep) {
        std::vector<std::string> commands{"customers list", "deals list", "events tail"};
        if (lifecycle_running()) commands.insert(commands.begin() + 1, "lifecycle");
        out_ << '\n';
        if (keep) {
            out_ << fmt::format("The workspace stays in {}. Try:\n", folder.string());
            for (const auto& c : commands) {
                out_ << fmt::format("  moshtari --config {} {}\n",
                                    (folder / "moshtari.yaml").string(), c);
            }
        } else {
            out_ << "The workspace is removed now. To explore it, run `moshtari demo --keep`, "
                    "then:\n";
            for (const auto& c : commands)
                out_ << fmt::format("  moshtari --config <folder>/moshtari.yaml {}\n", c);
        }
    }

    std::ostream& out_;
    Workspace& w_;
    Timestamp now_;
    std::string currency_;
    std::vector<Customer> customers_;
    std::vector<Order> orders_;
    std::vector<Deal> deals_;
    std::map<CustomerId, std::string> names_;
};

}  // namespace

int run_demo(std::ostream& out, const std::vector<std::filesystem::path>& plugin_dirs, bool keep,
             const std::filesystem::path& dir) {
    const DemoFolder folder(dir, keep);
    const fs::path config_file = folder.path() / "moshtari.yaml";
    const bool email = bundled(plugin_dirs, kEmailPlugin);
    // Stopped after the workspace closes and before the folder with its maildir goes.
    std::optional<LocalMailSink> sink;
    std::string no_sink_reason;
    if (email) {
        try {
            sink.emplace(folder.path() / "mail");
        } catch (const std::runtime_error& e) {
            no_sink_reason = e.what();
        }
    }
    {
        std::ofstream file(config_file);
        file << story_config(plugin_dirs, bundled(plugin_dirs, kLifecyclePlugin),
                             bundled(plugin_dirs, kImportPlugin));
        if (bundled(plugin_dirs, kLoyaltyPlugin)) file << demo_loyalty_section();
        if (bundled(plugin_dirs, kCouponPlugin)) file << demo_coupon_section();
        if (bundled(plugin_dirs, kTiersPlugin)) file << demo_tiers_section();
        if (bundled(plugin_dirs, kDrawsPlugin)) file << demo_draws_section();
        if (bundled(plugin_dirs, kKmeansPlugin)) file << demo_kmeans_section();
        if (bundled(plugin_dirs, kValuePlugin)) file << demo_value_section();
        if (email) {
            file << demo_email_section(folder.path(),
                                       sink ? std::optional(sink->port()) : std::nullopt);
        }
        if (!file.flush()) throw UserError(fmt::format("cannot write {}", config_file.string()));
    }
    // The folder outlives the workspace: the database is closed before the folder is removed.
    const auto workspace = Workspace::open(config_file);
    const Timestamp as_of = now();
    record_story(*workspace, as_of);
    const auto imported = import_spreadsheet(*workspace, folder.path());
    workspace->run_worker_pass(as_of);
    const auto messages = send_demo_messages(*workspace, sink ? &*sink : nullptr, no_sink_reason);
    // The sent messages are events too (MessageSent): the report shows the log as it ends.
    workspace->run_worker_pass(as_of);
    const auto segments = segments_story(*workspace, as_of);
    const auto loyalty = loyalty_story(*workspace) + tiers_story(*workspace) +
                         coupon_story(*workspace) + draw_story(*workspace, as_of);
    Report(out, *workspace, as_of)
        .print(folder.path(), keep, imported, messages, segments, loyalty);
    return 0;
}

}  // namespace moshtari::cli
