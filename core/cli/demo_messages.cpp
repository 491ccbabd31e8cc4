#include "demo_messages.hpp"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <vector>

#include "captured_command.hpp"
#include "demo_story.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/time.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kTemplate = "win-back";
constexpr const char* kCampaign = "demo-win-back";

constexpr const char* kText =
    "Hello {{ given_name | \"there\" }},\n"
    "\n"
    "it has been a while since your last order at Daneh Coffee Roasters. This season's\n"
    "Yirgacheffe has just come out of the roaster, and we would love you to taste it.\n"
    "\n"
    "Not interested? Unsubscribe here: {{ unsubscribe_url }}\n";

constexpr const char* kHtml =
    "<p>Hello {{ given_name | \"there\" }},</p>\n"
    "<p>it has been a while since your last order at Daneh Coffee Roasters. This season's\n"
    "Yirgacheffe has just come out of the roaster, and we would love you to taste it.</p>\n"
    "<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>\n";

void write_file(const fs::path& file, const char* text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out.flush()) throw UserError(fmt::format("cannot write {}", file.string()));
}

// The customers a shop would try to win back: those the lifecycle plugin put at risk or lapsed.
std::vector<CustomerId> drifting_away(Workspace& workspace) {
    CustomerQuery query;
    query.limit = std::numeric_limits<std::int64_t>::max();
    std::vector<CustomerId> ids;
    for (const auto& c : workspace.customers().list(query)) {
        if (c.lifecycle_stage == "at-risk" || c.lifecycle_stage == "lapsed") ids.push_back(c.id);
    }
    return ids;
}

std::string name_of(Workspace& workspace, CustomerId id) {
    const auto customer = workspace.customers().find(id);
    return customer ? customer->name : fmt::format("customer #{}", id);
}

std::string delivered(Workspace& workspace, const LocalMailSink& sink) {
    // The clock's now, not the story's: `email send` queued the messages due when it ran.
    const DeliveryReport report = workspace.deliver_messages(now());
    std::string text = fmt::format(
        "The delivery worker (`moshtari outbox run`) handed them to a local SMTP sink the demo "
        "started:\naiosmtpd on 127.0.0.1:{}, which keeps what it receives in {}.\n",
        sink.port(), sink.maildir().string());
    const auto row = [&](std::string_view label, std::size_t count, std::string_view note) {
        text += fmt::format("  {:<9}{:>3}  {}\n", label, count, note);
    };
    row("sent", report.sent, "each is now an outbound email on its customer's timeline");
    row("skipped", report.skipped, "consent is checked when sending, not only when queueing:");
    OutboxQuery skipped;
    skipped.state = MessageState::skipped;
    for (const auto& m : workspace.outbox().list(skipped)) {
        text += fmt::format("    {}: {}\n", name_of(workspace, m.customer_id), m.last_error);
    }
    if (report.retrying + report.dead + report.deferred > 0) {
        row("retrying", report.retrying, "");
        row("dead", report.dead, "");
        row("deferred", report.deferred, "(see `moshtari outbox list`)");
    }
    text += fmt::format("The sink's maildir holds {} messages.\n", sink.delivered());
    return text;
}

}  // namespace

std::string demo_email_section(const fs::path& folder, std::optional<int> sink_port) {
    const fs::path templates = folder / "templates";
    fs::create_directories(templates);
    write_file(templates / "win-back.txt", kText);
    write_file(templates / "win-back.html", kHtml);
    const std::string url = sink_port ? fmt::format("smtp://127.0.0.1:{}", *sink_port)
                                      : std::string("smtp://localhost:25");
    return fmt::format(
        "{}:\n"
        "  smtp: {{url: \"{}\", starttls: optional}}\n"
        "  from: {{address: hello@daneh-coffee.example, name: {}}}\n"
        "  unsubscribe: {{mailto: unsubscribe@daneh-coffee.example}}\n"
        "  templates:\n"
        "    {}:\n"
        "      subject: \"We have missed you, {{{{ given_name | \\\"friend\\\" }}}}\"\n"
        "      text: templates/win-back.txt\n"
        "      html: templates/win-back.html\n"
        "      purpose: marketing\n",
        kEmailPlugin, url, kStoryBusiness, kTemplate);
}

std::string send_demo_messages(Workspace& workspace, const LocalMailSink* sink,
                               const std::string& no_sink_reason) {
    const Command* email = find_command(workspace, "email");
    if (!email)
        return fmt::format("(the {} plugin is not running, so nothing was sent)\n", kEmailPlugin);
    const auto recipients = drifting_away(workspace);
    if (recipients.empty()) return "nobody is at risk or lapsed, so there was no one to win back\n";
    std::vector<std::string> args{"email",   "send",       "--template",
                                  kTemplate, "--campaign", kCampaign};
    for (const auto id : recipients) {
        args.emplace_back("--customer");
        args.push_back(std::to_string(id));
    }
    std::string text = fmt::format(
        "A win-back email to the {} customers who are at-risk or lapsed\n"
        "(moshtari email send --template {} --campaign {} --customer ...):\n",
        recipients.size(), kTemplate, kCampaign);
    text += run_captured(*email, args);
    if (!sink) {
        return text + fmt::format(
                          "No local SMTP sink ({}), so the delivery worker was not run: the "
                          "messages wait in the outbox (`moshtari outbox list`).\n",
                          no_sink_reason);
    }
    return text + delivered(workspace, *sink);
}

}  // namespace moshtari::cli
