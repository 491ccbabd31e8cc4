// The unsubscribe link of a delivered message, honoured by `moshtari email unsubscribe TOKEN`, and
// the plugin's part in exporting, erasing and merging customers.

#include "email_fixture.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/privacy_store.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::email::testing {
namespace {

class Unsubscribe : public EmailTest {};

std::string token_in(const std::string& message) {
    const std::string header = raw_header(message, "List-Unsubscribe");
    const std::string marker = "token=";
    const auto start = header.find(marker) + marker.size();
    return header.substr(start, header.find('>', start) - start);
}

TEST_F(Unsubscribe, TheLinkInTheMessageWithdrawsConsentAndStopsMarketingMail) {
    const CustomerId id = add_customer("Ali Rezaei", "ali@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    ASSERT_EQ(w().deliver_messages(now()).sent, 1u);
    const std::string token = token_in(server_.messages().front());
    ASSERT_EQ(token.size(), 32u);

    const auto output = run({"email", "unsubscribe", token});
    EXPECT_EQ(
        output.out,
        fmt::format("Unsubscribed Ali Rezaei (customer {}, ali@example.org) from email.\n", id));
    const Customer ali = w().customers().get(id);
    EXPECT_FALSE(ali.has_consent("email"));
    EXPECT_EQ(ali.consents.back().source, "unsubscribe link");
    EXPECT_NE(run({"email", "unsubscribe", token}).out.find("Already unsubscribed: Ali Rezaei"),
              std::string::npos);

    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id), "--campaign",
         "autumn"});
    EXPECT_EQ(w().deliver_messages(now()).skipped, 1u);
    EXPECT_EQ(server_.messages().size(), 1u);
    // Transactional mail still goes out.
    run({"email", "send", "--template", "receipt", "--customer", std::to_string(id),
         "--transactional", "--campaign", "order-7"});
    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);

    EXPECT_THROW(run({"email", "unsubscribe", "0123456789abcdef0123456789abcdef"}), NotFound);
}

const PersonalDataHandler& email_handler(Workspace& w) {
    for (const auto& handler : w.personal_data_handlers()) {
        if (handler.name == "channel-email") return handler;
    }
    throw std::runtime_error("channel-email registered no personal data handler");
}

TEST_F(Unsubscribe, TokensFollowMergesAndGoWithErasure) {
    const CustomerId kept = add_customer("Ali Rezaei", "ali@example.org");
    const CustomerId twin = add_customer("A. Rezaei", "a.rezaei@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(twin)});
    ASSERT_EQ(w().deliver_messages(now()).sent, 1u);
    const std::string token = token_in(server_.messages().front());

    const auto exported = email_handler(w()).export_data(twin);
    ASSERT_EQ(exported["unsubscribe_links"].size(), 1u);
    EXPECT_EQ(exported["unsubscribe_links"][0]["address"], "a.rezaei@example.org");

    w().merges().merge(kept, twin, "test");
    EXPECT_EQ(email_handler(w()).export_data(kept)["unsubscribe_links"].size(), 1u);
    // The merged customer's old link now unsubscribes the survivor.
    EXPECT_NE(run({"email", "unsubscribe", token}).out.find(fmt::format("customer {}", kept)),
              std::string::npos);

    w().privacy().erase(kept, "test");
    EXPECT_EQ(count("SELECT COUNT(*) FROM channel_email_unsubscribe_tokens"), 0);
    EXPECT_THROW(run({"email", "unsubscribe", token}), NotFound);
}

}  // namespace
}  // namespace moshtari::email::testing
