#include "moshtari/config.hpp"
#include "config/problem_collector.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <utility>

#include "config/config_layer.hpp"
#include "config/outbox_config.hpp"
#include "moshtari/money.hpp"

namespace moshtari {

namespace {

namespace fs = std::filesystem;
using Layers = std::vector<std::shared_ptr<const ConfigSection::Layer>>;

[[noreturn]] void fail_at(ConfigLocation where, std::string message) {
    throw ConfigError({ConfigProblem{std::move(where), std::move(message)}});
}

std::optional<std::string> read_text(const fs::path& file) {
    std::error_code error;
    if (!fs::is_regular_file(file, error)) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One file's top-level mapping; an empty file is an empty configuration.
YAML::Node parse(const std::string& text, const std::string& file) {
    const YAML::Node root = parse_yaml(text, file);
    if (!root.IsMap() && !root.IsNull()) {
        fail_at(location_at(file, root.Mark()), "expected a mapping of sections at the top level");
    }
    return root;
}

bool is_path(const std::string& reference) {
    const fs::path path(reference);
    return reference.find('/') != std::string::npos || path.extension() == ".yaml" ||
           path.extension() == ".yml";
}

// Where `extends: reference`, written in `file`, may point, most specific first.
std::vector<fs::path> preset_candidates(const std::string& reference, const fs::path& file,
                                        const std::vector<fs::path>& preset_dirs) {
    const fs::path folder = file.parent_path();
    if (is_path(reference)) {
        return {(folder / reference).lexically_normal()};
    }
    std::vector<fs::path> candidates{(folder / (reference + ".yaml")).lexically_normal()};
    for (const auto& dir : preset_dirs) {
        candidates.push_back((dir / (reference + ".yaml")).lexically_normal());
    }
    return candidates;
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code error;
    return fs::equivalent(a, b, error);
}

// The deployment file, then each preset it extends, transitively: the layers, topmost first.
Layers read_chain(const fs::path& file, const std::vector<fs::path>& preset_dirs) {
    const auto text = read_text(file);
    if (!text) {
        std::error_code error;
        fail_at({file.string()},
                std::string(fs::exists(file, error) ? "cannot read this configuration file"
                                                    : "no such configuration file") +
                    "; run `moshtari init` to create one, or pass --config with the path "
                    "of an existing moshtari.yaml");
    }
    Layers chain{std::make_shared<const ConfigSection::Layer>(
        ConfigSection::Layer{file.string(), parse(*text, file.string())})};
    while (true) {
        const ConfigSection top(std::string{}, {chain.back()});
        if (!top.has("extends")) {
            return chain;
        }
        const auto reference = top.require<std::string>("extends");
        const auto candidates = preset_candidates(reference, chain.back()->file, preset_dirs);
        const auto found =
            std::find_if(candidates.begin(), candidates.end(), [](const fs::path& candidate) {
                std::error_code error;
                return fs::is_regular_file(candidate, error);
            });
        if (found == candidates.end()) {
            std::string looked;
            for (const auto& candidate : candidates) {
                looked += (looked.empty() ? "" : ", ") + candidate.string();
            }
            top.fail("extends", "preset '" + reference + "' not found; looked for " + looked);
        }
        for (std::size_t i = 0; i < chain.size(); ++i) {
            if (!same_file(chain[i]->file, *found)) {
                continue;
            }
            std::string cycle;
            for (std::size_t j = i; j < chain.size(); ++j) {
                cycle += chain[j]->file + " -> ";
            }
            top.fail("extends", "presets extend each other in a cycle: " + cycle + chain[i]->file);
        }
        const auto preset_text = read_text(*found);
        if (!preset_text) {
            top.fail("extends", "cannot read preset " + found->string());
        }
        chain.push_back(std::make_shared<const ConfigSection::Layer>(
            ConfigSection::Layer{found->string(), parse(*preset_text, found->string())}));
    }
}

fs::path resolve(const fs::path& base, const std::string& path) {
    const fs::path written(path);
    return written.is_absolute() ? written : (base / written).lexically_normal();
}

struct WorkspaceSettings {
    fs::path database;
    std::string currency = "EUR";
    std::string time_zone = "UTC";
};

WorkspaceSettings read_workspace(const ConfigSection& root, const fs::path& deployment_dir,
                                 ProblemCollector& problems) {
    WorkspaceSettings settings;
    problems.collect([&] {
        const ConfigSection section = root.child("workspace");
        problems.collect([&] { section.allow_only({"database", "currency", "time_zone"}); });
        problems.collect([&] {
            const auto database = section.get<std::string>("database", "moshtari.db");
            if (database.empty()) {
                section.fail("database", "expected the path of the SQLite file");
            }
            // Against the deployment's folder even when a preset sets it: the data belongs to the
            // deployment.
            settings.database = resolve(deployment_dir, database);
        });
        problems.collect([&] {
            settings.currency = section.get<std::string>("currency", settings.currency);
            try {
                minor_unit_digits(settings.currency);
            } catch (const UserError& error) {
                section.fail("currency", error.what());
            }
        });
        problems.collect([&] {
            settings.time_zone = section.get<std::string>("time_zone", settings.time_zone);
        });
    });
    return settings;
}

struct PluginSettings {
    std::vector<fs::path> dirs;
    std::vector<std::string> enabled;
};

PluginSettings read_plugins(const ConfigSection& root, ProblemCollector& problems) {
    PluginSettings settings;
    problems.collect([&] {
        const ConfigSection section = root.child("plugins");
        problems.collect([&] { section.allow_only({"paths", "enabled"}); });
        problems.collect([&] {
            // Relative to the file that names them, so that a preset can ship plugins in a folder
            // beside it.
            const fs::path base = fs::absolute(section.location("paths").file).parent_path();
            for (const auto& dir : section.get<std::vector<std::string>>("paths", {})) {
                settings.dirs.push_back(resolve(base, dir));
            }
        });
        problems.collect(
            [&] { settings.enabled = section.get<std::vector<std::string>>("enabled", {}); });
    });
    return settings;
}

// Ids end up in the store and on the command line, so they are kept to one unambiguous spelling.
bool valid_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// `seen` maps each id already read to the path of the entry that has it.
std::string read_id(const ConfigSection& section, std::string_view kind,
                    std::map<std::string, std::string>& seen) {
    auto id = section.require<std::string>("id");
    if (!valid_id(id)) {
        section.fail("id",
                     "expected lower-case letters, digits, '-' and '_' only, got '" + id + "'");
    }
    if (const auto [first, inserted] = seen.emplace(id, section.path()); !inserted) {
        section.fail("id", "duplicate " + std::string(kind) + " id '" + id + "'; " + first->second +
                               " already uses it");
    }
    return id;
}

Stage read_stage(const ConfigSection& section, std::map<std::string, std::string>& seen,
                 ProblemCollector& problems) {
    Stage stage;
    problems.collect([&] {
        section.allow_only({"id", "name", "probability", "sla_days", "won", "lost"});
    });
    problems.collect([&] { stage.id = read_id(section, "stage", seen); });
    problems.collect([&] { stage.name = section.get<std::string>("name", stage.id); });
    problems.collect([&] {
        stage.win_probability = section.require<double>("probability");
        if (stage.win_probability < 0.0 || stage.win_probability > 1.0) {
            section.fail("probability", "expected a probability from 0 to 1, got '" +
                                            section.require<std::string>("probability") + "'");
        }
    });
    problems.collect([&] {
        if (!section.has("sla_days")) {
            return;
        }
        stage.sla_days = section.require<int>("sla_days");
        if (*stage.sla_days < 0) {
            section.fail("sla_days", "expected a number of days, 0 or more, got '" +
                                         section.require<std::string>("sla_days") + "'");
        }
    });
    problems.collect([&] { stage.won = section.get("won", false); });
    problems.collect([&] {
        stage.lost = section.get("lost", false);
        if (stage.won && stage.lost) {
            section.fail("lost", "a stage cannot be both won and lost");
        }
    });
    return stage;
}

Pipeline read_pipeline(const ConfigSection& section, std::map<std::string, std::string>& seen,
                       ProblemCollector& problems) {
    Pipeline pipeline;
    problems.collect([&] { section.allow_only({"id", "name", "stages"}); });
    problems.collect([&] { pipeline.id = read_id(section, "pipeline", seen); });
    problems.collect([&] { pipeline.name = section.get<std::string>("name", pipeline.id); });
    problems.collect([&] {
        const auto stages = section.list("stages");
        if (stages.empty()) {
            section.fail("stages", "expected at least one stage");
        }
        std::map<std::string, std::string> stage_ids;
        for (const auto& stage : stages) {
            pipeline.stages.push_back(read_stage(stage, stage_ids, problems));
        }
    });
    return pipeline;
}

std::vector<Pipeline> read_pipelines(const ConfigSection& root, ProblemCollector& problems) {
    std::vector<Pipeline> pipelines;
    problems.collect([&] {
        std::map<std::string, std::string> ids;
        for (const auto& section : root.list("pipelines")) {
            pipelines.push_back(read_pipeline(section, ids, problems));
        }
    });
    return pipelines;
}

PrivacyPolicy read_privacy(const ConfigSection& root, ProblemCollector& problems) {
    PrivacyPolicy policy;
    problems.collect([&] {
        const ConfigSection section = root.child("privacy");
        problems.collect([&] { section.allow_only({"keep_orders", "keep_interactions"}); });
        problems.collect(
            [&] { policy.keep_orders = section.get("keep_orders", policy.keep_orders); });
        problems.collect([&] {
            policy.keep_interactions = section.get("keep_interactions", policy.keep_interactions);
        });
    });
    return policy;
}

}  // namespace

Config Config::load(const std::filesystem::path& file,
                    const std::vector<std::filesystem::path>& preset_dirs) {
    std::vector<ConfigProblem> problems;
    Config config = read(file, preset_dirs, problems);
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return config;
}

Config Config::read(const std::filesystem::path& file,
                    const std::vector<std::filesystem::path>& preset_dirs,
                    std::vector<ConfigProblem>& found) {
    Config config;
    config.file_ = file;
    const Layers layers = read_chain(file, preset_dirs);
    for (const auto& layer : layers) {
        config.files_.emplace_back(layer->file);
    }
    config.root_ = ConfigSection(std::string{}, layers);

    ProblemCollector problems;
    auto workspace = read_workspace(config.root_, fs::absolute(file).parent_path(), problems);
    auto plugins = read_plugins(config.root_, problems);
    auto pipelines = read_pipelines(config.root_, problems);
    auto privacy = read_privacy(config.root_, problems);
    auto outbox = read_outbox(config.root_, workspace.time_zone, problems);
    found.insert(found.end(), problems.problems().begin(), problems.problems().end());

    config.database_ = std::move(workspace.database);
    config.currency_ = std::move(workspace.currency);
    config.time_zone_ = std::move(workspace.time_zone);
    config.plugin_dirs_ = std::move(plugins.dirs);
    config.enabled_plugins_ = std::move(plugins.enabled);
    config.pipelines_ = std::move(pipelines);
    config.privacy_ = privacy;
    config.outbox_ = std::move(outbox);
    return config;
}

ConfigSection Config::plugin_section(std::string_view plugin_id) const {
    return root_.child(plugin_id);
}

void Config::check_unknown_sections(const std::vector<std::string>& plugin_ids) const {
    std::vector<std::string> known = core_sections();
    known.insert(known.end(), plugin_ids.begin(), plugin_ids.end());
    root_.allow_only(known);
}

void Config::check_outbox_channels(const std::vector<std::string>& channel_names) const {
    root_.child("outbox").child("channels").allow_only(channel_names);
}

const std::vector<std::string>& Config::core_sections() {
    static const std::vector<std::string> sections{"extends",   "workspace", "plugins",
                                                   "pipelines", "privacy",   "outbox"};
    return sections;
}

}  // namespace moshtari
