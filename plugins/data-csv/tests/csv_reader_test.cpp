#include "csv_reader.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "moshtari/error.hpp"
#include "moshtari/sdk/testing.hpp"

namespace moshtari::data_csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

class CsvReaderTest : public ::testing::Test {
  protected:
    std::filesystem::path write(const std::string& text) {
        const auto file = dir_ / "input.csv";
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

    static Rows read_all(const std::filesystem::path& file, std::vector<long>* lines = nullptr) {
        CsvReader reader(file);
        CsvRecord record;
        Rows rows;
        while (reader.next(record)) {
            rows.push_back(record.fields);
            if (lines) lines->push_back(record.line);
        }
        return rows;
    }

    moshtari::testing::TempDir dir_{"csv-reader"};
};

TEST_F(CsvReaderTest, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
    std::vector<long> lines;
    const auto rows = read_all(
        write("name,note\n\"Ahmadi, Sara\",\"said \"\"hi\"\"\nthen left\"\nReza,plain\n"), &lines);
    EXPECT_EQ(
        rows,
        (Rows{{"name", "note"}, {"Ahmadi, Sara", "said \"hi\"\nthen left"}, {"Reza", "plain"}}));
    EXPECT_EQ(lines, (std::vector<long>{1, 2, 4})) << "a record starts on the line an editor shows";
}

TEST_F(CsvReaderTest, SkipsTheByteOrderMarkAndReadsCrlf) {
    const auto rows = read_all(write("\xEF\xBB\xBFid,name\r\n1,\"a\r\nb\"\r\n2,c\r\n"));
    EXPECT_EQ(rows, (Rows{{"id", "name"}, {"1", "a\r\nb"}, {"2", "c"}}));
}

TEST_F(CsvReaderTest, KeepsPersianTextAndEmptyFields) {
    const auto rows = read_all(write("name,,city\nسارا احمدی,,تهران"));
    EXPECT_EQ(rows, (Rows{{"name", "", "city"}, {"سارا احمدی", "", "تهران"}}));
}

TEST_F(CsvReaderTest, ReadsGzipDirectly) {
    const auto file = dir_ / "input.csv.gz";
    gzFile out = gzopen(file.c_str(), "wb");
    const std::string text = "id,name\n1,\"x,y\"\n";
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
    EXPECT_EQ(read_all(file), (Rows{{"id", "name"}, {"1", "x,y"}}));
}

TEST_F(CsvReaderTest, AnUnclosedQuoteNamesTheLineItStarts) {
    const auto file = write("a\n\"open\nstill open\n");
    try {
        read_all(file);
        FAIL() << "expected an error";
    } catch (const UserError& error) {
        EXPECT_NE(std::string(error.what()).find("input.csv:2:"), std::string::npos)
            << error.what();
    }
}

TEST_F(CsvReaderTest, AMissingFileIsAUserError) {
    EXPECT_THROW(CsvReader(dir_ / "absent.csv"), UserError);
}

}  // namespace
}  // namespace moshtari::data_csv
