// moshtari-bench-gen: writes DIR/customers.csv and DIR/orders.csv for the import benchmark and
// prints what they hold, so the benchmark can check an importer's counts against it.

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>

#include "synthetic.hpp"

namespace {

using moshtari::bench::RowKind;
using moshtari::bench::Synthetic;

// Rows are gathered in one buffer and written in large blocks: the whole data never sits in
// memory, and the write calls stay few.
class CsvFile {
  public:
    explicit CsvFile(const std::filesystem::path& path)
        : path_(path), file_(std::fopen(path.c_str(), "wb")) {
        if (file_ == nullptr) fail();
        buffer_.reserve(kBlock + 4096);
    }
    CsvFile(const CsvFile&) = delete;
    CsvFile& operator=(const CsvFile&) = delete;
    ~CsvFile() {
        if (file_ != nullptr) std::fclose(file_);
    }

    std::string& buffer() { return buffer_; }
    void flush_if_full() {
        if (buffer_.size() >= kBlock) flush();
    }
    std::uint64_t close() {
        flush();
        std::FILE* file = file_;
        file_ = nullptr;
        if (std::fclose(file) != 0) fail();
        return written_;
    }

  private:
    static constexpr std::size_t kBlock = 1 << 20;

    void flush() {
        if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) fail();
        written_ += buffer_.size();
        buffer_.clear();
    }
    [[noreturn]] void fail() const {
        throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
    }

    std::filesystem::path path_;
    std::FILE* file_;
    std::string buffer_;
    std::uint64_t written_ = 0;
};

std::uint64_t write_rows(const std::filesystem::path& path, const char* header, std::uint64_t rows,
                         const std::function<void(std::uint64_t, std::string&)>& append_row) {
    CsvFile file(path);
    file.buffer() += header;
    for (std::uint64_t row = 0; row < rows; ++row) {
        append_row(row, file.buffer());
        file.flush_if_full();
    }
    return file.close();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes the synthetic customers and orders of the import benchmark as CSV."};
    std::filesystem::path out;
    std::uint64_t customers = 0;
    std::uint64_t orders = 0;
    std::uint64_t seed = 20261124;
    moshtari::bench::Shares shares;
    std::string home_country;
    app.add_option("--out", out, "folder for customers.csv and orders.csv")->required();
    app.add_option("--customers", customers, "customer rows, duplicates and bad rows included")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, moshtari::bench::kMaxCustomers));
    app.add_option("--orders", orders, "order rows; each refers to a valid, first-seen customer")
        ->capture_default_str();
    app.add_option("--seed", seed, "the same seed writes the same files")->capture_default_str();
    app.add_option("--duplicates", shares.duplicates,
                   "share of customer rows repeating an earlier person (email case and spacing, "
                   "phone format differ)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 0.5));
    app.add_option("--bad", shares.bad,
                   "share of customer rows to reject (malformed email, impossible phone or no "
                   "name)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 0.5));
    app.add_option("--home-country", home_country,
                   "ISO 3166 code: only this country's phones in national formats, the others' "
                   "with their country code (default: every country in every format)");
    CLI11_PARSE(app, argc, argv);

    try {
        std::filesystem::create_directories(out);
        const Synthetic synthetic(seed, customers, shares, home_country);
        std::uint64_t counts[5] = {};
        const std::uint64_t customer_bytes =
            write_rows(out / "customers.csv", moshtari::bench::kCustomerHeader, customers,
                       [&](std::uint64_t row, std::string& buffer) {
                           ++counts[static_cast<int>(synthetic.kind(row))];
                           synthetic.append_customer(row, buffer);
                       });
        const std::uint64_t order_bytes = write_rows(
            out / "orders.csv", moshtari::bench::kOrderHeader, orders,
            [&](std::uint64_t row, std::string& buffer) { synthetic.append_order(row, buffer); });
        // One line per file, fixed wording: bench/run-import-bench reads these counts.
        std::cout << "customers.csv: rows=" << customers
                  << " people=" << counts[static_cast<int>(RowKind::person)]
                  << " duplicates=" << counts[static_cast<int>(RowKind::duplicate)]
                  << " bad_email=" << counts[static_cast<int>(RowKind::bad_email)]
                  << " bad_phone=" << counts[static_cast<int>(RowKind::bad_phone)]
                  << " no_name=" << counts[static_cast<int>(RowKind::no_name)]
                  << " bytes=" << customer_bytes << '\n'
                  << "orders.csv: rows=" << orders << " bytes=" << order_bytes << '\n';
    } catch (const std::exception& e) {
        std::cerr << "moshtari-bench-gen: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
