#include "demo_story.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <span>
#include <stdexcept>

#include "moshtari/customer_store.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/task_store.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::cli {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kCurrency = "EUR";
constexpr std::uint32_t kSeed = 1404;  // any fixed value: the same story on every run and machine

// A run of orders, in days before today: the latest order, how far back the run reaches from it,
// and the gap between two orders. Each bound is drawn between its min and max.
struct Run {
    int newest_min, newest_max;
    int length_min, length_max;
    int gap_min, gap_max;
};

constexpr Run kRegular{2, 40, 300, 420, 25, 55};
constexpr Run kFresh{1, 8, 0, 18, 4, 12};
constexpr Run kFading{100, 150, 180, 300, 30, 60};
constexpr Run kGone{195, 300, 60, 200, 30, 70};
constexpr Run kComeback{5, 20, 0, 0, 1, 1};
constexpr Run kLongAgo{330, 370, 30, 90, 25, 45};

// Each rhythm must land in the phase it is named after, whatever the generator draws.
constexpr LifecycleThresholds kT = kStoryThresholds;
static_assert(kRegular.newest_max < kT.at_risk_days && kRegular.gap_max < kT.lapsed_days &&
                  kRegular.newest_min + kRegular.length_min - kRegular.gap_max >= kT.new_days,
              "regular buyers must be active");
static_assert(kFresh.newest_max + kFresh.length_max < kT.new_days, "fresh buyers must be new");
static_assert(kFading.newest_min >= kT.at_risk_days && kFading.newest_max < kT.lapsed_days &&
                  kFading.gap_max < kT.lapsed_days,
              "fading buyers must be at risk");
static_assert(kGone.newest_min >= kT.lapsed_days, "gone buyers must be lapsed");
static_assert(kComeback.newest_max < kT.at_risk_days && kComeback.length_max == 0 &&
                  kLongAgo.newest_min - kComeback.newest_max >= kT.lapsed_days,
              "a comeback after a long silence must be won back");

enum class Rhythm { regular, fresh, fading, gone, comeback, browsing };

std::vector<Run> runs_of(Rhythm rhythm) {
    switch (rhythm) {
        case Rhythm::regular:
            return {kRegular};
        case Rhythm::fresh:
            return {kFresh};
        case Rhythm::fading:
            return {kFading};
        case Rhythm::gone:
            return {kGone};
        case Rhythm::comeback:
            return {kComeback, kLongAgo};
        case Rhythm::browsing:
            break;
    }
    return {};
}

struct Product {
    const char* sku;
    const char* description;
    std::int64_t price_minor;
};

constexpr std::array<Product, 6> kShopShelf{{
    {"ESP-1K", "Espresso blend Tehran Nights, 1 kg", 2890},
    {"ETH-250", "Single origin Ethiopia Guji, 250 g", 1350},
    {"COL-250", "Single origin Colombia Huila, 250 g", 1190},
    {"SAF-TEA", "Saffron black tea, 100 g", 980},
    {"MOKA-3", "Moka pot, 3 cups", 3400},
    {"GRIND-H", "Hand grinder", 8900},
}};

constexpr std::array<Product, 3> kWholesaleShelf{{
    {"ESP-6K", "Espresso blend Tehran Nights, 6 kg", 14900},
    {"HOUSE-6K", "House filter blend, 6 kg", 12600},
    {"CHAI-1K", "Chai mix, 1 kg café pack", 3900},
}};

enum class Agreed { nothing, email, email_and_sms };

struct CompanySeed {
    const char* key;
    const char* name;
    const char* email;
    const char* phone;
    const char* language;
    const char* time_zone;
    Rhythm rhythm;
    std::vector<std::string> tags;
    Agreed agreed;
    const char* vat_id;  // empty: not known yet
    std::int64_t employees;
};

// Customers who later withdraw their email consent carry no newsletter tag: the tags show the
// present.
struct PersonSeed {
    const char* key;
    const char* given_name;
    const char* family_name;
    const char* email;
    const char* phone;
    const char* language;
    const char* time_zone;
    Rhythm rhythm;
    std::vector<std::string> tags;
    Agreed agreed;
};

// A custom attribute some customers have told the shop.
struct RoastSeed {
    const char* customer;
    const char* favourite_roast;
};

struct WithdrawalSeed {
    const char* customer;
    int days_ago;
};

struct MemberSeed {
    const char* person;
    const char* company;
    const char* role;
};

struct InteractionSeed {
    const char* customer;
    int days_ago, hour, minute;
    const char* channel;
    Direction direction;
    const char* kind;
    const char* outcome;
    const char* text;
};

struct StageStep {
    const char* stage;
    int days_ago;
};

struct DealSeed {
    const char* customer;
    const char* title;
    const char* value;
    const char* owner;
    int closes_in_days;           // expected close, from today
    std::vector<StageStep> path;  // from the stage it was opened in, oldest first
};

struct TaskSeed {
    const char* title;
    const char* customer;
    const char* deal;  // a DealSeed title, or nullptr
    const char* assignee;
    int created_days_ago;
    int due_in_days;    // negative: due in the past
    int done_days_ago;  // 0: still open
};

// One customer per row reads better than one field per line.
// clang-format off
const std::vector<CompanySeed>& companies() {
    static const std::vector<CompanySeed> table{
        {"atlas", "Atlas Logistik GmbH", "einkauf@atlas-logistik.example", "+49 30 5550 1200",
         "de-DE", "Europe/Berlin", Rhythm::regular, {"vip", "wholesale"}, Agreed::email,
         "DE000000001", 240},
        {"nordlicht", "Café Nordlicht", "hallo@cafe-nordlicht.example", "+49 40 5550 3344",
         "de-DE", "Europe/Berlin", Rhythm::fading, {"wholesale"}, Agreed::email,
         "DE000000002", 18},
        {"parsafzar", "پارس افزار", "info@parsafzar.example", "+98 21 5550 6677",
         "fa-IR", "Asia/Tehran", Rhythm::browsing, {"wholesale"}, Agreed::nothing,
         "", 85},
        {"sakura", "Sakura Foods KK", "buying@sakura-foods.example", "+81 3 5550 7788",
         "ja-JP", "Asia/Tokyo", Rhythm::gone, {"wholesale"}, Agreed::email,
         "", 60},
    };
    return table;
}

const std::vector<PersonSeed>& people() {
    static const std::vector<PersonSeed> table{
        {"sara", "سارا", "احمدی", "sara.ahmadi@mail.example", "+98 912 555 0101",
         "fa-IR", "Asia/Tehran", Rhythm::comeback, {"vip", "newsletter"}, Agreed::email_and_sms},
        {"ali", "علی", "رضایی", "ali.rezaei@mail.example", "+98 935 555 0102",
         "fa-IR", "Europe/Berlin", Rhythm::regular, {"newsletter"}, Agreed::email},
        {"maryam", "مریم", "حسینی", "maryam.hosseini@mail.example", "+49 176 5550 0103",
         "fa-IR", "Europe/Berlin", Rhythm::regular, {"vip", "newsletter"}, Agreed::email_and_sms},
        {"reza", "رضا", "کریمی", "reza.karimi@mail.example", "+49 151 5550 0104",
         "fa-IR", "Europe/Berlin", Rhythm::fading, {"newsletter"}, Agreed::email},
        {"negar", "نگار", "محمدی", "negar@parsafzar.example", "+98 912 555 0105",
         "fa-IR", "Asia/Tehran", Rhythm::browsing, {}, Agreed::email},
        {"dariush", "داریوش", "تهرانی", "dariush.tehrani@mail.example", "+49 160 5550 0106",
         "fa-IR", "Europe/Berlin", Rhythm::gone, {}, Agreed::email},
        {"shirin", "شیرین", "صادقی", "shirin.sadeghi@mail.example", "+49 157 5550 0107",
         "fa-IR", "Europe/Berlin", Rhythm::fresh, {"newsletter"}, Agreed::email_and_sms},
        {"kaveh", "کاوه", "جعفری", "kaveh@parsafzar.example", "+98 912 555 0108",
         "fa-IR", "Asia/Tehran", Rhythm::browsing, {}, Agreed::email},
        {"anna", "Anna", "Schmidt", "anna.schmidt@atlas-logistik.example", "+49 30 5550 1201",
         "de-DE", "Europe/Berlin", Rhythm::regular, {"newsletter"}, Agreed::email},
        {"lukas", "Lukas", "Weber", "lukas.weber@atlas-logistik.example", "+49 30 5550 1202",
         "de-DE", "Europe/Berlin", Rhythm::regular, {}, Agreed::email_and_sms},
        {"jonas", "Jonas", "Becker", "jonas.becker@mail.example", "+49 171 5550 0111",
         "de-DE", "Europe/Berlin", Rhythm::gone, {"newsletter"}, Agreed::email},
        {"camille", "Camille", "Dubois", "camille.dubois@mail.example", "+33 6 55 50 01 12",
         "fr-FR", "Europe/Paris", Rhythm::regular, {"vip", "newsletter"}, Agreed::email},
        {"lea", "Léa", "Martin", "lea.martin@mail.example", "+33 6 55 50 01 13",
         "fr-FR", "Europe/Paris", Rhythm::fresh, {"newsletter"}, Agreed::email},
        {"lucia", "Lucía", "García", "lucia.garcia@mail.example", "+34 655 500 114",
         "es-ES", "Europe/Madrid", Rhythm::fading, {}, Agreed::email},
        {"javier", "Javier", "Morales", "javier.morales@mail.example", "+52 55 5550 0115",
         "es-MX", "America/Mexico_City", Rhythm::gone, {}, Agreed::nothing},
        {"giulia", "Giulia", "Rossi", "giulia.rossi@mail.example", "+39 345 555 0116",
         "it-IT", "Europe/Rome", Rhythm::regular, {"newsletter"}, Agreed::email_and_sms},
        {"marco", "Marco", "Bianchi", "marco.bianchi@mail.example", "+39 347 555 0117",
         "it-IT", "Europe/Rome", Rhythm::gone, {"newsletter"}, Agreed::email},
        {"elif", "Elif", "Yılmaz", "elif.yilmaz@mail.example", "+90 532 555 0118",
         "tr-TR", "Europe/Istanbul", Rhythm::regular, {"newsletter"}, Agreed::email},
        {"mehmet", "Mehmet", "Demir", "mehmet.demir@mail.example", "+49 152 5550 0119",
         "tr-TR", "Europe/Berlin", Rhythm::fading, {}, Agreed::nothing},
        {"layla", "Layla", "Haddad", "layla.haddad@mail.example", "+961 3 555 120",
         "ar-LB", "Asia/Beirut", Rhythm::fresh, {"newsletter"}, Agreed::email},
        {"omar", "Omar", "Nasser", "omar@cowork-mitte.example", "+49 30 5550 0121",
         "ar-JO", "Europe/Berlin", Rhythm::browsing, {}, Agreed::email},
        {"yuki", "Yuki", "Tanaka", "yuki.tanaka@sakura-foods.example", "+81 3 5550 7789",
         "ja-JP", "Asia/Tokyo", Rhythm::gone, {}, Agreed::email},
        {"haruto", "Haruto", "Sato", "haruto.sato@mail.example", "+81 90 5550 0123",
         "ja-JP", "Europe/Berlin", Rhythm::regular, {}, Agreed::email},
        {"wei", "Wei", "Zhang", "wei.zhang@mail.example", "+86 138 5550 0124",
         "zh-CN", "Asia/Shanghai", Rhythm::fading, {"newsletter"}, Agreed::email},
        {"mei", "Mei", "Chen", "mei.chen@mail.example", "+886 912 555 125",
         "zh-TW", "Asia/Taipei", Rhythm::fresh, {}, Agreed::email_and_sms},
        {"priya", "Priya", "Sharma", "priya.sharma@mail.example", "+91 98 5550 0126",
         "hi-IN", "Asia/Kolkata", Rhythm::regular, {"vip", "newsletter"}, Agreed::email},
        {"arjun", "Arjun", "Patel", "arjun.patel@hotel-spree.example", "+49 30 5550 0127",
         "en-IN", "Europe/Berlin", Rhythm::browsing, {}, Agreed::email},
        {"chiamaka", "Chiamaka", "Okafor", "chiamaka.okafor@mail.example", "+234 803 555 0128",
         "en-NG", "Africa/Lagos", Rhythm::regular, {"newsletter"}, Agreed::email},
        {"amani", "Amani", "Mwangi", "amani.mwangi@mail.example", "+254 712 555 129",
         "sw-KE", "Africa/Nairobi", Rhythm::fresh, {}, Agreed::email},
        {"zofia", "Zofia", "Kowalska", "zofia.kowalska@mail.example", "+48 601 555 130",
         "pl-PL", "Europe/Warsaw", Rhythm::fading, {"newsletter"}, Agreed::email_and_sms},
        {"joao", "João", "Silva", "joao.silva@mail.example", "+55 11 95550 0131",
         "pt-BR", "America/Sao_Paulo", Rhythm::gone, {}, Agreed::email},
        {"astrid", "Astrid", "Lindqvist", "astrid@cafe-nordlicht.example", "+49 40 5550 3345",
         "sv-SE", "Europe/Berlin", Rhythm::browsing, {}, Agreed::email},
    };
    return table;
}
// clang-format on

constexpr std::array<RoastSeed, 8> kFavouriteRoasts{{
    {"sara", "Ethiopia Guji"},
    {"maryam", "Tehran Nights espresso"},
    {"dariush", "Colombia Huila"},
    {"anna", "House filter"},
    {"camille", "Ethiopia Guji"},
    {"giulia", "Tehran Nights espresso"},
    {"haruto", "Colombia Huila"},
    {"priya", "Ethiopia Guji"},
}};

// Email consent withdrawn later; tags show the present, so these customers have no newsletter tag.
constexpr std::array<WithdrawalSeed, 3> kEmailWithdrawals{{
    {"dariush", 45},
    {"lucia", 30},
    {"joao", 60},
}};

constexpr std::array<MemberSeed, 6> kMembers{{
    {"anna", "atlas", "CFO"},
    {"lukas", "atlas", "office manager"},
    {"astrid", "nordlicht", "owner"},
    {"negar", "parsafzar", "managing director"},
    {"kaveh", "parsafzar", "procurement"},
    {"yuki", "sakura", "buyer"},
}};

constexpr auto kIn = Direction::inbound;
constexpr auto kOut = Direction::outbound;

constexpr std::array<InteractionSeed, 20> kInteractions{{
    {"lukas", 41, 9, 12, "email", kIn, "complaint", "reported",
     "Grinder arrived with a cracked hopper; photos attached"},
    {"lukas", 41, 10, 5, "phone", kOut, "call", "resolved",
     "Apologised; a replacement hopper goes out by express, no charge"},
    {"sara", 210, 11, 0, "email", kOut, "email", "no reply",
     "We miss you: a sample of the new Ethiopia roast"},
    {"sara", 16, 15, 30, "in-person", kIn, "visit", "tasted",
     "Back in the shop after a long break; tried the Ethiopia roast"},
    {"omar", 31, 14, 0, "in-person", kIn, "visit", "interested",
     "Looking for a coffee bar for his coworking space"},
    {"arjun", 4, 10, 20, "phone", kIn, "call", "answered",
     "Breakfast coffee for a 60-room hotel; wants a quote"},
    {"negar", 52, 9, 45, "email", kIn, "email", "answered",
     "Asked for a quote for espresso machines in three offices"},
    {"kaveh", 27, 11, 30, "phone", kOut, "call", "answered",
     "Went through the machine proposal; waiting for budget approval"},
    {"astrid", 22, 16, 0, "in-person", kIn, "visit", "tasted",
     "Cupping at the roastery with her head barista"},
    {"maryam", 61, 17, 10, "in-person", kIn, "visit", "collected",
     "Picked up her order; asked us to restock saffron tea"},
    {"camille", 51, 8, 50, "email", kIn, "email", "answered",
     "Wedding favours: 150 tea boxes with custom labels"},
    {"jonas", 14, 18, 0, "phone", kOut, "call", "no answer", "Win-back call; left a voicemail"},
    {"priya", 13, 12, 15, "phone", kIn, "call", "answered",
     "Wants a barista course for her team of twelve"},
    {"reza", 21, 10, 0, "email", kOut, "email", "no reply", "His favourite blend is back in stock"},
    {"yuki", 190, 7, 30, "email", kIn, "email", "answered",
     "Sakura Foods pauses its imports for the rest of the year"},
    {"ali", 9, 17, 40, "phone", Direction::internal, "note", "",
     "Prefers deliveries after 17:00; ring twice"},
    {"shirin", 19, 20, 5, "email", kIn, "email", "answered",
     "Which grind for a moka pot? Sent our brewing guide"},
    {"elif", 76, 13, 0, "phone", kIn, "call", "answered", "New delivery address from next month"},
    {"layla", 15, 11, 25, "in-person", kIn, "visit", "signed up",
     "First visit; joined the newsletter at the till"},
    {"nordlicht", 95, 10, 0, "phone", kOut, "call", "answered",
     "Checked in: they are trying another roaster's house blend"},
}};

// A customer changed their mind the same afternoon.
constexpr struct {
    const char* customer;
    int days_ago;
} kCancelledOrder{"chiamaka", 9};

// One deal per row, with its path through the stages.
// clang-format off
const std::vector<DealSeed>& deals() {
    static const std::vector<DealSeed> table{
        {"atlas", "Office coffee service, two years", "9600.00", "Negin", -38,
         {{"lead", 75}, {"qualified", 68}, {"proposal", 55}, {"negotiation", 44}, {"won", 38}}},
        {"camille", "Wedding favours: 150 tea boxes", "2250.00", "Paul", -35,
         {{"lead", 50}, {"proposal", 46}, {"negotiation", 41}, {"won", 35}}},
        {"sakura", "Matcha import partnership", "12000.00", "Negin", -125,
         {{"lead", 170}, {"qualified", 160}, {"proposal", 148}, {"lost", 125}}},
        {"parsafzar", "Espresso machines for three offices", "7200.00", "Negin", 10,
         {{"lead", 48}, {"qualified", 37}, {"proposal", 25}}},
        {"nordlicht", "House espresso for both cafés", "4800.00", "Paul", 14,
         {{"lead", 20}, {"qualified", 15}, {"proposal", 11}, {"negotiation", 4}}},
        {"priya", "Barista course for twelve", "1440.00", "Paul", 21,
         {{"lead", 12}, {"qualified", 6}}},
        {"omar", "Coffee bar for a coworking space", "3600.00", "Negin", 30,
         {{"lead", 28}, {"qualified", 9}}},
        {"arjun", "Breakfast coffee for Hotel Spree", "6000.00", "Paul", 45, {{"lead", 3}}},
    };
    return table;
}
// clang-format on

constexpr std::array<TaskSeed, 5> kTasks{{
    {"Send Lukas the replacement grinder hopper", "lukas", nullptr, "Paul", 41, -40, 40},
    {"Send Pars Afzar the revised machine quote", "parsafzar",
     "Espresso machines for three offices", "Negin", 12, -5, 0},
    {"Cupping for Café Nordlicht's baristas", "nordlicht", "House espresso for both cafés", "Paul",
     4, 2, 0},
    {"Call Jonas Becker again with a win-back offer", "jonas", nullptr, "Paul", 14, 1, 0},
    {"Confirm the course date with Priya", "priya", "Barista course for twelve", "Negin", 6, 5, 0},
}};

constexpr const char* kPipelineYaml = R"yaml(pipelines:
  - id: sales
    name: Sales
    stages:
      - {id: lead, name: Lead, probability: 0.1, sla_days: 7}
      - {id: qualified, name: Qualified, probability: 0.25, sla_days: 14}
      - {id: proposal, name: Proposal, probability: 0.5, sla_days: 14}
      - {id: negotiation, name: Negotiation, probability: 0.75, sla_days: 10}
      - {id: won, name: Won, probability: 1, won: true}
      - {id: lost, name: Lost, probability: 0, lost: true}
)yaml";

// Something that happened at a point in the story. Moments are recorded in time order, each
// followed by a worker pass as of its time, as a live deployment's worker would run: the event log
// reads as the history it is, and plugins see that history unfold instead of finding every later
// order already there.
struct Moment {
    Timestamp at;
    std::function<void()> record;
};

class Story {
  public:
    Story(Workspace& workspace, Timestamp now)
        : w_(workspace), today_(std::chrono::floor<days>(now)) {}

    void record() {
        for (const auto& seed : companies()) add_company(seed);
        for (const auto& seed : people()) add_person(seed);
        plan_cancelled_order();
        for (const auto& seed : kEmailWithdrawals) plan_withdrawal(seed);
        for (const auto& seed : kInteractions) plan_interaction(seed);
        for (const auto& seed : deals()) plan_deal(seed);
        for (const auto& seed : kTasks) plan_task(seed);
        std::stable_sort(moments_.begin(), moments_.end(),
                         [](const Moment& a, const Moment& b) { return a.at < b.at; });
        for (const auto& moment : moments_) {
            moment.record();
            w_.run_worker_pass(moment.at);
        }
    }

  private:
    Timestamp at(int days_ago, int hour, int minute) const {
        return Timestamp{today_ - days{days_ago}} + hours{hour} + minutes{minute};
    }
    Timestamp during_business_hours(int days_ago) {
        return at(days_ago, between(8, 18), between(0, 59));
    }
    // rng_() % n rather than a std distribution: distributions differ between standard libraries.
    int between(int low, int high) {
        return low + static_cast<int>(rng_() % static_cast<std::uint32_t>(high - low + 1));
    }
    CustomerId id_of(std::string_view key) const {
        const auto found = customers_.find(key);
        if (found == customers_.end()) {
            throw std::logic_error(fmt::format("the demo story names no customer '{}'", key));
        }
        return found->second;
    }

    std::vector<int> order_days(Rhythm rhythm) {
        std::vector<int> result;
        for (const Run& run : runs_of(rhythm)) {
            const int newest = between(run.newest_min, run.newest_max);
            const int oldest = newest + between(run.length_min, run.length_max);
            for (int day = newest; day <= oldest; day += between(run.gap_min, run.gap_max)) {
                result.push_back(day);
            }
        }
        return result;
    }

    // Days ago of the first thing the story does with the customer: they must exist before that.
    static int first_touch(std::string_view key, const std::vector<int>& orders) {
        int first = orders.empty() ? 0 : *std::max_element(orders.begin(), orders.end());
        if (kCancelledOrder.customer == key) first = std::max(first, kCancelledOrder.days_ago);
        for (const auto& seed : kEmailWithdrawals) {
            if (seed.customer == key) first = std::max(first, seed.days_ago);
        }
        for (const auto& seed : kInteractions) {
            if (seed.customer == key) first = std::max(first, seed.days_ago);
        }
        for (const auto& seed : deals()) {
            if (seed.customer == key) first = std::max(first, seed.path.front().days_ago);
        }
        for (const auto& seed : kTasks) {
            if (seed.customer == key) first = std::max(first, seed.created_days_ago);
        }
        return first;
    }

    static std::vector<Consent> consents(Agreed agreed) {
        constexpr const char* kSource = "sign-up form";
        switch (agreed) {
            case Agreed::email_and_sms:
                return {{"email", true, {}, kSource}, {"sms", true, {}, kSource}};
            case Agreed::email:
                return {{"email", true, {}, kSource}};
            case Agreed::nothing:
                break;
        }
        return {};
    }

    void add_company(const CompanySeed& seed) {
        Customer c;
        c.kind = CustomerKind::company;
        c.name = seed.name;
        c.contacts = {{ContactKind::email, seed.email, "office", true},
                      {ContactKind::phone, seed.phone, "office", true}};
        c.language = seed.language;
        c.time_zone = seed.time_zone;
        c.tags = seed.tags;
        c.consents = consents(seed.agreed);
        if (*seed.vat_id) c.attributes.emplace("vat_id", std::string(seed.vat_id));
        c.attributes.emplace("employees", seed.employees);
        add_customer(seed.key, std::move(c), seed.rhythm);
    }

    void add_person(const PersonSeed& seed) {
        Customer c;
        c.given_name = seed.given_name;
        c.family_name = seed.family_name;
        c.contacts = {{ContactKind::email, seed.email, "", true},
                      {ContactKind::phone, seed.phone, "mobile", true}};
        c.language = seed.language;
        c.time_zone = seed.time_zone;
        c.tags = seed.tags;
        c.consents = consents(seed.agreed);
        for (const auto& r : kFavouriteRoasts) {
            if (r.customer == std::string_view(seed.key)) {
                c.attributes.emplace("favourite_roast", std::string(r.favourite_roast));
            }
        }
        for (const auto& m : kMembers) {
            if (m.person == std::string_view(seed.key))
                c.memberships.push_back({id_of(m.company), m.role});
        }
        add_customer(seed.key, std::move(c), seed.rhythm);
    }

    // Created (backdated) at once, as memberships need the company's id; their orders are planned.
    void add_customer(std::string_view key, Customer c, Rhythm rhythm) {
        const auto orders = order_days(rhythm);
        c.created_at = during_business_hours(first_touch(key, orders) + between(3, 30));
        for (auto& consent : c.consents) consent.at = c.created_at;
        const CustomerId id = w_.customers().create(c);
        customers_.emplace(std::string(key), id);
        const bool wholesale = c.kind == CustomerKind::company;
        for (const int day : orders) plan_order(id, wholesale, during_business_hours(day), false);
    }

    void plan_withdrawal(const WithdrawalSeed& seed) {
        const Consent withdrawal{"email", false, during_business_hours(seed.days_ago),
                                 "unsubscribe link in the newsletter"};
        moments_.push_back({withdrawal.at, [this, id = id_of(seed.customer), withdrawal] {
                                w_.customers().record_consent(id, withdrawal);
                            }});
    }

    void plan_order(CustomerId customer, bool wholesale, Timestamp when, bool cancelled) {
        moments_.push_back(
            {when, [this, customer, wholesale, when, cancelled] {
                 const std::span<const Product> shelf =
                     wholesale ? std::span<const Product>(kWholesaleShelf)
                               : std::span<const Product>(kShopShelf);
                 Order order;
                 order.customer_id = customer;
                 order.external_id = fmt::format("DCR-{}", next_order_number_++);
                 order.at = when;
                 order.cancelled = cancelled;
                 order.total = Money{0, kCurrency};
                 const int first = between(0, static_cast<int>(shelf.size()) - 1);
                 const int lines = between(1, 3);
                 for (int i = 0; i < lines; ++i) {
                     const Product& p = shelf[(first + i) % shelf.size()];
                     const int quantity = wholesale ? between(2, 5) : between(1, 2);
                     order.lines.push_back({p.sku, p.description, quantity, p.price_minor});
                     order.total.minor_units += quantity * p.price_minor;
                 }
                 w_.orders().add(order);
             }});
    }

    void plan_cancelled_order() {
        plan_order(id_of(kCancelledOrder.customer), false,
                   during_business_hours(kCancelledOrder.days_ago), true);
    }

    void plan_interaction(const InteractionSeed& seed) {
        const Interaction interaction{0,
                                      id_of(seed.customer),
                                      seed.channel,
                                      seed.direction,
                                      seed.kind,
                                      at(seed.days_ago, seed.hour, seed.minute),
                                      seed.outcome,
                                      seed.text};
        moments_.push_back(
            {interaction.at, [this, interaction] { w_.interactions().log(interaction); }});
    }

    void plan_deal(const DealSeed& seed) {
        Deal deal;
        deal.customer_id = id_of(seed.customer);
        deal.title = seed.title;
        deal.pipeline_id = kStoryPipeline;
        deal.stage_id = seed.path.front().stage;
        deal.value = parse_money(seed.value, kCurrency);
        deal.owner = seed.owner;
        deal.expected_close = Date{today_ + days{seed.closes_in_days}};
        deal.created_at = during_business_hours(seed.path.front().days_ago);
        moments_.push_back({deal.created_at,
                            [this, deal] { deals_.emplace(deal.title, w_.deals().create(deal)); }});
        for (auto step = seed.path.begin() + 1; step != seed.path.end(); ++step) {
            const Timestamp when = during_business_hours(step->days_ago);
            moments_.push_back(
                {when, [this, title = deal.title, stage = step->stage, owner = deal.owner, when] {
                     w_.deals().move(deals_.at(title), stage, owner, when);
                 }});
        }
    }

    void plan_task(const TaskSeed& seed) {
        Task task;
        task.title = seed.title;
        task.due = at(-seed.due_in_days, 17, 0);
        task.assignee = seed.assignee;
        task.customer_id = id_of(seed.customer);
        task.created_at = during_business_hours(seed.created_days_ago);
        const char* deal = seed.deal;
        moments_.push_back({task.created_at, [this, task, deal]() mutable {
                                if (deal) task.deal_id = deals_.at(deal);
                                tasks_.emplace(task.title, w_.tasks().add(task));
                            }});
        if (seed.done_days_ago > 0) {
            const Timestamp done = during_business_hours(seed.done_days_ago);
            moments_.push_back({done, [this, title = task.title, done] {
                                    w_.tasks().complete(tasks_.at(title), done);
                                }});
        }
    }

    Workspace& w_;
    std::chrono::sys_days today_;
    std::mt19937 rng_{kSeed};
    std::map<std::string, CustomerId, std::less<>> customers_;
    std::map<std::string, DealId, std::less<>> deals_;
    std::map<std::string, TaskId, std::less<>> tasks_;
    std::vector<Moment> moments_;
    int next_order_number_ = 10001;
};

}  // namespace

std::string story_config(const std::vector<std::filesystem::path>& plugin_dirs,
                         bool lifecycle_section, bool import_section) {
    // JSON strings are valid YAML double-quoted scalars: any folder name is written safely.
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& dir : plugin_dirs) paths.push_back(std::filesystem::absolute(dir).string());
    std::string yaml = fmt::format(
        "# Written by `moshtari demo`: {}, a made-up specialty coffee shop.\n"
        "workspace:\n  database: moshtari.db\n  currency: {}\n  time_zone: Europe/Berlin\n"
        "plugins:\n  paths: {}\n",
        kStoryBusiness, kCurrency, paths.dump());
    yaml += kPipelineYaml;
    if (lifecycle_section) {
        yaml += fmt::format(
            "segment-lifecycle:\n  new_days: {}\n  at_risk_days: {}\n  lapsed_days: {}\n",
            kT.new_days, kT.at_risk_days, kT.lapsed_days);
    }
    if (import_section) yaml += "data-csv:\n  default_region: DE\n";
    return yaml;
}

void record_story(Workspace& workspace, Timestamp now) {
    Story(workspace, now).record();
}

}  // namespace moshtari::cli
