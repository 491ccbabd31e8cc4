// channel-email: the "email" channel (SMTP through libcurl), its templates, unsubscribe links and
// bounce handling. A plugin rather than core code because it links libcurl and ICU.

#include <memory>

#include "commands.hpp"
#include "email_channel.hpp"
#include "migrations.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "settings.hpp"
#include "soft_bounces.hpp"
#include "unsubscribe_tokens.hpp"

namespace moshtari::email {

class EmailPlugin final : public Plugin {
  public:
    // Without a channel-email section the plugin keeps its tables and personal data handler but
    // offers no channel: a deployment that enables every bundled plugin need not configure SMTP.
    void configure(const ConfigSection& section) override {
        if (!section.empty())
            settings_ = std::make_shared<const Settings>(Settings::from_config(section));
    }

    void start(PluginContext& context) override {
        context.add_migrations(migrations());
        tokens_ = std::make_unique<UnsubscribeTokens>(context.workspace());
        soft_bounces_ = std::make_unique<SoftBounces>(context.workspace());
        if (settings_) {
            context.add_channel(std::make_shared<EmailChannel>(settings_));
            context.add_command(
                email_command({context.workspace(), *settings_, *tokens_, *soft_bounces_}));
        }
        context.add_personal_data_handler(
            {"channel-email",
             [this](CustomerId id) {
                 return nlohmann::json{{"unsubscribe_links", tokens_->personal_data(id)},
                                       {"soft_bounces", soft_bounces_->personal_data(id)}};
             },
             [this](CustomerId id) {
                 tokens_->erase(id);
                 soft_bounces_->erase(id);
             },
             [this](CustomerId survivor, CustomerId merged) {
                 tokens_->merge(survivor, merged);
                 soft_bounces_->merge(survivor, merged);
             }});
    }

  private:
    std::shared_ptr<const Settings> settings_;  // null without a section
    std::unique_ptr<UnsubscribeTokens> tokens_;
    std::unique_ptr<SoftBounces> soft_bounces_;
};

}  // namespace moshtari::email

MOSHTARI_PLUGIN(moshtari::email::EmailPlugin, "channel-email")
