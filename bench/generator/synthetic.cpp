#include "synthetic.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <span>
#include <string_view>

namespace moshtari::bench {

namespace {

// SplitMix64: tiny, fast and fully specified, so a seed gives the same files with any compiler and
// standard library (std:: distributions do not promise that).
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

class Rng {
  public:
    Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t key)
        : state_(mix(mix(seed ^ stream) ^ key)) {}
    std::uint64_t next() { return mix(state_ += 0x9E3779B97F4A7C15ULL); }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    template <class T>
    const T& pick(std::span<const T> items) {
        return items[below(items.size())];
    }

  private:
    std::uint64_t state_;
};

// Independent streams, so adding a draw to one kind of row never shifts the others.
constexpr std::uint64_t kKindStream = 1;
constexpr std::uint64_t kPersonStream = 2;
constexpr std::uint64_t kVariantStream = 3;
constexpr std::uint64_t kOrderStream = 4;

struct Name {
    std::string_view native;
    std::string_view latin;  // what the email address is made of
};

enum class Digits { latin, persian, arabic_indic };

struct PhoneFormat {
    std::string_view pattern;  // '#' takes the next digit of the national number
    Digits digits = Digits::latin;
};

// National significant numbers: a prefix, then `free` digits. The last seven free digits carry
// the row's permuted number; with fewer than seven free digits the prefix carries the rest, so it
// needs 10^(7 - free) prefixes of equal length.
struct PhonePlan {
    std::string_view country_code;
    std::span<const std::string_view> prefixes;
    int free;
    std::span<const PhoneFormat> formats;
};

struct Culture {
    std::string_view country;  // ISO 3166-1 alpha-2: the region a national-format phone is read in
    int weight;
    bool family_first;  // Chinese and Japanese names: family name first, no space
    std::span<const Name> given;
    std::span<const Name> family;
    std::span<const std::string_view> cities;
    std::span<const std::string_view> domains;
    PhonePlan phone;
};

constexpr Name kIrGiven[] = {{"سارا", "sara"},  {"علی", "ali"},      {"مریم", "maryam"},
                             {"رضا", "reza"},   {"زهرا", "zahra"},   {"محمد", "mohammad"},
                             {"نگار", "negar"}, {"حسین", "hossein"}, {"فاطمه", "fatemeh"},
                             {"امیر", "amir"},  {"لیلا", "leila"},   {"کاوه", "kaveh"}};
constexpr Name kIrFamily[] = {{"احمدی", "ahmadi"}, {"محمدی", "mohammadi"}, {"حسینی", "hosseini"},
                              {"رضایی", "rezaei"}, {"کریمی", "karimi"},    {"موسوی", "mousavi"},
                              {"جعفری", "jafari"}, {"صادقی", "sadeghi"},   {"تهرانی", "tehrani"},
                              {"نوری", "nouri"}};
constexpr std::string_view kIrCities[] = {"تهران", "اصفهان", "شیراز", "مشهد", "تبریز"};
constexpr std::string_view kIrDomains[] = {"gmail.com", "yahoo.com", "chmail.ir", "mail.ir"};
constexpr std::string_view kIrPrefixes[] = {"912", "935", "901", "919", "938", "910"};
constexpr PhoneFormat kIrFormats[] = {{"0### ### ####"},
                                      {"+98 ### ### ####"},
                                      {"+98##########"},
                                      {"0098-###-###-####"},
                                      {"0### ### ####", Digits::persian}};

constexpr Name kUsGiven[] = {
    {"James", "james"}, {"Mary", "mary"},          {"Robert", "robert"},   {"Patricia", "patricia"},
    {"John", "john"},   {"Jennifer", "jennifer"},  {"Michael", "michael"}, {"Linda", "linda"},
    {"David", "david"}, {"Elizabeth", "elizabeth"}};
constexpr Name kUsFamily[] = {
    {"Smith", "smith"}, {"Johnson", "johnson"}, {"Williams", "williams"}, {"Brown", "brown"},
    {"Jones", "jones"}, {"Garcia", "garcia"},   {"Miller", "miller"},     {"Davis", "davis"}};
constexpr std::string_view kUsCities[] = {"New York", "Los Angeles", "Chicago", "Houston",
                                          "Phoenix"};
constexpr std::string_view kUsDomains[] = {"gmail.com", "yahoo.com", "outlook.com", "aol.com"};
// Area code plus the exchange's first digit, which may not be 0 or 1.
constexpr std::string_view kUsPrefixes[] = {"2125", "3127", "4158", "6172", "7134",
                                            "2063", "3059", "4046", "5125", "7027"};
constexpr PhoneFormat kUsFormats[] = {
    {"(###) ###-####"},    {"###-###-####"},    {"+1 ### ### ####"}, {"1-###-###-####"},
    {"+1 (###) ###-####"}, {"+1-###-###-####"}, {"###.###.####"}};

constexpr Name kGbGiven[] = {{"Oliver", "oliver"}, {"Amelia", "amelia"}, {"George", "george"},
                             {"Isla", "isla"},     {"Harry", "harry"},   {"Ava", "ava"},
                             {"Jack", "jack"},     {"Emily", "emily"}};
constexpr Name kGbFamily[] = {{"Taylor", "taylor"}, {"Wilson", "wilson"},   {"Evans", "evans"},
                              {"Thomas", "thomas"}, {"Roberts", "roberts"}, {"Walker", "walker"},
                              {"O'Brien", "obrien"}};
constexpr std::string_view kGbCities[] = {"London", "Manchester", "Birmingham", "Leeds", "Glasgow"};
constexpr std::string_view kGbDomains[] = {"gmail.com", "btinternet.com", "hotmail.co.uk"};
constexpr std::string_view kGbPrefixes[] = {"780", "781", "795", "740", "753"};
constexpr PhoneFormat kGbFormats[] = {{"0#### ######"},
                                      {"+44 #### ######"},
                                      {"+44 (0)#### ######"},
                                      {"0####-######"},
                                      {"+44##########"}};

constexpr Name kDeGiven[] = {{"Lukas", "lukas"}, {"Anna", "anna"},      {"Jonas", "jonas"},
                             {"Lea", "lea"},     {"Jürgen", "juergen"}, {"Hannah", "hannah"},
                             {"Sören", "soeren"}};
constexpr Name kDeFamily[] = {{"Müller", "mueller"},      {"Schmidt", "schmidt"},
                              {"Schneider", "schneider"}, {"Fischer", "fischer"},
                              {"Weber", "weber"},         {"Groß", "gross"}};
constexpr std::string_view kDeCities[] = {"München", "Köln", "Berlin", "Hamburg",
                                          "Frankfurt am Main"};
constexpr std::string_view kDeDomains[] = {"web.de", "gmx.de", "t-online.de", "gmail.com"};
constexpr std::string_view kDePrefixes[] = {"151", "152", "160", "170", "176"};
constexpr PhoneFormat kDeFormats[] = {{"0### ########"},
                                      {"+49 ### ########"},
                                      {"+49 (0)### ########"},
                                      {"0###/########"},
                                      {"0049 ### ########"}};

constexpr Name kFrGiven[] = {{"Léa", "lea"},     {"Hugo", "hugo"},       {"Chloé", "chloe"},
                             {"Louis", "louis"}, {"Camille", "camille"}, {"Gabriel", "gabriel"},
                             {"Anaïs", "anais"}};
constexpr Name kFrFamily[] = {{"Martin", "martin"},
                              {"Bernard", "bernard"},
                              {"Dubois", "dubois"},
                              {"Lefèvre", "lefevre"},
                              {"Moreau", "moreau"}};
constexpr std::string_view kFrCities[] = {"Paris", "Lyon", "Marseille", "Toulouse", "Nice"};
constexpr std::string_view kFrDomains[] = {"orange.fr", "free.fr", "laposte.net", "gmail.com"};
constexpr std::string_view kFrPrefixes[] = {"61", "62", "64", "65", "66", "67", "68", "75", "77"};
constexpr PhoneFormat kFrFormats[] = {{"0# ## ## ## ##"},
                                      {"+33 # ## ## ## ##"},
                                      {"0#.##.##.##.##"},
                                      {"+33#########"},
                                      {"0033 # ## ## ## ##"}};

constexpr Name kEsGiven[] = {{"José", "jose"},   {"María", "maria"},   {"Javier", "javier"},
                             {"Lucía", "lucia"}, {"Carlos", "carlos"}, {"Carmen", "carmen"}};
constexpr Name kEsFamily[] = {{"García", "garcia"},
                              {"Fernández", "fernandez"},
                              {"López", "lopez"},
                              {"Martínez", "martinez"},
                              {"Sánchez", "sanchez"}};
constexpr std::string_view kEsCities[] = {"Madrid", "Barcelona", "Sevilla", "Valencia", "Málaga"};
constexpr std::string_view kEsDomains[] = {"gmail.com", "hotmail.es", "telefonica.net"};
constexpr std::string_view kEsPrefixes[] = {"60", "61", "62", "65", "66", "67", "68", "69"};
constexpr PhoneFormat kEsFormats[] = {{"### ### ###"},
                                      {"+34 ### ## ## ##"},
                                      {"+34#########"},
                                      {"0034 ### ### ###"},
                                      {"###-##-##-##"}};

constexpr Name kTrGiven[] = {{"Mehmet", "mehmet"}, {"Ayşe", "ayse"}, {"Mustafa", "mustafa"},
                             {"Fatma", "fatma"},   {"Emre", "emre"}, {"Zeynep", "zeynep"}};
constexpr Name kTrFamily[] = {{"Yılmaz", "yilmaz"}, {"Kaya", "kaya"},   {"Demir", "demir"},
                              {"Şahin", "sahin"},   {"Çelik", "celik"}, {"Öztürk", "ozturk"}};
constexpr std::string_view kTrCities[] = {"İstanbul", "Ankara", "İzmir", "Bursa", "Antalya"};
constexpr std::string_view kTrDomains[] = {"gmail.com", "hotmail.com", "yandex.com.tr"};
constexpr std::string_view kTrPrefixes[] = {"530", "532", "535", "541", "505", "555"};
constexpr PhoneFormat kTrFormats[] = {
    {"0### ### ## ##"}, {"+90 ### ### ## ##"}, {"(0###) ### ## ##"}, {"+90##########"}};

constexpr Name kInGiven[] = {{"Aarav", "aarav"},   {"Priya", "priya"},   {"Rohan", "rohan"},
                             {"Ananya", "ananya"}, {"Vikram", "vikram"}, {"Sneha", "sneha"}};
constexpr Name kInFamily[] = {{"Sharma", "sharma"}, {"Patel", "patel"}, {"Singh", "singh"},
                              {"Kumar", "kumar"},   {"Gupta", "gupta"}, {"Reddy", "reddy"}};
constexpr std::string_view kInCities[] = {"Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata"};
constexpr std::string_view kInDomains[] = {"gmail.com", "rediffmail.com", "yahoo.co.in"};
constexpr std::string_view kInPrefixes[] = {"981", "982", "987", "998", "700", "888", "630"};
constexpr PhoneFormat kInFormats[] = {
    {"##### #####"}, {"+91 ##### #####"}, {"+91-##########"}, {"0##########"}};

constexpr Name kCnGiven[] = {{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"},
                             {"敏", "min"}, {"静", "jing"}, {"磊", "lei"}};
constexpr Name kCnFamily[] = {
    {"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}};
constexpr std::string_view kCnCities[] = {"北京", "上海", "广州", "深圳", "成都"};
constexpr std::string_view kCnDomains[] = {"qq.com", "163.com", "126.com"};
constexpr std::string_view kCnPrefixes[] = {"138", "139", "150", "186", "177", "135"};
constexpr PhoneFormat kCnFormats[] = {
    {"### #### ####"}, {"+86 ### #### ####"}, {"+86-###-####-####"}, {"###########"}};

constexpr Name kEgGiven[] = {{"أحمد", "ahmed"}, {"فاطمة", "fatma"},  {"محمود", "mahmoud"},
                             {"نور", "nour"},   {"يوسف", "youssef"}, {"مريم", "mariam"}};
constexpr Name kEgFamily[] = {{"حسن", "hassan"},
                              {"علي", "ali"},
                              {"إبراهيم", "ibrahim"},
                              {"سعيد", "saeed"},
                              {"مصطفى", "mostafa"}};
constexpr std::string_view kEgCities[] = {"القاهرة", "الإسكندرية", "الجيزة"};
constexpr std::string_view kEgDomains[] = {"gmail.com", "yahoo.com", "hotmail.com"};
constexpr std::string_view kEgPrefixes[] = {"10", "11", "12", "15"};
constexpr PhoneFormat kEgFormats[] = {{"0## #### ####"},
                                      {"+20 ## #### ####"},
                                      {"+20##########"},
                                      {"0## #### ####", Digits::arabic_indic}};

constexpr Name kJpGiven[] = {
    {"翔", "sho"}, {"さくら", "sakura"}, {"健", "ken"}, {"美咲", "misaki"}, {"大輔", "daisuke"}};
constexpr Name kJpFamily[] = {
    {"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"}, {"田中", "tanaka"}};
constexpr std::string_view kJpCities[] = {"東京", "大阪", "京都", "横浜"};
constexpr std::string_view kJpDomains[] = {"docomo.ne.jp", "gmail.com", "yahoo.co.jp"};
constexpr std::string_view kJpPrefixes[] = {"901", "903", "805", "806", "708", "709"};
constexpr PhoneFormat kJpFormats[] = {
    {"0##-####-####"}, {"+81 ## #### ####"}, {"+81-##-####-####"}, {"0##########"}};

constexpr Culture kCultures[] = {
    {"IR",
     25,
     false,
     kIrGiven,
     kIrFamily,
     kIrCities,
     kIrDomains,
     {"98", kIrPrefixes, 7, kIrFormats}},
    {"US",
     15,
     false,
     kUsGiven,
     kUsFamily,
     kUsCities,
     kUsDomains,
     {"1", kUsPrefixes, 6, kUsFormats}},
    {"GB",
     8,
     false,
     kGbGiven,
     kGbFamily,
     kGbCities,
     kGbDomains,
     {"44", kGbPrefixes, 7, kGbFormats}},
    {"DE",
     10,
     false,
     kDeGiven,
     kDeFamily,
     kDeCities,
     kDeDomains,
     {"49", kDePrefixes, 8, kDeFormats}},
    {"FR",
     8,
     false,
     kFrGiven,
     kFrFamily,
     kFrCities,
     kFrDomains,
     {"33", kFrPrefixes, 7, kFrFormats}},
    {"ES",
     6,
     false,
     kEsGiven,
     kEsFamily,
     kEsCities,
     kEsDomains,
     {"34", kEsPrefixes, 7, kEsFormats}},
    {"TR",
     8,
     false,
     kTrGiven,
     kTrFamily,
     kTrCities,
     kTrDomains,
     {"90", kTrPrefixes, 7, kTrFormats}},
    {"IN",
     8,
     false,
     kInGiven,
     kInFamily,
     kInCities,
     kInDomains,
     {"91", kInPrefixes, 7, kInFormats}},
    {"CN", 5, true, kCnGiven, kCnFamily, kCnCities, kCnDomains, {"86", kCnPrefixes, 8, kCnFormats}},
    {"EG",
     4,
     false,
     kEgGiven,
     kEgFamily,
     kEgCities,
     kEgDomains,
     {"20", kEgPrefixes, 8, kEgFormats}},
    {"JP", 3, true, kJpGiven, kJpFamily, kJpCities, kJpDomains, {"81", kJpPrefixes, 7, kJpFormats}},
};

constexpr int total_weight() {
    int sum = 0;
    for (const Culture& c : kCultures) sum += c.weight;
    return sum;
}

// Written like this, a number reads the same whichever country the reader assumes ("00" is the
// international prefix of most countries).
constexpr bool international(const PhoneFormat& format) {
    return format.pattern.starts_with('+') || format.pattern.starts_with("00");
}

constexpr std::size_t kMaxFormats = 8;

constexpr std::uint64_t power_of_ten(int n) {
    std::uint64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

// A table mistake would otherwise show up only as numbers an importer rightly rejects.
constexpr bool phone_plans_are_consistent() {
    for (const Culture& c : kCultures) {
        const PhonePlan& plan = c.phone;
        if (plan.formats.size() > kMaxFormats) return false;
        std::size_t international_formats = 0;
        for (const PhoneFormat& format : plan.formats) {
            international_formats += international(format) ? 1 : 0;
        }
        // A duplicate needs a second way of writing the number, also abroad.
        if (international_formats < 2) return false;
        if (plan.free < 7 && plan.prefixes.size() < power_of_ten(7 - plan.free)) return false;
        for (std::string_view prefix : plan.prefixes) {
            if (prefix.size() != plan.prefixes[0].size()) return false;
        }
        const std::size_t digits = plan.prefixes[0].size() + static_cast<std::size_t>(plan.free);
        for (const PhoneFormat& format : plan.formats) {
            std::size_t hashes = 0;
            for (char ch : format.pattern) hashes += ch == '#' ? 1 : 0;
            if (hashes != digits) return false;
        }
    }
    return true;
}
static_assert(phone_plans_are_consistent());

// The formats a person's number may be written in: all of them at home; abroad only international
// ones, since an importer reads national numbers in its one home region.
struct FormatChoice {
    std::array<std::size_t, kMaxFormats> index{};
    std::size_t count = 0;

    FormatChoice(const Culture& culture, std::string_view home_country) {
        const bool at_home = home_country.empty() || home_country == culture.country;
        for (std::size_t i = 0; i < culture.phone.formats.size(); ++i) {
            if (at_home || international(culture.phone.formats[i])) index[count++] = i;
        }
    }
};

struct Person {
    const Culture* culture;
    const Name* given;
    const Name* family;
    std::string_view city;
    std::string_view domain;
    std::string national;  // national significant number, digits only
    FormatChoice formats;
    std::size_t format;  // the person's own way, an index into `formats`
};

Person make_person(std::uint64_t seed, std::uint64_t row, std::string_view home_country) {
    Rng rng(seed, kPersonStream, row);
    int ticket = static_cast<int>(rng.below(total_weight()));
    const Culture* culture = &kCultures[0];
    for (const Culture& c : kCultures) {
        if (ticket < c.weight) {
            culture = &c;
            break;
        }
        ticket -= c.weight;
    }
    Person p{culture,
             &rng.pick(culture->given),
             &rng.pick(culture->family),
             rng.pick(culture->cities),
             rng.pick(culture->domains),
             {},
             FormatChoice(*culture, home_country),
             0};
    p.format = rng.below(p.formats.count);

    // An affine map with a multiplier coprime to 10 permutes 0..10^7-1: distinct rows, distinct
    // numbers, without the sequential look of the raw row number.
    const std::uint64_t unique = (row * 7'777'777 + 1'234'567) % power_of_ten(7);
    const PhonePlan& plan = culture->phone;
    if (plan.free >= 7) {
        p.national = rng.pick(plan.prefixes);
        for (int i = 7; i < plan.free; ++i) p.national += static_cast<char>('0' + rng.below(10));
    } else {
        p.national = plan.prefixes[unique / power_of_ten(plan.free)];
    }
    const int carried = plan.free < 7 ? plan.free : 7;
    char digits[7];
    std::uint64_t rest = unique;
    for (int i = carried - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + rest % 10);
        rest /= 10;
    }
    p.national.append(digits, static_cast<std::size_t>(carried));
    return p;
}

void append_digit(std::string& out, char digit, Digits script) {
    switch (script) {
        case Digits::latin:
            out += digit;
            return;
        case Digits::persian:  // U+06F0..U+06F9
            out += '\xDB';
            out += static_cast<char>(0xB0 + (digit - '0'));
            return;
        case Digits::arabic_indic:  // U+0660..U+0669
            out += '\xD9';
            out += static_cast<char>(0xA0 + (digit - '0'));
            return;
    }
}

void append_phone(std::string& out, const Person& p, std::size_t format_index) {
    const PhoneFormat& format = p.culture->phone.formats[format_index];
    std::size_t next = 0;
    for (char ch : format.pattern) {
        const char c = ch == '#' ? p.national[next++] : ch;
        if (c >= '0' && c <= '9') {
            append_digit(out, c, format.digits);
        } else {
            out += c;
        }
    }
}

void append_number(std::string& out, std::uint64_t n) {
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    out.append(buffer, end);
}

void append_padded(std::string& out, unsigned n, int width) {
    char buffer[8];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = static_cast<char>('0' + n % 10);
        n /= 10;
    }
    out.append(buffer, static_cast<std::size_t>(width));
}

void append_name(std::string& out, const Person& p) {
    if (p.culture->family_first) {
        out += p.family->native;
        out += p.given->native;
    } else {
        out += p.given->native;
        out += ' ';
        out += p.family->native;
    }
}

void append_email_local(std::string& out, const Person& p, std::uint64_t row) {
    out += p.given->latin;
    out += '.';
    out += p.family->latin;
    out += '.';
    append_number(out, row);
}

void append_email(std::string& out, const Person& p, std::uint64_t row) {
    append_email_local(out, p, row);
    out += '@';
    out += p.domain;
}

void append_customer_id(std::string& out, std::uint64_t row) {
    out += "c-";
    append_number(out, row);
}

// The same address as people retype it: some letters upper-cased, stray spaces around it.
void append_email_variant(std::string& out, const Person& p, std::uint64_t row, Rng& rng) {
    if (rng.below(2) == 0) out += ' ';
    const std::size_t start = out.size();
    append_email(out, p, row);
    const bool title_case = rng.below(2) == 0;
    bool word_start = true;
    for (std::size_t i = start; i < out.size(); ++i) {
        char& c = out[i];
        const bool upper = title_case ? word_start : rng.below(3) == 0;
        if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        word_start = c == '.' || c == '@';
    }
    if (rng.below(2) == 0) out += "  ";
}

void append_bad_email(std::string& out, const Person& p, std::uint64_t row, Rng& rng) {
    switch (rng.below(4)) {
        case 0:  // no @ at all
            append_email_local(out, p, row);
            out += p.domain;
            return;
        case 1:
            append_email_local(out, p, row);
            out += "@@";
            out += p.domain;
            return;
        case 2:  // no domain
            append_email_local(out, p, row);
            out += '@';
            return;
        default:  // a space inside
            out += p.given->latin;
            out += ' ';
            append_email(out, p, row);
            return;
    }
}

void append_bad_phone(std::string& out, const Person& p, Rng& rng) {
    switch (rng.below(3)) {
        case 0:  // too short for any country
            out += '+';
            out += p.culture->phone.country_code;
            out += ' ';
            out += std::string_view(p.national).substr(0, 3);
            return;
        case 1:  // too long
            out += '+';
            out += p.culture->phone.country_code;
            out += p.national;
            out += "4711";
            return;
        default:  // letters where digits belong
            out += std::string_view(p.national).substr(0, 3);
            out += "-CALL-";
            out += std::string_view(p.national).substr(3);
            return;
    }
}

}  // namespace

RowKind Synthetic::kind(std::uint64_t row) const {
    if (row == 0) return RowKind::person;  // every duplicate and order needs a person before it
    Rng rng(seed_, kKindStream, row);
    const double u = rng.unit();
    if (u < shares_.bad) {
        constexpr RowKind kDefects[] = {RowKind::bad_email, RowKind::bad_phone, RowKind::no_name};
        return rng.pick(std::span<const RowKind>(kDefects));
    }
    if (u < shares_.bad + shares_.duplicates) return RowKind::duplicate;
    return RowKind::person;
}

std::uint64_t Synthetic::some_person(std::uint64_t stream, std::uint64_t key,
                                     std::uint64_t below) const {
    Rng rng(seed_, stream, key);
    // Persons are the large majority, so a few draws find one; row 0 always is one.
    for (int attempt = 0; attempt < 64; ++attempt) {
        const std::uint64_t row = rng.below(below);
        if (kind(row) == RowKind::person) return row;
    }
    return 0;
}

void Synthetic::append_customer(std::uint64_t row, std::string& out) const {
    const RowKind row_kind = kind(row);
    // A duplicate is an earlier person again, under its own external id, as when two source
    // systems are merged.
    const std::uint64_t person_row =
        row_kind == RowKind::duplicate ? some_person(kVariantStream, row, row) : row;
    const Person p = make_person(seed_, person_row, home_country_);
    Rng rng(seed_, kVariantStream, ~row);

    append_customer_id(out, row);
    out += ',';
    if (row_kind != RowKind::no_name) append_name(out, p);
    out += ',';
    if (row_kind == RowKind::duplicate) {
        append_email_variant(out, p, person_row, rng);
    } else if (row_kind == RowKind::bad_email) {
        append_bad_email(out, p, row, rng);
    } else {
        append_email(out, p, row);
    }
    out += ',';
    if (row_kind == RowKind::duplicate) {
        const std::size_t count = p.formats.count;
        append_phone(out, p, p.formats.index[(p.format + 1 + rng.below(count - 1)) % count]);
    } else if (row_kind == RowKind::bad_phone) {
        append_bad_phone(out, p, rng);
    } else {
        append_phone(out, p, p.formats.index[p.format]);
    }
    out += ',';
    out += p.city;
    out += ',';
    out += p.culture->country;
    out += '\n';
}

void Synthetic::append_order(std::uint64_t order, std::string& out) const {
    using namespace std::chrono;
    Rng rng(seed_, kOrderStream, order);
    out += "o-";
    append_number(out, order);
    out += ',';
    append_customer_id(out, some_person(kOrderStream, ~order, customers_));
    out += ',';

    constexpr std::int64_t kFirst = sys_days{2020y / January / 1}.time_since_epoch().count();
    constexpr std::int64_t kDays = 6 * 365 + 1;  // through 2025
    const sys_days day{days{kFirst + static_cast<std::int64_t>(rng.below(kDays))}};
    const year_month_day date{day};
    const auto second = static_cast<unsigned>(rng.below(86'400));
    append_padded(out, static_cast<unsigned>(static_cast<int>(date.year())), 4);
    out += '-';
    append_padded(out, static_cast<unsigned>(date.month()), 2);
    out += '-';
    append_padded(out, static_cast<unsigned>(date.day()), 2);
    out += 'T';
    append_padded(out, second / 3600, 2);
    out += ':';
    append_padded(out, second / 60 % 60, 2);
    out += ':';
    append_padded(out, second % 60, 2);
    out += "Z,";

    // Most baskets are small and a few are large, as in shop data.
    std::uint64_t cents = 199 + rng.below(15'000);
    if (rng.below(10) == 0) cents *= 10;
    append_number(out, cents / 100);
    out += '.';
    append_padded(out, static_cast<unsigned>(cents % 100), 2);
    out += ',';
    constexpr std::string_view kCurrencies[] = {"EUR", "EUR", "EUR", "USD", "USD", "GBP"};
    out += rng.pick(std::span<const std::string_view>(kCurrencies));
    out += '\n';
}

}  // namespace moshtari::bench
