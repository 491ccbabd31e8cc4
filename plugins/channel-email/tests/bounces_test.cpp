// `moshtari email bounces FILE` on RFC 3464 reports from an mbox file and a maildir.

#include <SQLiteCpp/Statement.h>

#include "email_fixture.hpp"

namespace moshtari::email::testing {
namespace {

const std::string kFixtures = CHANNEL_EMAIL_TESTS_DIR "/fixtures";

class Bounces : public EmailTest {};

TEST_F(Bounces, HardBouncesAreSuppressedAndEverythingElseIsAccountedFor) {
    add_customer("Gone", "gone@example.org");
    const auto output = run({"email", "bounces", kFixtures + "/bounces.mbox"});
    EXPECT_NE(output.out.find("Read 5 messages: 3 delivery status reports (0 read before), 2 "
                              "ignored, 1 unparseable."),
              std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find("suppressed gone@example.org: hard bounce 5.1.1"), std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find("soft bounce full@example.org: 1 of 3 soft bounces"),
              std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find("unparseable " + kFixtures +
                              "/bounces.mbox, message 4: the multipart/report entity has no "
                              "boundary parameter"),
              std::string::npos)
        << output.out;
    EXPECT_TRUE(w().outbox().is_suppressed("email", "gone@example.org"));
    EXPECT_FALSE(w().outbox().is_suppressed("email", "full@example.org"));
    EXPECT_FALSE(w().outbox().is_suppressed("email", "ok@example.org"));

    // Reading the same mailbox again counts nothing twice.
    const auto again = run({"email", "bounces", kFixtures + "/bounces.mbox"});
    EXPECT_NE(again.out.find("3 delivery status reports (3 read before)"), std::string::npos)
        << again.out;
    EXPECT_EQ(count("SELECT count FROM channel_email_soft_bounces WHERE address = "
                    "'full@example.org'"),
              1);
}

TEST_F(Bounces, SoftBouncesFromAMaildirSuppressAtTheThreshold) {
    const CustomerId full = add_customer("Full", "full@example.org");
    const auto output = run({"email", "bounces", kFixtures + "/bounces-maildir"});
    EXPECT_NE(output.out.find("Read 3 messages: 3 delivery status reports"), std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find("suppressed full@example.org: 3 soft bounces, the last 4.2.2"),
              std::string::npos)
        << output.out;
    EXPECT_TRUE(w().outbox().is_suppressed("email", "full@example.org"));
    EXPECT_EQ(count(fmt::format("SELECT count(*) FROM channel_email_soft_bounces WHERE "
                                "customer_id = {} AND suppressed = 1",
                                full)),
              1);

    // Nothing more goes to the address.
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(full)});
    EXPECT_EQ(w().deliver_messages(now()).skipped, 1u);
    EXPECT_TRUE(server_.messages().empty());
}

TEST_F(Bounces, AFileThatIsNoMailboxIsAnError) {
    EXPECT_THROW(run({"email", "bounces", kFixtures + "/templates/welcome.txt"}), UserError);
    EXPECT_THROW(run({"email", "bounces", kFixtures + "/templates"}), UserError);
    EXPECT_THROW(run({"email", "bounces", kFixtures + "/no-such-file"}), UserError);
}

}  // namespace
}  // namespace moshtari::email::testing
