// segment-rfm-bench: fills a fresh store with synthetic customers and orders through the core's
// bulk writer, then times the rfm method from the store to stored results, and prints one JSON
// object. With --dump it also writes the orders as raw int64 arrays (customer, at, total_minor),
// so that bench/segment_reference.py scores the very same orders with pandas. A --dir holding a
// store from an earlier run is timed again without filling it.

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "moshtari/bulk_writer.hpp"
#include "moshtari/customer_facts.hpp"
#include "moshtari/segment_store.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "rfm_segmenter.hpp"

namespace {

using namespace moshtari;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kBatch = 100'000;  // customers per transaction

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Options {
    std::filesystem::path dir;
    std::filesystem::path plugins;
    std::int64_t customers = 1'000'000;
    double orders_per_customer = 10;
    std::uint64_t seed = 6;
    std::string as_of = "2026-01-01";
    std::filesystem::path dump;
};

// Each customer has 1 + Poisson(mean - 1) orders spread over two years before as_of, of
// log-normal totals; written `kBatch` customers to a transaction, as an import does.
std::int64_t fill(Workspace& workspace, const Options& options, Timestamp as_of) {
    std::mt19937_64 random(options.seed);
    std::poisson_distribution<int> extra(options.orders_per_customer - 1);
    std::uniform_int_distribution<std::int64_t> when(to_unix(as_of) - 730 * kDay, to_unix(as_of));
    std::lognormal_distribution<double> amount(8.0, 1.0);  // cents; median about 30 EUR
    std::ofstream customers_out, at_out, total_out;
    if (!options.dump.empty()) {
        std::filesystem::create_directories(options.dump);
        customers_out.open(options.dump / "customer.bin", std::ios::binary);
        at_out.open(options.dump / "at.bin", std::ios::binary);
        total_out.open(options.dump / "total_minor.bin", std::ios::binary);
    }
    const auto put = [](std::ofstream& out, std::int64_t value) {
        if (out.is_open()) out.write(reinterpret_cast<const char*>(&value), sizeof value);
    };
    std::int64_t orders = 0;
    for (std::int64_t first = 0; first < options.customers; first += kBatch) {
        Transaction tx(workspace.database());
        const auto writer = make_bulk_writer(workspace.database(), 256);
        for (std::int64_t i = first; i < std::min(first + kBatch, options.customers); ++i) {
            Customer customer;
            customer.name = "Customer " + std::to_string(i);
            customer.created_at = from_unix(to_unix(as_of) - 800 * kDay);
            const CustomerId id = writer->add_customer(customer);
            for (int n = 1 + extra(random); n > 0; --n) {
                Order order;
                order.customer_id = id;
                order.at = from_unix(when(random));
                order.total = Money{1 + static_cast<std::int64_t>(amount(random)), "EUR"};
                writer->add_order(order);
                put(customers_out, id);
                put(at_out, to_unix(order.at));
                put(total_out, order.total.minor_units);
                ++orders;
            }
        }
        tx.commit();
    }
    return orders;
}

double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{
        "Times the rfm segmentation of synthetic customers, from the store to stored results"};
    app.add_option("--dir", options.dir, "A new folder for the workspace")->required();
    app.add_option("--plugins", options.plugins, "The folder the segment-rfm plugin is in")
        ->required();
    app.add_option("--customers", options.customers, "How many customers");
    app.add_option("--orders-per-customer", options.orders_per_customer, "On average, at least 1");
    app.add_option("--seed", options.seed, "Of the synthetic data");
    app.add_option("--as-of", options.as_of, "Score as of this date");
    app.add_option("--dump", options.dump, "Also write the orders as raw int64 arrays here");
    CLI11_PARSE(app, argc, argv);

    // A folder that holds a store from an earlier run is timed again without refilling it.
    const bool reuse = std::filesystem::exists(options.dir / "moshtari.db");
    std::filesystem::create_directories(options.dir);
    std::ofstream(options.dir / "moshtari.yaml")
        << "workspace:\n  database: moshtari.db\n  currency: EUR\nplugins:\n  paths: ["
        << options.plugins.string() << "]\n  enabled: [segment-rfm]\n";
    auto workspace = Workspace::open(options.dir / "moshtari.yaml");
    const Timestamp as_of = parse_time_or_throw(options.as_of, "--as-of");

    nlohmann::json report = {{"customers", options.customers}};
    auto start = Clock::now();
    if (!reuse) {
        report["orders"] = fill(*workspace, options, as_of);
        report["fill_seconds"] = seconds_since(start);
    }
    start = Clock::now();
    workspace->facts().catch_up();
    report["facts_catch_up_seconds"] = seconds_since(start);

    // The parts, then the whole as `moshtari segment run rfm` does it, twice.
    start = Clock::now();
    const CustomerFeatures features = workspace->facts().read(FeatureRequest{.as_of = as_of});
    report["read_features_seconds"] = seconds_since(start);
    const rfm::Settings settings;
    const auto cells = rfm::cell_table(settings.segments, settings.bins);
    start = Clock::now();
    const Segmentation segmentation = rfm::segment_customers(features, settings, cells);
    report["score_and_segment_seconds"] = seconds_since(start);
    std::map<std::string, std::int64_t> by_cell;
    for (std::size_t i = 0; i < segmentation.scores.size(); ++i)
        if (segmentation.scores[i] > 0)
            ++by_cell[std::to_string(static_cast<int>(segmentation.scores[i]))];
    report["cells"] = by_cell;

    start = Clock::now();
    const SegmentRun first = workspace->run_segmenter("rfm", as_of);
    report["first_run_seconds"] = seconds_since(start);
    report["first_run_changed"] = first.changed;
    start = Clock::now();
    const SegmentRun again = workspace->run_segmenter("rfm", as_of);
    report["rerun_seconds"] = seconds_since(start);
    report["rerun_changed"] = again.changed;
    // A day later every recency, and so every customer's detail, has changed.
    start = Clock::now();
    const SegmentRun next_day = workspace->run_segmenter("rfm", as_of + std::chrono::days{1});
    report["next_day_run_seconds"] = seconds_since(start);
    report["next_day_run_changed"] = next_day.changed;
    report["peak_rss_mib"] = peak_rss_mib();
    std::cout << report.dump(2) << '\n';
    return 0;
}
