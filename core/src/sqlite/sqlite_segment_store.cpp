#include "sqlite/sqlite_segment_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <functional>
#include <limits>
#include <set>

#include "moshtari/batched_insert.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::sqlite {

namespace {

constexpr const char* kMemberColumns =
    "SELECT customer_id, method, segment, previous_segment, score, detail, run_id, since "
    "FROM segment_memberships";

void check(std::string_view method, const Segmentation& s) {
    const auto fail = [&](const std::string& what) {
        throw UserError(
            fmt::format("segmenter '{}' returned an inconsistent result: {}; this is a "
                        "fault of the plugin that provides it",
                        method, what));
    };
    const std::size_t n = s.customers.size();
    if (s.segment_of.size() != n) fail("segment_of and customers differ in length");
    if (!s.scores.empty() && s.scores.size() != n) fail("scores and customers differ in length");
    if (!s.details.empty() && s.details.size() != n) fail("details and customers differ in length");
    std::set<std::string> names;
    for (const auto& segment : s.segments) {
        if (segment.name.empty() || !names.insert(segment.name).second)
            fail(fmt::format("segment name '{}' is empty or given twice", segment.name));
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && s.customers[i] <= s.customers[i - 1]) fail("customer ids are not ascending");
        if (s.segment_of[i] >= s.segments.size())
            fail(fmt::format("customer #{} is in segment {} of {}", s.customers[i], s.segment_of[i],
                             s.segments.size()));
    }
}

struct Current {
    CustomerId id = 0;
    std::string segment;
    std::optional<double> score;
    std::string detail;
};

std::vector<Current> current_members(SQLite::Database& sql, std::string_view method) {
    std::vector<Current> current;
    SQLite::Statement rows(sql,
                           "SELECT customer_id, segment, score, detail FROM segment_memberships "
                           "WHERE method = ? ORDER BY customer_id");
    rows.bind(1, std::string(method));
    while (rows.executeStep()) {
        current.push_back({rows.getColumn(0).getInt64(), rows.getColumn(1).getString(),
                           rows.getColumn(2).isNull()
                               ? std::nullopt
                               : std::optional<double>(rows.getColumn(2).getDouble()),
                           rows.getColumn(3).getString()});
    }
    return current;
}

void bind_score(SQLite::Statement& statement, int index, const Segmentation& s, std::size_t row) {
    if (s.scores.empty())
        statement.bind(index);
    else
        statement.bind(index, s.scores[row]);
}

const std::string& detail_of(const Segmentation& s, std::size_t row) {
    static const std::string none;
    return s.details.empty() ? none : s.details[row];
}

std::optional<double> score_of(const Segmentation& s, std::size_t row) {
    return s.scores.empty() ? std::nullopt : std::optional<double>(s.scores[row]);
}

SegmentMember read_member(SQLite::Statement& row) {
    SegmentMember m;
    m.customer_id = row.getColumn(0).getInt64();
    m.method = row.getColumn(1).getString();
    m.segment = row.getColumn(2).getString();
    m.previous_segment = row.getColumn(3).getString();
    if (!row.getColumn(4).isNull()) m.score = row.getColumn(4).getDouble();
    m.detail = row.getColumn(5).getString();
    m.run_id = row.getColumn(6).getInt64();
    m.since = from_unix(row.getColumn(7).getInt64());
    return m;
}

}  // namespace

void forget_segments(Database& db, CustomerId id) {
    // The methods come first so each delete is a lookup in the key (method, customer_id).
    SQLite::Statement forget(db.sql(),
                             "DELETE FROM segment_memberships WHERE customer_id = ?1 AND method IN "
                             "(SELECT DISTINCT method FROM segment_runs)");
    forget.bind(1, static_cast<int64_t>(id));
    forget.exec();
}

SegmentRun SqliteSegmentStore::record(std::string_view method, const Segmentation& s,
                                      Timestamp as_of, Timestamp started_at) {
    check(method, s);
    Transaction tx(db_);
    auto& sql = db_.sql();
    SegmentRun result;
    result.method = std::string(method);
    result.parameters = s.parameters;
    result.as_of = as_of;
    result.started_at = started_at;
    result.customers = static_cast<std::int64_t>(s.customers.size());

    SQLite::Statement insert_run(sql,
                                 "INSERT INTO segment_runs (method, parameters, as_of, started_at, "
                                 "finished_at, customers, changed) VALUES (?, ?, ?, ?, 0, ?, 0)");
    insert_run.bind(1, result.method);
    insert_run.bind(2, s.parameters.dump());
    insert_run.bind(3, static_cast<int64_t>(to_unix(as_of)));
    insert_run.bind(4, static_cast<int64_t>(to_unix(started_at)));
    insert_run.bind(5, static_cast<int64_t>(result.customers));
    insert_run.exec();
    result.id = sql.getLastInsertRowid();

    // Walks the stored members and the run's side by side, both by ascending id, and writes only
    // the differences: a run that changes nothing writes nothing but the run. Every write goes in
    // key order, so the connection's own page cache does.
    const auto current = current_members(sql, method);
    SQLite::Statement move(sql,
                           "UPDATE segment_memberships SET segment = ?3, previous_segment = ?4, "
                           "score = ?5, detail = ?6, run_id = ?7, since = ?8 "
                           "WHERE method = ?1 AND customer_id = ?2");
    SQLite::Statement rescore(sql,
                              "UPDATE segment_memberships SET score = ?3, detail = ?4 "
                              "WHERE method = ?1 AND customer_id = ?2");
    SQLite::Statement remove(
        sql, "DELETE FROM segment_memberships WHERE method = ? AND customer_id = ?");
    const auto run_id = static_cast<int64_t>(result.id);
    const auto since = static_cast<int64_t>(to_unix(as_of));
    const auto key = [&](SQLite::Statement& statement, CustomerId id) {
        statement.bindNoCopy(1, result.method);
        statement.bind(2, static_cast<int64_t>(id));
    };
    const auto write = [&](SQLite::Statement& statement) {
        statement.exec();
        statement.reset();
    };
    std::vector<std::size_t> joining;  // rows of customers without a stored segment
    std::size_t stored = 0;
    const auto drop_stored_before = [&](CustomerId id) {
        for (; stored < current.size() && current[stored].id < id; ++stored) {
            key(remove, current[stored].id);
            write(remove);
        }
    };
    for (std::size_t row = 0; row < s.customers.size(); ++row) {
        drop_stored_before(s.customers[row]);
        const std::string& segment = s.segments[s.segment_of[row]].name;
        if (stored == current.size() || current[stored].id != s.customers[row]) {
            joining.push_back(row);
            continue;
        }
        const Current& before = current[stored++];
        if (before.segment != segment) {
            key(move, s.customers[row]);
            move.bindNoCopy(3, segment);
            move.bindNoCopy(4, before.segment);
            bind_score(move, 5, s, row);
            move.bindNoCopy(6, detail_of(s, row));
            move.bind(7, run_id);
            move.bind(8, since);
            write(move);
            ++result.changed;
        } else if (before.score != score_of(s, row) || before.detail != detail_of(s, row)) {
            key(rescore, s.customers[row]);
            bind_score(rescore, 3, s, row);
            rescore.bindNoCopy(4, detail_of(s, row));
            write(rescore);
        }
    }
    drop_stored_before(std::numeric_limits<CustomerId>::max());
    insert_in_batches(
        sql,
        "INSERT INTO segment_memberships (method, customer_id, segment, previous_segment, score, "
        "detail, run_id, since) VALUES ",
        "(?1, ?, ?, '', ?, ?, ?2, ?3)", 3, joining.size(),
        [&](SQLite::Statement& insert) {
            insert.bindNoCopy(1, result.method);
            insert.bind(2, run_id);
            insert.bind(3, since);
        },
        [&](SQLite::Statement& insert, int first, std::size_t i) {
            const std::size_t row = joining[i];
            insert.bind(first, static_cast<int64_t>(s.customers[row]));
            insert.bindNoCopy(first + 1, s.segments[s.segment_of[row]].name);
            bind_score(insert, first + 2, s, row);
            insert.bindNoCopy(first + 3, detail_of(s, row));
        });
    result.changed += static_cast<std::int64_t>(joining.size());

    std::vector<std::int64_t> sizes(s.segments.size(), 0);
    for (const auto index : s.segment_of) ++sizes[index];
    SQLite::Statement insert_segment(sql,
                                     "INSERT INTO segment_run_segments (run_id, position, name, "
                                     "size, description) VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < s.segments.size(); ++i) {
        insert_segment.bind(1, static_cast<int64_t>(result.id));
        insert_segment.bind(2, static_cast<int64_t>(i));
        insert_segment.bind(3, s.segments[i].name);
        insert_segment.bind(4, static_cast<int64_t>(sizes[i]));
        insert_segment.bind(5, s.segments[i].description.dump());
        insert_segment.exec();
        insert_segment.reset();
        result.segments.push_back({s.segments[i].name, sizes[i], s.segments[i].description});
    }
    result.finished_at = now();
    SQLite::Statement finish(sql,
                             "UPDATE segment_runs SET finished_at = ?, changed = ? WHERE id = ?");
    finish.bind(1, static_cast<int64_t>(to_unix(result.finished_at)));
    finish.bind(2, static_cast<int64_t>(result.changed));
    finish.bind(3, static_cast<int64_t>(result.id));
    finish.exec();
    if (result.changed > 0)
        log_.append(events::SegmentsChanged{result.method, result.id, result.changed},
                    result.finished_at);
    tx.commit();
    return result;
}

std::vector<SegmentRun> SqliteSegmentStore::read_runs(const std::string& where,
                                                      const std::string& key,
                                                      std::size_t limit) const {
    std::vector<SegmentRun> runs;
    SQLite::Statement rows(db_.sql(),
                           "SELECT id, method, parameters, as_of, started_at, finished_at, "
                           "customers, changed FROM segment_runs WHERE " +
                               where + " ORDER BY id DESC LIMIT ?2");
    rows.bind(1, key);
    rows.bind(2, static_cast<int64_t>(limit));
    while (rows.executeStep()) {
        SegmentRun run;
        run.id = rows.getColumn(0).getInt64();
        run.method = rows.getColumn(1).getString();
        run.parameters = nlohmann::json::parse(rows.getColumn(2).getString());
        run.as_of = from_unix(rows.getColumn(3).getInt64());
        run.started_at = from_unix(rows.getColumn(4).getInt64());
        run.finished_at = from_unix(rows.getColumn(5).getInt64());
        run.customers = rows.getColumn(6).getInt64();
        run.changed = rows.getColumn(7).getInt64();
        runs.push_back(std::move(run));
    }
    SQLite::Statement segments(db_.sql(),
                               "SELECT name, size, description FROM segment_run_segments "
                               "WHERE run_id = ? ORDER BY position");
    for (auto& run : runs) {
        segments.bind(1, static_cast<int64_t>(run.id));
        while (segments.executeStep()) {
            run.segments.push_back({segments.getColumn(0).getString(),
                                    segments.getColumn(1).getInt64(),
                                    nlohmann::json::parse(segments.getColumn(2).getString())});
        }
        segments.reset();
    }
    return runs;
}

std::vector<SegmentRun> SqliteSegmentStore::runs(std::string_view method, std::size_t limit) const {
    return read_runs("method = ?1", std::string(method), limit);
}

std::optional<SegmentRun> SqliteSegmentStore::run(std::int64_t id) const {
    auto found = read_runs("id = ?1", std::to_string(id), 1);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<std::string> SqliteSegmentStore::methods() const {
    std::vector<std::string> names;
    SQLite::Statement rows(db_.sql(), "SELECT DISTINCT method FROM segment_runs ORDER BY method");
    while (rows.executeStep()) names.push_back(rows.getColumn(0).getString());
    return names;
}

std::vector<SegmentMember> SqliteSegmentStore::read_members(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) const {
    std::vector<SegmentMember> members;
    SQLite::Statement rows(db_.sql(), std::string(kMemberColumns) + " WHERE " + where +
                                          " ORDER BY method, customer_id LIMIT ?");
    bind(rows);
    while (rows.executeStep()) members.push_back(read_member(rows));
    return members;
}

std::vector<SegmentMember> SqliteSegmentStore::members(std::string_view method,
                                                       std::string_view segment,
                                                       std::size_t limit) const {
    return read_members("method = ? AND segment = ?", [&](SQLite::Statement& rows) {
        rows.bind(1, std::string(method));
        rows.bind(2, std::string(segment));
        rows.bind(3, static_cast<int64_t>(limit));
    });
}

std::vector<SegmentMember> SqliteSegmentStore::changed_by(std::int64_t run_id) const {
    const auto run = this->run(run_id);
    if (!run) throw UserError(fmt::format("there is no segmentation run #{}", run_id));
    return read_members("method = ? AND run_id = ?", [&](SQLite::Statement& rows) {
        rows.bind(1, run->method);
        rows.bind(2, static_cast<int64_t>(run_id));
        rows.bind(3, static_cast<int64_t>(run->changed));
    });
}

std::vector<SegmentMember> SqliteSegmentStore::segments_of(CustomerId id) const {
    return read_members("customer_id = ?", [&](SQLite::Statement& rows) {
        rows.bind(1, static_cast<int64_t>(id));
        rows.bind(2, -1);  // every method
    });
}

}  // namespace moshtari::sqlite
