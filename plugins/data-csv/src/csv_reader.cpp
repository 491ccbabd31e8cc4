#include "csv_reader.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari::data_csv {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
}  // namespace

// gzopen reads a file that is not gzip-compressed as it is, so one path serves both.
CsvReader::CsvReader(const std::filesystem::path& file) : file_(file), buffer_(kBufferSize) {
    input_ = gzopen(file.c_str(), "rb");
    if (input_ == nullptr) {
        throw UserError(
            fmt::format("cannot open {}; check the path and its permissions", file.string()));
    }
    gzbuffer(input_, kBufferSize);
}

CsvReader::~CsvReader() {
    gzclose(input_);
}

int CsvReader::peek() {
    if (position_ == filled_) {
        const int read = gzread(input_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
        if (read < 0) {
            int code = 0;
            throw UserError(fmt::format("{}:{}: cannot read on: {}", file_.string(), line_,
                                        gzerror(input_, &code)));
        }
        position_ = 0;
        filled_ = static_cast<std::size_t>(read);
        if (filled_ == 0) return -1;
    }
    return static_cast<unsigned char>(buffer_[position_]);
}

int CsvReader::get() {
    const int c = peek();
    if (c >= 0) ++position_;
    return c;
}

bool CsvReader::next(CsvRecord& record) {
    if (!started_) {
        started_ = true;
        if (peek() == 0xEF) {
            // Spreadsheet programs write a byte order mark; it is not part of the first column's
            // name.
            get();
            if (get() != 0xBB || get() != 0xBF) {
                throw UserError(
                    fmt::format("{}:1: the file starts like a byte order mark but is not UTF-8",
                                file_.string()));
            }
        }
    }
    record.fields.clear();
    record.line = line_;
    if (peek() < 0) return false;
    std::string field;
    bool quoted = false;
    while (true) {
        const int c = get();
        if (quoted) {
            if (c < 0) {
                throw UserError(fmt::format(
                    "{}:{}: a quoted field opened on this line is never closed; add the closing "
                    "quote",
                    file_.string(), record.line));
            }
            if (c == '"') {
                if (peek() == '"') {
                    get();
                    field += '"';
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line_;
                field += static_cast<char>(c);
            }
            continue;
        }
        if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == ',') {
            record.fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && peek() == '\n') {
            continue;  // CRLF: the '\n' ends the record
        } else if (c == '\n' || c < 0) {
            if (c == '\n') ++line_;
            record.fields.push_back(std::move(field));
            return true;
        } else {
            field += static_cast<char>(c);
        }
    }
}

}  // namespace moshtari::data_csv
