#include "order_importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "amount.hpp"
#include "batches.hpp"
#include "import_loop.hpp"
#include "moshtari/config.hpp"
#include "moshtari/customer_facts.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/money.hpp"
#include "moshtari/workspace.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

namespace {

bool parse_flag(const std::string& text) {
    const std::string t = ascii_lowercase(trimmed(text));
    if (t == "true" || t == "yes" || t == "1" || t == "y") return true;
    if (t == "false" || t == "no" || t == "0" || t == "n" || t.empty()) return false;
    throw UserError(fmt::format("'{}' is not true or false", text));
}

std::int64_t parse_whole(const std::string& text) {
    const std::string t = trimmed(text);
    std::size_t used = 0;
    try {
        const long long value = std::stoll(t, &used);
        if (used == t.size()) return value;
    } catch (const std::exception&) {
    }
    throw UserError(fmt::format("'{}' is not a whole number", text));
}

using LineKey = std::tuple<std::string, std::string, std::int64_t, std::int64_t, std::string>;

LineKey key_of(const OrderLine& line) {
    return {line.sku, line.description, line.quantity, line.unit_price_minor, line.category};
}

std::int64_t sum_of_lines(const Order& order) {
    std::int64_t total = 0;
    for (const auto& line : order.lines) total += line.quantity * line.unit_price_minor;
    return total;
}

}  // namespace

OrderImporter::OrderImporter(Workspace& workspace, ImportOptions options, ImportReport& report)
    : workspace_(workspace),
      options_(std::move(options)),
      report_(report),
      reader_(make_bulk_reader(workspace.database())),
      // A batch's orders go in sorted by customer (store_pending()), so the (customer, time)
      // index is walked in order: for 10,000,000 orders 96 MiB of cache did as well as 128
      // (72.5 s against 73.6 s), and with the orders held for sorting the import peaked at 241 MB.
      writer_(make_bulk_writer(workspace.database(), 96)) {
    if (options_.currency.empty()) options_.currency = workspace.config().default_currency();
    reader_->each_customer_key([this](CustomerId id, CustomerKey kind, std::string_view key) {
        if (kind == CustomerKey::external_id) customers_.put(key, id);
    });
}

OrderImporter::~OrderImporter() = default;

void OrderImporter::reject_group(const Group& group, const std::string& column,
                                 const std::string& reason) {
    for (const auto& record : group.records) report_.reject(record, column, reason);
}

void OrderImporter::add_row(const CsvRecord& record, const RowMapper& mapper) {
    const auto values = mapper.map(record);
    std::string external_id, currency = options_.currency;
    for (const auto& v : values) {
        if (*v.field == "external_id") external_id = trimmed(v.value);
        if (*v.field == "currency" && !trimmed(v.value).empty()) currency = trimmed(v.value);
    }
    if (external_id.empty()) {
        throw RowError("",
                       "the row has no order number (the field external_id); rows are grouped "
                       "into orders by it");
    }
    int digits = 0;
    try {
        digits = minor_unit_digits(currency);
    } catch (const UserError& error) {
        throw RowError("", error.what());
    }
    if (group_ && group_->order.external_id != external_id) flush();
    if (!group_) {
        group_.emplace();
        group_->order.external_id = external_id;
        group_->order.total.currency = currency;
    }
    Group& g = *group_;
    OrderLine line;
    bool has_line = false;
    for (const auto& [field_ptr, column_ptr, raw] : values) {
        const std::string& field = *field_ptr;
        try {
            if (field == "customer_external_id") {
                if (g.records.empty()) {
                    g.customer_external_id = trimmed(raw);
                    g.customer_column = *column_ptr;
                }
            } else if (field == "at") {
                if (g.records.empty()) g.order.at = parse_time_or_throw(trimmed(raw), "the time");
            } else if (field == "total") {
                if (!trimmed(raw).empty()) g.total = parse_amount(trimmed(raw), digits);
            } else if (field == "cancelled") {
                g.order.cancelled = g.order.cancelled || parse_flag(raw);
            } else if (field == "sku") {
                line.sku = trimmed(raw);
                has_line = true;
            } else if (field == "description") {
                line.description = raw;
                has_line = true;
            } else if (field == "quantity") {
                line.quantity = parse_whole(raw);
                has_line = true;
            } else if (field == "unit_price") {
                line.unit_price_minor = parse_amount(trimmed(raw), digits);
                has_line = true;
            } else if (field == "category") {
                line.category = trimmed(raw);
                has_line = true;
            }
        } catch (const UserError& error) {
            throw RowError(*column_ptr, error.what());
        }
    }
    if (has_line && line.quantity == 0) {
        throw RowError("", fmt::format("the line '{}' has quantity 0", line.sku));
    }
    if (g.order.at == Timestamp{}) {
        throw RowError("",
                       "the order has no time (the field at); without one a re-run could "
                       "not recognise it");
    }
    if (has_line) g.order.lines.push_back(std::move(line));
    g.records.push_back(record);
}

void OrderImporter::flush() {
    if (!group_) return;
    Group group = std::move(*group_);
    group_.reset();
    if (group.records.empty()) return;  // every row of it was rejected
    if (!group.customer_external_id.empty()) {
        const auto customer = customers_.find(group.customer_external_id);
        if (!customer) {
            reject_group(group, group.customer_column,
                         fmt::format("there is no customer with external id '{}'; import the "
                                     "customers first",
                                     group.customer_external_id));
            return;
        }
        group.order.customer_id = *customer;
    }
    if (const auto earlier = pending_numbers_.find(group.order.external_id)) {
        // More lines of an order the batch holds already: they join it, as storing them after it
        // would (the order keeps its first customer and time; a later total replaces the first).
        Group& first = pending_[static_cast<std::size_t>(*earlier) - 1];
        first.order.lines.insert(first.order.lines.end(),
                                 std::make_move_iterator(group.order.lines.begin()),
                                 std::make_move_iterator(group.order.lines.end()));
        first.total = group.total;
        first.records.insert(first.records.end(), std::make_move_iterator(group.records.begin()),
                             std::make_move_iterator(group.records.end()));
        return;
    }
    pending_numbers_.put(group.order.external_id, static_cast<std::int64_t>(pending_.size()) + 1);
    pending_.push_back(std::move(group));
    // However large the batch, the orders held for sorting stay bounded.
    if (pending_.size() == kSortWindow) store_pending();
}

void OrderImporter::store_pending() {
    // Customer by customer, each one's orders in file order: the foreign key's lookups of the
    // customers and the inserts into the (customer, time) index then walk their pages in order
    // rather than at random. SQLite alone, inserting 3,000,000 of the benchmark's orders into
    // this table: 12.0 s in file order, 7.4 s sorted so per 100,000.
    std::stable_sort(pending_.begin(), pending_.end(), [](const Group& a, const Group& b) {
        return a.order.customer_id.value_or(0) < b.order.customer_id.value_or(0);
    });
    for (Group& group : pending_) {
        try {
            store(group);
        } catch (const UserError& error) {
            reject_group(group, "", error.what());
        }
    }
    pending_.clear();
    pending_numbers_ = KeyIndex{};
}

void OrderImporter::store(Group& group) {
    Order& incoming = group.order;
    // Most orders are new: the insert itself finds out, without a lookup first.
    incoming.total.minor_units = group.total.value_or(sum_of_lines(incoming));
    if (const auto created = writer_->add_order(incoming)) {
        incoming.id = *created;
        if (first_of_run_ == 0) first_of_run_ = incoming.id;
        if (first_created_ == 0) first_created_ = incoming.id;
        last_created_ = incoming.id;
        ++created_;
        report_.count(Outcome::created);
        return;
    }
    const std::optional<Order> existing = reader_->find_order(incoming.external_id);
    if (!existing) {
        // The insert found the external id taken; only a store changed under the import's
        // transaction could hide the order now.
        throw UserError(fmt::format("the order '{}' is stored but could not be read back",
                                    incoming.external_id));
    }
    Order target = *existing;
    if (first_of_run_ != 0 && existing->id >= first_of_run_) {
        // More lines of an order this run created: they belong to the same creation.
        target.lines.insert(target.lines.end(), incoming.lines.begin(), incoming.lines.end());
        target.total.minor_units = group.total.value_or(sum_of_lines(target));
        writer_->replace_order(target);
        return;
    }
    // Lines the stored order lacks, counted with their multiplicity.
    std::map<LineKey, int> stored;
    for (const auto& line : existing->lines) ++stored[key_of(line)];
    for (const auto& line : incoming.lines) {
        if (stored[key_of(line)]-- <= 0) target.lines.push_back(line);
    }
    const bool overwrite = options_.mode == Mode::update;
    if (overwrite) {
        target.customer_id = incoming.customer_id ? incoming.customer_id : target.customer_id;
        target.at = incoming.at;
        // A cancellation is final (as `moshtari orders cancel`); an import never revives an order.
        target.cancelled = existing->cancelled || incoming.cancelled;
    } else if (!target.customer_id) {
        target.customer_id = incoming.customer_id;
    }
    if (group.total && overwrite) {
        target.total.minor_units = *group.total;
    } else if (!group.total) {
        target.total.minor_units = sum_of_lines(target);
    }
    const auto index = static_cast<std::size_t>(existing->id);
    if (counted_.size() <= index) counted_.resize(index + 1 + index / 2);
    const bool count_it = !counted_[index];
    counted_[index] = true;
    const auto count = [&](Outcome outcome) {
        if (count_it) report_.count(outcome);
    };
    const bool lines_added = target.lines.size() != existing->lines.size();
    const bool header_changed =
        target.customer_id != existing->customer_id || target.at != existing->at ||
        target.cancelled != existing->cancelled || target.total != existing->total;
    if (!lines_added && !header_changed) {
        count(Outcome::unchanged);
        return;
    }
    if (!lines_added && options_.mode == Mode::create_only) {
        if (count_it) {
            report_.skip(
                "the order exists and --mode create-only leaves existing orders as they are");
        }
        return;
    }
    writer_->replace_order(target);
    if (target.cancelled && !existing->cancelled) {
        // What `orders cancel` announces, in this batch's transaction: subscribers (loyalty points,
        // coupons) take back what the order gave, as they would after the command.
        workspace_.event_log().append(
            events::OrderCancelled{target.id, target.customer_id.value_or(0), to_unix(now())});
    }
    ++updated_;
    count(overwrite ? Outcome::updated : Outcome::merged);
}

long OrderImporter::run(CsvReader& reader, const RowMapper& mapper, Progress& progress) {
    Batches batches(workspace_.database(), options_.batch_size, options_.dry_run, [this] {
        if (created_ + updated_ > 0) {
            workspace_.event_log().append(
                events::OrdersImported{first_created_, last_created_, created_, updated_});
        }
        first_created_ = last_created_ = 0;
        created_ = updated_ = 0;
    });
    CsvRecord record;
    long rows = 0;
    while (reader.next(record)) {
        if (is_blank(record)) continue;
        ++rows;
        const bool order_was_open = group_.has_value();
        const std::string open_id = order_was_open ? group_->order.external_id : "";
        try {
            add_row(record, mapper);
        } catch (const RowError& error) {
            report_.reject(record, error.column(), error.what());
        }
        batches.row_done();
        // Commit only between orders, so an order never straddles two batches.
        const bool order_closed =
            order_was_open && (!group_ || group_->order.external_id != open_id);
        if (order_closed && batches.due()) {
            store_pending();
            batches.commit();
        }
        progress.tick(rows);
    }
    flush();
    store_pending();
    batches.finish();
    // Counts the imported orders into each customer's facts in one pass now, rather than making
    // the next segmentation wait for it. Killed before this, the next read catches up instead.
    if (!options_.dry_run) workspace_.facts().catch_up();
    progress.finish();
    return rows;
}

}  // namespace moshtari::data_csv
