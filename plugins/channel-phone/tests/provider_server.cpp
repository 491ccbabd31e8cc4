#include "provider_server.hpp"

#include <curl/curl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace moshtari::channel_phone::testing {

namespace {

nlohmann::json to_json(const ProviderAnswer& answer) {
    return {{"status", answer.status}, {"body", answer.body}, {"delay", answer.delay}};
}

}  // namespace

ProviderServer::ProviderServer(const std::filesystem::path& dir) : log_(dir / "requests.jsonl") {
    const auto port_file = dir / "provider.port";
    std::filesystem::remove(port_file);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const std::string script = PROVIDER_SERVER, port = port_file.string(), log = log_.string();
        execl("/usr/bin/python3", "python3", script.c_str(), port.c_str(), log.c_str(), nullptr);
        _exit(127);
    }
    for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    std::ifstream(port_file) >> port_;
    if (port_ == 0) throw std::runtime_error("the provider server did not start");
}

ProviderServer::~ProviderServer() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
}

std::string ProviderServer::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

void ProviderServer::answer_by_default(const ProviderAnswer& answer) {
    control({{"default", to_json(answer)}});
}

void ProviderServer::script(const std::vector<ProviderAnswer>& answers) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& answer : answers) list.push_back(to_json(answer));
    control({{"script", list}});
}

void ProviderServer::control(const nlohmann::json& command) {
    CURL* curl = curl_easy_init();
    const std::string url = base_url() + "/__control", body = command.dump();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION,
        +[](char*, size_t size, size_t count, void*) { return size * count; });
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK) throw std::runtime_error("the provider server did not take the command");
}

std::vector<nlohmann::json> ProviderServer::requests() const {
    std::vector<nlohmann::json> requests;
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) requests.push_back(nlohmann::json::parse(line));
    return requests;
}

}  // namespace moshtari::channel_phone::testing
