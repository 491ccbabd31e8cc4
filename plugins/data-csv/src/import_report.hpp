#pragma once
// What an import did: the count of each outcome, every rejected row (printed with its line,
// column and reason, and written to a reject file that can be fixed and imported again) and the
// reasons rows were skipped.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "csv_reader.hpp"

namespace moshtari::data_csv {

enum class Outcome { created, updated, merged, unchanged, skipped };

class ImportReport {
  public:
    // `reject_file`: where rejected rows go (created only when a row is rejected); nullopt writes
    // none (a dry run). `messages`: where each reject is reported.
    ImportReport(std::string source, std::vector<std::string> header,
                 std::optional<std::filesystem::path> reject_file, std::ostream& messages);

    void count(Outcome outcome) { ++counts_[static_cast<int>(outcome)]; }
    void skip(const std::string& reason);
    void reject(const CsvRecord& record, const std::string& column, const std::string& reason);

    long counted(Outcome outcome) const { return counts_[static_cast<int>(outcome)]; }
    long rejected() const { return rejected_; }
    const std::map<std::string, long>& skip_reasons() const { return skip_reasons_; }
    const std::optional<std::filesystem::path>& reject_file() const { return reject_path_; }

    // "customers: created 4372, updated 0, ..." with the time taken and where the rejects are.
    void print_summary(std::ostream& out, std::string_view records, long rows,
                       std::chrono::duration<double> took, bool dry_run) const;

  private:
    std::string source_;
    std::vector<std::string> header_;
    std::optional<std::filesystem::path> reject_path_;
    std::ofstream rejects_;
    std::ostream& messages_;
    long counts_[5] = {};
    long rejected_ = 0;
    std::map<std::string, long> skip_reasons_;
};

}  // namespace moshtari::data_csv
