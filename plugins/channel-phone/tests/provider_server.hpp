#pragma once
// The fake SMS provider (provider_server.py) on a free 127.0.0.1 port, for the life of a test: it
// records every request and answers as the test scripts it to, errors and timeouts included.

#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace moshtari::channel_phone::testing {

struct ProviderAnswer {
    int status = 200;
    std::string body{};  // "{n}" becomes the request's number
    double delay = 0;    // seconds before answering
};

class ProviderServer {
  public:
    explicit ProviderServer(const std::filesystem::path& dir);
    ~ProviderServer();
    ProviderServer(const ProviderServer&) = delete;
    ProviderServer& operator=(const ProviderServer&) = delete;

    std::string base_url() const;
    // The answer when nothing is scripted.
    void answer_by_default(const ProviderAnswer& answer);
    // The next answers, in order, before the default again.
    void script(const std::vector<ProviderAnswer>& answers);
    // Every request so far: {"method", "path", "headers" (lower-case names), "body"}.
    std::vector<nlohmann::json> requests() const;

  private:
    void control(const nlohmann::json& command);

    std::filesystem::path log_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace moshtari::channel_phone::testing
