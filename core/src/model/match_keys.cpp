#include "model/match_keys.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "model/edit_distance.hpp"

namespace moshtari {

namespace {

constexpr std::size_t kPhoneDigits = 9;
constexpr std::size_t kBlockPrefix = 2;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> result;
    std::istringstream in{std::string(text)};
    for (std::string word; in >> word;) result.push_back(word);
    return result;
}

}  // namespace

std::string email_match_key(std::string_view email) {
    std::string address = lower(email);
    const auto at = address.rfind('@');
    if (at == std::string::npos) return address;
    std::string local = address.substr(0, at);
    std::string domain = address.substr(at + 1);
    if (const auto plus = local.find('+'); plus != std::string::npos) local.resize(plus);
    if (domain == "gmail.com" || domain == "googlemail.com") {
        std::erase(local, '.');
        domain = "gmail.com";
    }
    return local + '@' + domain;
}

std::string phone_match_key(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    return digits.size() < kPhoneDigits ? "" : digits.substr(digits.size() - kPhoneDigits);
}

std::string name_match_key(std::string_view name) {
    std::string cleaned;
    for (char c : lower(name)) {
        // Punctuation separates words ("Ahmadi, Sara"); bytes of non-ASCII letters are kept.
        cleaned += std::ispunct(static_cast<unsigned char>(c)) ? ' ' : c;
    }
    auto parts = words(cleaned);
    std::sort(parts.begin(), parts.end());
    std::string key;
    for (const auto& part : parts) key += (key.empty() ? "" : " ") + part;
    return key;
}

std::string name_block_key(std::string_view name_key) {
    std::string block;
    for (const auto& word : words(name_key))
        block += (block.empty() ? "" : " ") + word.substr(0, kBlockPrefix);
    return block;
}

double name_similarity(std::string_view a_key, std::string_view b_key) {
    const std::size_t longest = std::max(a_key.size(), b_key.size());
    if (longest == 0) return 0;
    return 1.0 - static_cast<double>(edit_distance(a_key, b_key)) / static_cast<double>(longest);
}

}  // namespace moshtari
