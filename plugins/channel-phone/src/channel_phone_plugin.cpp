// channel-phone: SMS through an HTTP gateway as the outbox's "sms" channel, and calls (a call log
// on customers' timelines, call tasks for agents). A plugin rather than core code because it links
// libcurl and libphonenumber, which the core must not.

#include <dlfcn.h>

#include <memory>

#include "call_commands.hpp"
#include "call_store.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "settings.hpp"
#include "sms_channel.hpp"
#include "sms_command.hpp"

namespace moshtari::channel_phone {

namespace {

// The folder this library was loaded from. configure() runs before start() (where
// PluginContext::plugin_dir() would say the same), and the profile must be checked with the rest
// of the configuration.
std::filesystem::path library_dir() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&library_dir), &info) == 0 || info.dli_fname == nullptr) {
        throw std::runtime_error("channel-phone cannot find the folder it was loaded from");
    }
    return std::filesystem::path(info.dli_fname).parent_path();
}

}  // namespace

class ChannelPhonePlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override {
        settings_ = Settings::from_config(section, library_dir() / "profiles");
    }

    void start(PluginContext& context) override {
        const PhoneNumbers numbers(settings_.default_region);
        context.add_migrations(CallStore::migrations());
        calls_ = std::make_unique<CallStore>(context.workspace(), numbers, settings_.calls);
        context.add_command(calls_command(*calls_));
        context.add_personal_data_handler(
            {"channel-phone", [this](CustomerId id) { return calls_->personal_data(id); },
             [this](CustomerId id) { calls_->erase(id); },
             // Calls and call tasks hang off interactions and tasks, which the core's merge
             // re-points to the survivor; nothing of ours names a customer.
             [](CustomerId, CustomerId) {}});
        if (settings_.sms) {
            context.add_channel(std::make_shared<SmsChannel>(*settings_.sms, numbers));
            context.add_command(sms_command(context.workspace(), *settings_.sms));
        }
    }

  private:
    Settings settings_;
    std::unique_ptr<CallStore> calls_;
};

}  // namespace moshtari::channel_phone

MOSHTARI_PLUGIN(moshtari::channel_phone::ChannelPhonePlugin, "channel-phone")
