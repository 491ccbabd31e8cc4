// Templates rendered for customers: locale formatting of numbers, money and dates, fallbacks, HTML
// escaping, and a missing value refused at queue time instead of a blank in someone's inbox.

#include "email_fixture.hpp"
#include "locale_format.hpp"

namespace moshtari::email::testing {
namespace {

TEST(LocaleFormat, MoneyAndDatesFollowTheCustomersLocale) {
    EXPECT_EQ(format_money(123450, "EUR", "en-US"), "€1,234.50");
    EXPECT_EQ(format_money(-5, "EUR", "en-US"), "-€0.05");
    EXPECT_EQ(format_integer(1250, "de-DE"), "1.250");
    EXPECT_EQ(format_long_date(Date{std::chrono::year{2024} / 3 / 21}, "en-US"), "March 21, 2024");
    // fa-IR: Persian digits, and the Persian calendar: 21 March 2024 is 1 Farvardin 1403.
    EXPECT_EQ(format_integer(1250, "fa-IR"), "۱٬۲۵۰");
    const std::string persian_date =
        format_long_date(Date{std::chrono::year{2024} / 3 / 21}, "fa-IR");
    EXPECT_NE(persian_date.find("۱۴۰۳"), std::string::npos) << persian_date;
    EXPECT_NE(persian_date.find("فروردین"), std::string::npos) << persian_date;
    EXPECT_NE(format_money(1500000, "IRR", "fa-IR").find("۱٬۵۰۰٬۰۰۰"), std::string::npos)
        << format_money(1500000, "IRR", "fa-IR");
}

class Rendering : public EmailTest {
  protected:
    Rendering() : EmailTest({SmtpMode::plain}) {}

    nlohmann::json queued_content(CustomerId id) {
        const auto messages = w().outbox().list({std::nullopt, std::string("email"), id, 10});
        EXPECT_EQ(messages.size(), 1u);
        return messages.empty() ? nlohmann::json() : messages.front().content;
    }
};

TEST_F(Rendering, ValuesAreFormattedFallBackAndEscaped) {
    Customer customer;
    customer.name = "Tom & <Jerry>";
    customer.contacts = {{ContactKind::email, "tom@example.org", "", true}};
    customer.attributes = {{"points", std::int64_t{1250}},
                           {"balance", std::int64_t{123450}},
                           {"member_since", std::string("2024-03-21")}};
    const CustomerId id = w().customers().create(customer);
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    const auto content = queued_content(id);
    EXPECT_EQ(content["subject"], "Welcome, friend");
    const std::string text = content["text"];
    EXPECT_TRUE(
        text.starts_with("Hello friend,\n\nYou have 1,250 points and a balance of "
                         "€1,234.50.\nMember since March 21, 2024.\n"))
        << text;
    EXPECT_EQ(content["to_name"], "Tom & <Jerry>");

    run({"email", "send", "--template", "receipt", "--customer", std::to_string(id),
         "--transactional"});
    const auto messages = w().outbox().list({std::nullopt, std::string("email"), id, 10});
    const auto receipt = std::find_if(messages.begin(), messages.end(), [](const auto& m) {
        return m.content["template"] == "receipt";
    });
    ASSERT_NE(receipt, messages.end());
    EXPECT_EQ(receipt->content["html"],
              "<p>Dear Tom &amp; &lt;Jerry&gt;,</p>\n<p>Thank you for your order.</p>\n");
    EXPECT_EQ(receipt->content["text"], "Dear Tom & <Jerry>,\n\nThank you for your order.\n");
}

TEST_F(Rendering, ACustomerMissingAValueIsSkippedWithWhereItIsNeeded) {
    Customer customer;
    customer.name = "No Points";
    customer.contacts = {{ContactKind::email, "np@example.org", "", true}};
    const CustomerId id = w().customers().create(customer);
    const CustomerId fine = add_customer("Fine", "fine@example.org");
    w().customers().add_tags(id, {"all"});
    w().customers().add_tags(fine, {"all"});
    const auto output = run({"email", "send", "--template", "welcome", "--tag", "all"});
    EXPECT_NE(output.out.find("Queued 1 message with the template welcome; skipped 1."),
              std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find(fmt::format("customer {} (No Points) has no value for points ({}/"
                                          "welcome.txt:3:10)",
                                          id, kTemplates)),
              std::string::npos)
        << output.out;
    EXPECT_TRUE(w().outbox().list({std::nullopt, std::string("email"), id, 10}).empty());
}

TEST_F(Rendering, AnUnknownTemplateNamesTheConfiguredOnes) {
    const CustomerId id = add_customer("Ali", "ali@example.org");
    try {
        run({"email", "send", "--template", "welcom", "--customer", std::to_string(id)});
        FAIL() << "an unknown template was accepted";
    } catch (const UserError& error) {
        EXPECT_STREQ(error.what(),
                     "no email template 'welcom'; the configured ones are: receipt, welcome");
    }
}

}  // namespace
}  // namespace moshtari::email::testing
