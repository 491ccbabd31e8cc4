#include "import_report.hpp"

#include <fmt/format.h>

#include "csv_writer.hpp"
#include "moshtari/error.hpp"
#include "row_mapper.hpp"

namespace moshtari::data_csv {

namespace {
// Past this many, rejects only go to the reject file: a terminal full of them helps nobody.
constexpr long kRejectsShown = 50;
}  // namespace

ImportReport::ImportReport(std::string source, std::vector<std::string> header,
                           std::optional<std::filesystem::path> reject_file, std::ostream& messages)
    : source_(std::move(source)),
      header_(std::move(header)),
      reject_path_(std::move(reject_file)),
      messages_(messages) {}

void ImportReport::skip(const std::string& reason) {
    count(Outcome::skipped);
    ++skip_reasons_[reason];
}

void ImportReport::reject(const CsvRecord& record, const std::string& column,
                          const std::string& reason) {
    ++rejected_;
    const std::string where = column.empty() ? "" : fmt::format("column '{}': ", column);
    if (rejected_ <= kRejectsShown) {
        messages_ << fmt::format("{}:{}: {}{}\n", source_, record.line, where, reason);
    } else if (rejected_ == kRejectsShown + 1) {
        messages_ << "(more rejected rows are only in the reject file)\n";
    }
    if (!reject_path_) return;
    if (!rejects_.is_open()) {
        rejects_.open(*reject_path_, std::ios::binary | std::ios::trunc);
        if (!rejects_) {
            throw UserError(fmt::format("cannot write the reject file {}; pass --reject-file",
                                        reject_path_->string()));
        }
        std::vector<std::string> header = header_;
        header.emplace_back(kReasonColumn);
        write_csv_record(rejects_, header);
    }
    std::vector<std::string> fields = record.fields;
    fields.resize(header_.size());
    fields.push_back(fmt::format("line {}: {}{}", record.line, where, reason));
    write_csv_record(rejects_, fields);
}

void ImportReport::print_summary(std::ostream& out, std::string_view records, long rows,
                                 std::chrono::duration<double> took, bool dry_run) const {
    out << fmt::format(
        "{}{}: created {}, updated {}, merged {}, unchanged {}, skipped {}, rejected {} ({} rows "
        "in {:.1f} s)\n",
        dry_run ? "dry run, nothing written: " : "", records, counted(Outcome::created),
        counted(Outcome::updated), counted(Outcome::merged), counted(Outcome::unchanged),
        counted(Outcome::skipped), rejected_, rows, took.count());
    for (const auto& [reason, count] : skip_reasons_) {
        out << fmt::format("  skipped {}: {}\n", count, reason);
    }
    if (rejected_ > 0 && reject_path_) {
        out << fmt::format("  rejected rows are in {}; fix them there and import that file again\n",
                           reject_path_->string());
    }
}

}  // namespace moshtari::data_csv
