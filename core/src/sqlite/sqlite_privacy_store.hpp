#pragma once
// PrivacyStore on SQLite.

#include <vector>

#include "moshtari/personal_data_handler.hpp"
#include "moshtari/privacy_store.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::sqlite {

class SqlitePrivacyStore final : public PrivacyStore {
  public:
    // Reads through the workspace's stores; `handlers` are the workspace's, as plugins register
    // and withdraw them.
    SqlitePrivacyStore(Workspace& workspace, const std::vector<PersonalDataHandler>& handlers)
        : workspace_(workspace), handlers_(handlers) {}

    nlohmann::json export_personal(CustomerId id, std::string_view by) override;
    PrivacyAuditEntry erase(CustomerId id, std::string_view by) override;
    std::vector<PrivacyAuditEntry> audit(CustomerId id) const override;

  private:
    PrivacyAuditEntry record(CustomerId id, std::string_view action, std::string_view by,
                             std::string summary);

    Workspace& workspace_;
    const std::vector<PersonalDataHandler>& handlers_;
};

}  // namespace moshtari::sqlite
