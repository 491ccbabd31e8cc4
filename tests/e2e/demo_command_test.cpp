#include "e2e/cli_test.hpp"

#include <fmt/format.h>

namespace moshtari::e2e {
namespace {

using DemoCommand = CliTest;

TEST_F(DemoCommand, KeepsItsWorkspaceWhenAskedAndItOpensAsAnyOther) {
    const auto demo = run({"demo", "--keep", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_NE(demo.out.find("segment-lifecycle"), std::string::npos) << demo.out;
    EXPECT_NE(demo.out.find("moshtari segment run mixture: "), std::string::npos) << demo.out;
    EXPECT_NE(demo.out.find("the least certain, "), std::string::npos) << demo.out;
    ASSERT_TRUE(std::filesystem::is_regular_file(dir_ / "demo/moshtari.yaml"));
    EXPECT_GT(json({"--config", "demo/moshtari.yaml", "customers", "list"}).size(), 0u);
}

// The win-back mail goes through the outbox's worker to the aiosmtpd sink the demo starts: what the
// outbox calls sent is in the sink's maildir, and nobody without email consent was sent anything.
TEST_F(DemoCommand, SendsItsMailToItsOwnSinkAndNothingWithoutConsent) {
    const auto demo = run({"demo", "--keep", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_NE(demo.out.find("a local SMTP sink the demo started"), std::string::npos) << demo.out;
    const std::vector<std::string> config{"--config", "demo/moshtari.yaml"};
    const auto with_config = [&](std::vector<std::string> args) {
        args.insert(args.begin(), config.begin(), config.end());
        return json(args);
    };
    std::size_t sent = 0, skipped = 0;
    for (const auto& message : with_config({"outbox", "list"})) {
        const auto customer =
            with_config({"customers", "show", std::to_string(message["customer"].get<int>())});
        bool consents = false;
        for (const auto& consent : customer["consents"]) {
            if (consent["channel"] == "email") consents = consent["granted"].get<bool>();
        }
        if (message["state"] == "sent") {
            ++sent;
            EXPECT_TRUE(consents) << customer.dump();
        } else {
            ASSERT_EQ(message["state"], "skipped") << message.dump();
            ++skipped;
            EXPECT_FALSE(consents) << customer.dump();
        }
    }
    EXPECT_GT(sent, 0u);
    EXPECT_GT(skipped, 0u);
    std::size_t in_maildir = 0;
    for (const auto& file : std::filesystem::directory_iterator(dir_ / "demo/mail/new")) {
        in_maildir += file.is_regular_file();
    }
    EXPECT_EQ(in_maildir, sent);
}

// The story's orders earned points through the plugin's worker path; what the demo says the
// customers hold is what the ledger says, and nothing lapsed is left to expire.
TEST_F(DemoCommand, ItsLoyaltyFiguresAreTheLedgers) {
    const auto demo = run({"demo", "--keep", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    const auto said = demo.out.find(" customers hold ");
    ASSERT_NE(said, std::string::npos) << demo.out;
    const std::int64_t printed = std::stoll(demo.out.substr(said + 16));
    std::int64_t held = 0;
    for (const auto& customer : json({"--config", "demo/moshtari.yaml", "customers", "list"})) {
        held += json({"--config", "demo/moshtari.yaml", "loyalty", "balance", "--customer",
                      std::to_string(customer["id"].get<int>())})["points"]
                    .get<std::int64_t>();
    }
    EXPECT_GT(printed, 0);
    EXPECT_EQ(held, printed);
    EXPECT_EQ(json({"--config", "demo/moshtari.yaml", "loyalty", "expire", "--dry-run"})["points"],
              0);

    const auto issued = demo.out.find("--stage lapsed: ");
    ASSERT_NE(issued, std::string::npos) << demo.out;
    const auto report = json({"--config", "demo/moshtari.yaml", "coupons", "report"});
    ASSERT_EQ(report.size(), 1u);
    EXPECT_GT(report[0]["issued"].get<int>(), 0);
    EXPECT_EQ(report[0]["issued"].get<int>(), std::stoi(demo.out.substr(issued + 16)));
}

// The tier sizes the demo prints are the plugin's standings, and its prize draw verifies from the
// stored entry list and seed.
TEST_F(DemoCommand, ItsTiersAreTheStandingsAndItsDrawVerifies) {
    const auto demo = run({"demo", "--keep", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    const auto tiers = json({"--config", "demo/moshtari.yaml", "tiers", "show"});
    ASSERT_EQ(tiers.size(), 1u);
    std::int64_t members = 0;
    for (const auto& tier : tiers[0]["tiers"]) {
        const auto printed = fmt::format(" {} {} (from ", tier["tier"].get<std::string>(),
                                         tier["members"].get<std::int64_t>());
        EXPECT_NE(demo.out.find(printed), std::string::npos) << printed << "\n" << demo.out;
        members += tier["members"].get<std::int64_t>();
    }
    EXPECT_GT(members, 0);

    const auto verified = json({"--config", "demo/moshtari.yaml", "draws", "verify", "autumn"});
    EXPECT_TRUE(verified["ok"].get<bool>()) << verified.dump();
    const auto drawn = json({"--config", "demo/moshtari.yaml", "draws", "show", "autumn"});
    EXPECT_EQ(drawn["status"], "drawn") << drawn.dump();
    EXPECT_NE(demo.out.find(fmt::format("{} tickets of {} customers",
                                        drawn["tickets"].get<std::int64_t>(),
                                        drawn["customers"].get<std::int64_t>())),
              std::string::npos)
        << demo.out;
}

// The segments the demo prints are the stored runs' (they survive the demo's process), and the
// customers it says are worth most are value-clv's top ones.
TEST_F(DemoCommand, ItsSegmentsAndValuesAreTheStoredRuns) {
    const auto demo = run({"demo", "--keep", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    const auto rfm = json({"--config", "demo/moshtari.yaml", "segment", "show", "rfm"});
    std::int64_t scored = 0;
    for (const auto& segment : rfm["segments"]) {
        const auto size = segment["customers"].get<std::int64_t>();
        scored += size;
        if (size == 0) continue;
        const auto printed = fmt::format(" {} {}", segment["segment"].get<std::string>(), size);
        EXPECT_NE(demo.out.find(printed), std::string::npos) << printed << "\n" << demo.out;
    }
    EXPECT_EQ(scored, rfm["customers"].get<std::int64_t>());
    EXPECT_GT(scored, 0);
    const auto kmeans = json({"--config", "demo/moshtari.yaml", "segment", "show", "kmeans"});
    EXPECT_EQ(kmeans["segments"].size(), 3u);
    const auto top = json({"--config", "demo/moshtari.yaml", "value", "top", "1"});
    ASSERT_EQ(top.size(), 1u);
    EXPECT_NE(demo.out.find(fmt::format("{:<24} {:>10}", top[0]["name"].get<std::string>(),
                                        top[0]["clv"].get<std::string>())),
              std::string::npos)
        << demo.out;
}

TEST_F(DemoCommand, RemovesItsWorkspaceByDefault) {
    const auto demo = run({"demo", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "demo/moshtari.yaml"));
}

}  // namespace
}  // namespace moshtari::e2e
