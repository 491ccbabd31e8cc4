#pragma once
// One libcurl easy handle for a series of HTTP requests, so a batch reuses its connection.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::channel_phone {

// http:// or https://, the only schemes the client speaks.
inline bool is_http_url(std::string_view text) {
    return text.starts_with("https://") || text.starts_with("http://");
}

struct HttpRequest {
    std::string method = "POST";
    std::string url{};
    std::vector<std::string> headers{};  // "Name: value"
    std::string body{};
    std::optional<std::pair<std::string, std::string>> basic_auth{};  // user, password
};

struct HttpResponse {
    long status = 0;
    std::string body{};
};

// The request never got an answer: refused connection, timeout, TLS failure; what() is curl's.
class TransportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class HttpClient {
  public:
    // `timeout`: the whole request, connection included.
    explicit HttpClient(std::chrono::milliseconds timeout);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Any answer is returned, whatever its status; throws TransportError when there is none.
    HttpResponse send(const HttpRequest& request);

  private:
    void* curl_;  // CURL*
    std::chrono::milliseconds timeout_;
};

}  // namespace moshtari::channel_phone
