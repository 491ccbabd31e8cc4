#include "smtp_session.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

#include "moshtari/error.hpp"

namespace moshtari::email {

namespace {

CURL* handle(void* curl) {
    return static_cast<CURL*>(curl);
}

struct SlistFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

struct MimeFree {
    void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
using Mime = std::unique_ptr<curl_mime, MimeFree>;

Slist to_slist(const std::vector<std::string>& lines) {
    curl_slist* list = nullptr;
    for (const auto& line : lines) {
        curl_slist* grown = curl_slist_append(list, line.c_str());
        if (grown == nullptr) {
            curl_slist_free_all(list);
            throw std::bad_alloc();
        }
        list = grown;
    }
    return Slist(list);
}

// Mail lines end in CR LF (RFC 5322); templates are written with either.
std::string with_crlf(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

void add_text_part(curl_mime* mime, const std::string& body, const char* type) {
    curl_mimepart* part = curl_mime_addpart(mime);
    const std::string lines = with_crlf(body);
    curl_mime_data(part, lines.data(), lines.size());
    curl_mime_type(part, type);
    curl_mime_encoder(part, "quoted-printable");
}

// 530 and 535 are about the session's credentials, not the recipient: the operator fixes the
// configuration and the message goes out then.
bool is_session_refusal(long code) {
    return code == 530 || code == 534 || code == 535 || code == 538;
}

DeliveryResult classify(CURLcode result, long smtp_code, const char* error) {
    if (result == CURLE_OK) return {DeliveryOutcome::sent, {}, fmt::format("{}", smtp_code)};
    const std::string detail = fmt::format("{} ({})", *error ? error : curl_easy_strerror(result),
                                           curl_easy_strerror(result));
    if (smtp_code >= 500 && smtp_code < 600 && !is_session_refusal(smtp_code) &&
        result != CURLE_LOGIN_DENIED) {
        return {DeliveryOutcome::rejected, {}, detail};
    }
    return {DeliveryOutcome::retryable, {}, detail};
}

}  // namespace

SmtpSession::SmtpSession(const SmtpSettings& settings)
    : curl_(curl_easy_init()), password_(settings.resolve_password()) {
    if (curl_ == nullptr) throw UserError("libcurl could not start an SMTP session");
    CURL* curl = handle(curl_);
    curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!settings.implicit_tls()) {
        curl_easy_setopt(curl, CURLOPT_USE_SSL,
                         settings.starttls == StartTls::required
                             ? static_cast<long>(CURLUSESSL_ALL)
                             : static_cast<long>(CURLUSESSL_TRY));
    }
    if (!settings.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
    }
    if (!settings.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings.verify_peer ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings.verify_peer ? 2L : 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(settings.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout.count()));
}

SmtpSession::~SmtpSession() {
    curl_easy_cleanup(handle(curl_));
}

DeliveryResult SmtpSession::send(const MailEnvelope& mail) {
    CURL* curl = handle(curl_);
    const std::string from = "<" + mail.from + ">";
    const Slist recipients = to_slist({"<" + mail.to + ">"});
    std::vector<std::string> header_lines = mail.headers;
    // The message itself is the multipart/alternative: libcurl appends the boundary.
    header_lines.push_back("Content-Type: multipart/alternative");
    const Slist headers = to_slist(header_lines);
    const Mime mime(curl_mime_init(curl));
    add_text_part(mime.get(), mail.text, "text/plain; charset=UTF-8");
    add_text_part(mime.get(), mail.html, "text/html; charset=UTF-8");

    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime.get());
    const CURLcode result = curl_easy_perform(curl);
    long smtp_code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp_code);
    // The handle outlives these lists; it must not keep pointers to them.
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    return classify(result, smtp_code, error);
}

}  // namespace moshtari::email
