#include "http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

namespace moshtari::channel_phone {

namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

struct HeaderList {
    curl_slist* list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
};

void check(CURLcode code, const char* what) {
    if (code != CURLE_OK) {
        throw std::runtime_error(
            fmt::format("libcurl refused {}: {}", what, curl_easy_strerror(code)));
    }
}

}  // namespace

HttpClient::HttpClient(std::chrono::milliseconds timeout)
    : curl_(curl_easy_init()), timeout_(timeout) {
    if (curl_ == nullptr) throw std::runtime_error("libcurl could not create a handle");
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::send(const HttpRequest& request) {
    CURL* curl = static_cast<CURL*>(curl_);
    // Reset forgets the previous request's options but keeps the open connection.
    curl_easy_reset(curl);
    HttpResponse response;
    HeaderList headers;
    for (const auto& header : request.headers) {
        headers.list = curl_slist_append(headers.list, header.c_str());
    }
    char error[CURL_ERROR_SIZE] = {};
    check(curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error), "an error buffer");
    check(curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str()), "the URL");
    check(curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https"), "the protocols");
    check(curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L), "no signals");
    check(curl_easy_setopt(curl, CURLOPT_USERAGENT, "moshtari-channel-phone"), "the user agent");
    check(curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count())),
          "the timeout");
    check(curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list), "the headers");
    check(curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body), "the body reader");
    check(curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body), "the body reader");
    if (request.method == "GET") {
        check(curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L), "GET");
    } else {
        check(curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str()), "the method");
        check(curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                               static_cast<curl_off_t>(request.body.size())),
              "the body's size");
        check(curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data()), "the body");
    }
    if (request.basic_auth) {
        check(curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC), "basic auth");
        check(curl_easy_setopt(curl, CURLOPT_USERNAME, request.basic_auth->first.c_str()),
              "the user");
        check(curl_easy_setopt(curl, CURLOPT_PASSWORD, request.basic_auth->second.c_str()),
              "the password");
    }
    const CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        // Not the URL: a provider such as Kavenegar puts the API key in it.
        throw TransportError(error[0] != '\0' ? error : curl_easy_strerror(code));
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

}  // namespace moshtari::channel_phone
