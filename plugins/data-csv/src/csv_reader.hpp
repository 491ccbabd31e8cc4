#pragma once
// Reads CSV as RFC 4180 writes it (quoted fields with embedded commas, quotes and line breaks; CRLF
// or LF; a UTF-8 byte order mark), from a plain or gzip-compressed file, one record at a time.

#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

namespace moshtari::data_csv {

struct CsvRecord {
    std::vector<std::string> fields;
    long line = 0;  // the line the record starts on, 1-based, as an editor shows it
};

class CsvReader {
  public:
    // Throws UserError naming the file when it cannot be opened.
    explicit CsvReader(const std::filesystem::path& file);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // False at the end of the file. Throws UserError naming the file and line for a quote left
    // open at the end of the file.
    bool next(CsvRecord& record);
    const std::filesystem::path& file() const { return file_; }

  private:
    int get();  // the next byte, or -1 at the end
    int peek();

    std::filesystem::path file_;
    gzFile input_ = nullptr;
    std::vector<char> buffer_;
    std::size_t position_ = 0;
    std::size_t filled_ = 0;
    long line_ = 1;
    bool started_ = false;
};

}  // namespace moshtari::data_csv
