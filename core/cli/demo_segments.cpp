#include "demo_segments.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "captured_command.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/segment_store.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::cli {

namespace {

constexpr int kValuedShown = 3;

bool has_segmenter(Workspace& workspace, const char* name) {
    return workspace.segmenter(name) != nullptr;
}

std::string rfm(Workspace& workspace, Timestamp as_of) {
    constexpr std::size_t kWidth = 90;
    const auto run = workspace.run_segmenter("rfm", as_of);
    std::string text =
        "moshtari segment run rfm: recency, frequency and spend scored 1 to 5 by "
        "quintile, named by\nsegment-rfm's map:";
    std::size_t line_length = text.size() - text.rfind('\n');
    for (const auto& segment : run.segments) {
        if (segment.size == 0) continue;
        const std::string item = fmt::format(" {} {}", segment.name, segment.size);
        if (line_length + item.size() > kWidth) {
            text += "\n ";
            line_length = 1;
        }
        text += item;
        line_length += item.size();
    }
    return text + '\n';
}

// A cluster or class by its centre (recency, orders, spend) in the data's own units.
std::string group_line(const SegmentSize& segment, const nlohmann::json& centre) {
    return fmt::format(
        "  {:<10} {:>3} customers: last order {:.0f} days ago, {:.1f} orders, {:.2f} EUR\n",
        segment.name, segment.size, centre.at("recency_days").get<double>(),
        centre.at("frequency").get<double>(), centre.at("monetary").get<double>());
}

std::string kmeans(Workspace& workspace, Timestamp as_of) {
    const auto run = workspace.run_segmenter("kmeans", as_of);
    std::string text = fmt::format(
        "moshtari segment run kmeans: {} customers with orders in {} clusters (k-means++, seed "
        "7),\n"
        "centres in the data's own units:\n",
        run.customers, run.segments.size());
    for (const auto& segment : run.segments)
        text += group_line(segment, segment.description.at("centroid"));
    return text;
}

// What a mixture adds to k-means: the number of classes chosen by BIC, and every customer's
// probability of each class, shown for the customer whose class is least certain.
std::string mixture(Workspace& workspace, Timestamp as_of) {
    const auto run = workspace.run_segmenter("mixture", as_of);
    const auto& range = run.parameters.at("classes_range");
    std::string text = fmt::format(
        "moshtari segment run mixture: {} latent classes, the number BIC chose of {} to {}; "
        "every customer\nkeeps the probability of each class:\n",
        run.segments.size(), range.at("min").get<int>(), range.at("max").get<int>());
    std::optional<SegmentMember> least_certain;
    for (const auto& segment : run.segments) {
        text += group_line(segment, segment.description.at("mean"));
        for (auto& member : workspace.segments().members("mixture", segment.name, segment.size)) {
            if (!least_certain || member.score < least_certain->score)
                least_certain = std::move(member);
        }
    }
    if (least_certain) {
        text += fmt::format("  the least certain, {}, is {} with probability {:.3f}: {}\n",
                            workspace.customers().get(least_certain->customer_id).name,
                            least_certain->segment, least_certain->score.value_or(0),
                            least_certain->detail);
    }
    return text;
}

std::string value(Workspace& workspace) {
    const Command* command = find_command(workspace, "value");
    if (!command) return {};
    const auto fit = nlohmann::json::parse(run_captured(*command, {"value", "fit", "--json"}));
    const auto top = nlohmann::json::parse(
        run_captured(*command, {"value", "top", std::to_string(kValuedShown), "--json"}));
    std::string text =
        "moshtari value fit: BG/NBD and Gamma-Gamma fitted to the orders; the value of the next\n"
        "52 weeks at 30% margin, discounted:\n";
    for (const auto& row : top) {
        text += fmt::format("  {:<24} {:>10}, alive with probability {:.2f}\n",
                            row.at("name").get<std::string>(), row.at("clv").get<std::string>(),
                            row.at("p_alive").get<double>());
    }
    if (!fit.at("parameters").at("bg_nbd").at("converged").get<bool>()) {
        text +=
            "  (the purchase model did not converge: the story's customers buy at rates too alike "
            "for it\n  to tell them apart; value-clv's README shows it on real data)\n";
    }
    return text;
}

}  // namespace

std::string demo_kmeans_section() {
    return "segment-kmeans:\n  k: 3\n  seed: 7\n";
}

std::string demo_value_section() {
    return "value-clv:\n"
           "  probabilistic: {currency: EUR, horizon: 52, discount_rate: 0.0018, margin: 0.3}\n";
}

std::string segments_story(Workspace& workspace, Timestamp as_of) {
    std::string text;
    if (has_segmenter(workspace, "rfm")) {
        text += rfm(workspace, as_of);
    } else {
        text += fmt::format("(the {} plugin is not running, so there are no RFM segments)\n",
                            kRfmPlugin);
    }
    if (has_segmenter(workspace, "kmeans")) text += kmeans(workspace, as_of);
    if (has_segmenter(workspace, "mixture")) text += mixture(workspace, as_of);
    text += value(workspace);
    return text;
}

}  // namespace moshtari::cli
