// Running draws through the real host: recomputed from the published seed and list, exclusions
// checked at draw time, a run repeated, the winners' messages queued once through the outbox, the
// public value announced at commitment, and a duplicate merged after commitment winning once.

#include <fmt/format.h>

#include "drawing.hpp"
#include "draws_fixture.hpp"
#include "entry_list.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "notification.hpp"
#include "run.hpp"
#include "seed.hpp"
#include "sha256.hpp"
#include "smtp_server.hpp"
#include "verification.hpp"

namespace moshtari::draws::testing {
namespace {

class Runs : public DrawsTest {
  protected:
    using DrawsTest::DrawsTest;

    // Twelve customers with 1..3 orders each in the window.
    std::vector<CustomerId> shoppers(int how_many = 12) {
        std::vector<CustomerId> ids;
        for (int i = 0; i < how_many; ++i) {
            ids.push_back(add_customer(fmt::format("Shopper {}", i)));
            for (int k = 0; k <= i % 3; ++k) {
                place_order(ids.back(), 2000 + 1000 * k, kFrom + std::chrono::hours(10 * i + k));
            }
        }
        run_worker();
        return ids;
    }

    RunResult run(const std::string& draw, const std::string& beacon = "") {
        return run_draw(w(), settings_, draw, beacon, now());
    }

    static std::vector<std::int64_t> winners(const std::vector<RecordedPick>& picks) {
        std::vector<std::int64_t> ids;
        for (const auto& p : picks) {
            if (p.winner) ids.push_back(p.customer.value_or(0));
        }
        return ids;
    }
};

TEST_F(Runs, ADrawRecomputedFromItsPublishedSeedGivesTheSameWinners) {
    shoppers();
    const Draw created = create("october", 3, {"grinder", "beans", "cup"});
    const std::string published_commitment = created.seed_commitment;
    const Draw closed = close_draw(w(), "october", "", now());
    const std::string published_list = DrawStore(db()).committed_list(closed.id);
    EXPECT_EQ(sha256_hex(published_list), closed.entries_sha256);

    const RunResult result = run("october");
    ASSERT_TRUE(result.fresh);
    const Draw& drawn = result.draw;
    EXPECT_EQ(commitment_of(secret_of(drawn.seed)), published_commitment)
        << "the revealed seed is the one committed to at creation";
    ASSERT_EQ(winners(result.picks).size(), 3u);
    EXPECT_EQ(result.picks.size(), 3u) << "nobody was excluded";
    EXPECT_EQ(result.picks[0].prize, "grinder");
    EXPECT_EQ(result.picks[2].prize, "cup");

    // Anyone with the published list and seed, and nothing else, gets the same picks.
    const auto recomputed = draw_order(parse_entry_list(published_list, "published"), drawn.seed, 3,
                                       [](const Pick&) { return true; });
    ASSERT_EQ(recomputed.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(recomputed[i].entry, result.picks[i].entry);
        EXPECT_EQ(recomputed[i].customer, *result.picks[i].customer);
    }
    const auto recorded = DrawStore(db()).picks(drawn.id);
    EXPECT_TRUE(verify(drawn, recorded, published_list, "published", drawn.seed).ok());

    // A changed list, a changed seed and a changed record are each caught.
    std::string tampered = published_list;
    tampered.insert(tampered.size() - 1, "0");  // the last entry holds ten times the tickets
    const Verification changed_list = verify(drawn, recorded, tampered, "tampered", drawn.seed);
    EXPECT_FALSE(changed_list.entries_match);
    EXPECT_FALSE(verify(drawn, recorded, published_list, "published", make_secret()).seed_matches);
    auto swapped = recorded;
    std::swap(swapped[0], swapped[1]);
    EXPECT_FALSE(verify(drawn, swapped, published_list, "published", drawn.seed).picks_match);
}

TEST_F(Runs, ExcludedCustomersAreDrawnPassedOverAndRecorded) {
    const CustomerId staff = add_customer("Staff", {"staff"});
    const CustomerId shopper = add_customer("Shopper");
    place_order(staff, 3000, at("2026-10-02T10:00:00Z"));
    place_order(shopper, 2000, at("2026-10-02T11:00:00Z"));
    run_worker();
    create("october", 2);
    const RunResult result = run("october");
    ASSERT_EQ(result.picks.size(), 2u) << "both customers are drawn before the pool is empty";
    for (const auto& pick : result.picks) {
        if (pick.customer == staff) {
            EXPECT_FALSE(pick.winner);
            EXPECT_EQ(pick.reason, "tagged 'staff'");
            EXPECT_EQ(pick.rank, 0);
        } else {
            EXPECT_TRUE(pick.winner);
            EXPECT_EQ(pick.rank, 1);
        }
    }
    EXPECT_EQ(winners(result.picks), std::vector<std::int64_t>{shopper});
    EXPECT_TRUE(verify(result.draw, result.picks, DrawStore(db()).committed_list(result.draw.id),
                       "list", result.draw.seed)
                    .ok());
}

class ConsentRuns : public Runs {
  protected:
    ConsentRuns()
        : Runs("loyalty-draws:\n  orders: {currency: EUR}\n  exclude: {without_consent: email}\n") {
    }
};

TEST_F(ConsentRuns, CustomersWithoutConsentAreExcludedAsTheyAreAtDrawTime) {
    const CustomerId withdrew = add_customer("Withdrew");
    const CustomerId agreed = add_customer("Agreed");
    w().customers().record_consent(withdrew, {"email", true, at("2026-09-01"), "web form"});
    w().customers().record_consent(agreed, {"email", true, at("2026-09-01"), "web form"});
    place_order(withdrew, 2000, at("2026-10-02T10:00:00Z"));
    place_order(agreed, 2000, at("2026-10-02T11:00:00Z"));
    run_worker();
    create("october", 2);
    close_draw(w(), "october", "", now());
    // Withdrawn after the list was committed: what counts is the consent when the draw is run.
    w().customers().record_consent(withdrew, {"email", false, now(), "unsubscribe link"});
    const RunResult result = run("october");
    ASSERT_EQ(result.picks.size(), 2u);
    for (const auto& pick : result.picks) {
        EXPECT_EQ(pick.winner, pick.customer == agreed);
        if (pick.customer == withdrew) {
            EXPECT_EQ(pick.reason, "no consent for email");
        }
    }
}

TEST_F(Runs, RunningAgainShowsTheRecordedResultAndChangesNothing) {
    shoppers();
    create("october", 2);
    const RunResult first = run("october");
    ASSERT_TRUE(first.fresh);
    const auto events = count("events");
    const RunResult again = run("october");
    EXPECT_FALSE(again.fresh);
    EXPECT_EQ(again.draw.seed, first.draw.seed);
    EXPECT_EQ(winners(again.picks), winners(first.picks));
    EXPECT_EQ(count("events"), events) << "nothing written";
    EXPECT_EQ(count("loyalty_draws_picks"), static_cast<std::int64_t>(first.picks.size()));
    EXPECT_EQ(count("events", "type = 'DrawDrawn'"), 1);
}

TEST_F(Runs, APublicValueAnnouncedAtCommitmentMustBeGivenAndNoneOtherTaken) {
    shoppers(4);
    create("announced");
    create("silent");
    close_draw(w(), "announced", "EuroMillions numbers of 2026-12-05", now());
    EXPECT_THROW(run("announced"), UserError);
    EXPECT_EQ(DrawStore(db()).get("announced").status, DrawStatus::committed);
    const RunResult result = run("announced", "07 19 23 41 48 + 02 11");
    EXPECT_EQ(result.draw.seed, seed_text(secret_of(result.draw.seed), "07 19 23 41 48 + 02 11"));
    EXPECT_TRUE(verify(result.draw, result.picks, DrawStore(db()).committed_list(result.draw.id),
                       "list", result.draw.seed)
                    .ok());
    EXPECT_FALSE(verify(result.draw, result.picks, DrawStore(db()).committed_list(result.draw.id),
                        "list", std::string(secret_of(result.draw.seed)))
                     .seed_matches)
        << "the seed without the public value is not the seed";
    EXPECT_THROW(run("silent", "chosen later"), UserError);
    EXPECT_EQ(DrawStore(db()).get("silent").status, DrawStatus::open) << "rolled back";
}

TEST_F(Runs, ADuplicateMergedAfterCommitmentWinsOnce) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId ada_again = add_customer("Ada Again");
    place_order(ada, 2000, at("2026-10-02T10:00:00Z"));
    place_order(ada_again, 2000, at("2026-10-03T10:00:00Z"));
    run_worker();
    create("october", 2);
    close_draw(w(), "october", "", now());
    w().merges().merge(ada, ada_again, "test");
    const RunResult result = run("october");
    ASSERT_EQ(result.picks.size(), 2u);
    EXPECT_TRUE(result.picks[0].winner);
    EXPECT_EQ(result.picks[0].customer, ada);
    EXPECT_FALSE(result.picks[1].winner);
    EXPECT_EQ(result.picks[1].reason,
              fmt::format("merged into customer #{}, who was drawn before", ada));
    EXPECT_NE(result.picks[0].listed_customer, result.picks[1].listed_customer);
}

// A real SMTP server on 127.0.0.1 (channel-email's test server), started before the workspace
// whose channel-email section points at it.
struct SmtpSink {
    SmtpSink() { server.start(); }
    email::testing::SmtpServer server{{email::testing::SmtpMode::plain}};
};

std::string notified_yaml(const email::testing::SmtpServer& server) {
    return fmt::format(R"yaml(
loyalty-draws:
  orders: {{currency: EUR}}
  exclude: {{tags: [staff]}}
  notification:
    channel: email
    subject: "You won {{{{ prize }}}} in {{{{ draw }}}}"
    text: "Dear {{{{ given_name }}}},\nyou are winner {{{{ rank }}}} of {{{{ draw }}}} & win {{{{ prize }}}}."
channel-email:
  smtp: {{url: "{}", starttls: optional, username: {}, password: {}}}
  from: {{address: shop@example.com}}
)yaml",
                       server.url(), server.options().user, server.options().password);
}

class NotifiedRuns : private SmtpSink, public Runs {
  protected:
    NotifiedRuns() : Runs(notified_yaml(server), {"loyalty-draws", "channel-email"}) {}
    using SmtpSink::server;
};

TEST_F(NotifiedRuns, WinnersAreNotifiedOnceThroughTheOutboxAndAnSmtpServer) {
    Customer sara;
    sara.name = "Sara Ahmadi";
    sara.given_name = "Sara";
    sara.contacts = {{ContactKind::email, "sara@example.com", "", true}};
    const CustomerId winner = w().customers().create(sara);
    const CustomerId staff = add_customer("Staff", {"staff"});
    place_order(winner, 2000, at("2026-10-02T10:00:00Z"));
    place_order(staff, 2000, at("2026-10-02T11:00:00Z"));
    run_worker();
    create("october", 2, {"a grinder"});
    const RunResult result = run("october");
    run("october");
    const auto messages = w().outbox().list({});
    ASSERT_EQ(messages.size(), 1u)
        << "the excluded customer is not told, and a re-run queues nothing";
    const OutboxMessage& m = messages.front();
    EXPECT_EQ(m.customer_id, winner);
    EXPECT_EQ(m.channel, "email");
    EXPECT_EQ(m.purpose, MessagePurpose::transactional);
    EXPECT_EQ(m.idempotency_key, notification_key(result.draw.id, winner));
    EXPECT_EQ(m.content["subject"], "You won a grinder in october");
    EXPECT_EQ(m.content["text"], "Dear Sara,\nyou are winner 1 of october & win a grinder.");
    EXPECT_EQ(m.content["html"],
              "<p>Dear Sara,<br>\nyou are winner 1 of october &amp; win a grinder.</p>\n");
    for (const auto& pick : result.picks) {
        EXPECT_EQ(pick.message.has_value(), pick.winner);
        if (pick.winner) {
            EXPECT_EQ(*pick.message, m.id);
        }
    }

    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);
    run("october");
    EXPECT_EQ(w().deliver_messages(now()).sent, 0u);
    const auto received = server.messages();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_NE(received[0].find("Subject: You won a grinder in october"), std::string::npos)
        << received[0];
    EXPECT_NE(received[0].find("sara@example.com"), std::string::npos);
    EXPECT_NE(received[0].find("winner 1 of october"), std::string::npos);
}

class UnavailableChannel : public Runs {
  protected:
    UnavailableChannel()
        : Runs(
              "loyalty-draws:\n  orders: {currency: EUR}\n  notification: {channel: sms, subject: "
              "Won, text: \"You won {{ prize }}\"}\n") {}
};

TEST_F(UnavailableChannel, ARunWhoseWinnersCannotBeToldDrawsNothing) {
    shoppers(3);
    create("october");
    try {
        run("october");
        FAIL() << "drawn without the sms channel";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("no running plugin provides that channel"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(DrawStore(db()).get("october").status, DrawStatus::open);
    EXPECT_EQ(count("loyalty_draws_picks"), 0);
}

}  // namespace
}  // namespace moshtari::draws::testing
