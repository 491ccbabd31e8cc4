// The plugin loads through the real host, and its section is checked before anything is written,
// every problem at its file, line and column (template files included).

#include <fstream>

#include "email_fixture.hpp"
#include "moshtari/config_error.hpp"
#include "moshtari/plugin_host.hpp"

namespace moshtari::email::testing {
namespace {

// The configuration's problems as text, or "" when the workspace opened.
std::string problems_of(const std::string& yaml) {
    try {
        moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, yaml);
    } catch (const ConfigError& error) {
        return error.what();
    }
    return {};
}

std::filesystem::path write_template(const std::filesystem::path& dir, const std::string& name,
                                     const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
}

class Configuration : public ::testing::Test {
  protected:
    Configuration() : dir_("channel-email-config") {}

    std::string section(const std::string& templates, const std::string& smtp_extra = {}) const {
        return fmt::format(R"(channel-email:
  smtp:
    url: smtp://127.0.0.1:2525
{}  from: {{address: shop@example.com}}
  unsubscribe: {{mailto: unsubscribe@shop.example}}
  attributes:
    points: {{type: integer}}
  templates:
{})",
                           smtp_extra, templates);
    }

    moshtari::testing::TempDir dir_;
};

TEST_F(Configuration, ThePluginLoadsAndRegistersItsChannelAndCommand) {
    SmtpServer server;
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, email_yaml(server));
    ASSERT_NE(ws->channel("email"), nullptr);
    EXPECT_EQ(ws->channel("email")->contact_kind(), ContactKind::email);
    const auto& commands = ws->commands();
    EXPECT_TRUE(std::any_of(commands.begin(), commands.end(),
                            [](const Command& c) { return c.name == "email"; }));
}

TEST_F(Configuration, WithoutASectionThePluginRunsButOffersNoChannel) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, "");
    EXPECT_EQ(ws->channel("email"), nullptr);
    const auto& commands = ws->commands();
    EXPECT_TRUE(std::none_of(commands.begin(), commands.end(),
                             [](const Command& c) { return c.name == "email"; }));
}

TEST_F(Configuration, ASectionWithoutSmtpOrSenderNamesWhatIsMissingAndWhere) {
    const std::string problems = problems_of("channel-email:\n  locale: fa-IR\n");
    // At the section's first key, the place to add it.
    EXPECT_NE(problems.find("moshtari.yaml:7:3: channel-email.smtp: missing required section"),
              std::string::npos)
        << problems;
}

TEST_F(Configuration, AnUnknownPlaceholderNamesTheTemplateFileLineAndColumn) {
    const auto text = write_template(dir_.path(), "t.txt",
                                     "Hello {{ given_name }},\n\nYour {{ pionts }} points\n");
    const auto html = write_template(dir_.path(), "t.html", "<p>{{ points }}</p>\n");
    const std::string problems = problems_of(
        section(fmt::format("    news: {{subject: Hi, text: {}, html: {}, purpose: marketing}}\n",
                            text.string(), html.string())));
    EXPECT_NE(problems.find(text.string() + ":3:6: unknown field 'pionts'"), std::string::npos)
        << problems;
    EXPECT_NE(problems.find("declare it under channel-email.attributes"), std::string::npos);
}

TEST_F(Configuration, TemplateSyntaxAndPurposeMistakesAreReportedWhereTheyAre) {
    const auto text = write_template(dir_.path(), "t.txt",
                                     "Line one\n  {{ name | friend }}\n{{ unsubscribe_url }}\n");
    const auto html = write_template(dir_.path(), "t.html", "<p>{{ name </p>\n");
    const std::string problems = problems_of(section(
        fmt::format("    receipt: {{subject: Hi, text: {}, html: {}, purpose: transactional}}\n",
                    text.string(), html.string())));
    EXPECT_NE(problems.find(text.string() + ":2:3: the fallback of 'name' must be a quoted text"),
              std::string::npos)
        << problems;
    EXPECT_NE(problems.find(text.string() + ":3:1: transactional mail carries no unsubscribe link"),
              std::string::npos)
        << problems;
    EXPECT_NE(problems.find(html.string() + ":1:4: the placeholder 'name' is not closed"),
              std::string::npos)
        << problems;
}

TEST_F(Configuration, KeysAndValuesAreCheckedAtTheirLines) {
    const auto text = write_template(dir_.path(), "t.txt", "Hi\n");
    const std::string ok_template = fmt::format(
        "    t: {{subject: Hi, text: {0}, html: {0}, purpose: marketing}}\n", text.string());
    EXPECT_EQ(problems_of(section(ok_template)), "");
    EXPECT_NE(problems_of(section(ok_template, "    starttls: sometimes\n"))
                  .find("moshtari.yaml:9:15: channel-email.smtp.starttls: 'sometimes' is not a "
                        "STARTTLS policy; use required or optional"),
              std::string::npos)
        << problems_of(section(ok_template, "    starttls: sometimes\n"));
    EXPECT_NE(problems_of(section(ok_template, "    pasword: x\n"))
                  .find("unknown key 'pasword' in channel-email.smtp; did you mean 'password'?"),
              std::string::npos)
        << problems_of(section(ok_template, "    pasword: x\n"));
    EXPECT_NE(problems_of(section(ok_template, "    password: x\n"))
                  .find("channel-email.smtp.password: a password needs a username"),
              std::string::npos);
    EXPECT_NE(
        problems_of(section(fmt::format("    t: {{subject: Hi, text: {0}, html: nowhere.html, "
                                        "purpose: marketing}}\n",
                                        text.string())))
            .find("cannot read the template file"),
        std::string::npos);
    EXPECT_NE(problems_of(section(fmt::format("    t: {{subject: Hi, text: {0}, html: {0}, "
                                              "purpose: newsletter}}\n",
                                              text.string())))
                  .find("'newsletter' is not a purpose; use marketing or transactional"),
              std::string::npos);
    EXPECT_NE(problems_of(
                  "channel-email:\n  smtp: {url: http://mail.example}\n  from: {address: a@b.c}\n")
                  .find("moshtari.yaml"),
              std::string::npos);
}

}  // namespace
}  // namespace moshtari::email::testing
