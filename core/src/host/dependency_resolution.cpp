#include "host/dependency_resolution.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>

#include "host/plugin_failure.hpp"
#include "host/semantic_version.hpp"
#include "host/version_range.hpp"

namespace moshtari {
namespace {

using Index = std::map<std::string, std::size_t, std::less<>>;

// The first plugin of each id; a later one with the same id is a duplicate
// that discovery already failed.
Index index_by_id(const std::vector<PluginInfo>& plugins) {
    Index index;
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        index.emplace(plugins[i].manifest.id, i);
    }
    return index;
}

// Why the requirement cannot be met by what is installed, if it cannot; a failed dependency is left
// to fail_dependents so its own error stays the one reported.
std::optional<std::string> unmet(const PluginInfo& plugin, const PluginRequirement& requirement,
                                 const std::vector<PluginInfo>& plugins, const Index& index,
                                 const std::set<std::string>& disabled) {
    const auto& id = plugin.manifest.id;
    const auto found = index.find(requirement.id);
    if (found == index.end()) {
        if (disabled.contains(requirement.id)) {
            return "plugin " + in_quotes(id) + " requires " + in_quotes(requirement.id) + " (" +
                   requirement.versions + "), which is installed but not enabled; add " +
                   in_quotes(requirement.id) + " to plugins.enabled";
        }
        return "plugin " + in_quotes(id) + " requires " + in_quotes(requirement.id) + " (" +
               requirement.versions + ") which is not installed; install it or remove " +
               in_quotes(id) + " from plugins.enabled";
    }
    const PluginInfo& dependency = plugins[found->second];
    if (failed(dependency)) {
        return std::nullopt;
    }
    // Both were checked when the manifests were read.
    const auto range = VersionRange::parse(requirement.versions);
    const auto installed = SemanticVersion::parse(dependency.manifest.version);
    if (!range.contains(installed)) {
        return "plugin " + in_quotes(id) + " requires " + in_quotes(requirement.id) + " " +
               range.text() + ", but " + in_quotes(requirement.id) + " " +
               dependency.manifest.version + " is installed; install a version of " +
               in_quotes(requirement.id) + " matching " + range.text() + " or remove " +
               in_quotes(id) + " from plugins.enabled";
    }
    return std::nullopt;
}

void fail_unmet_requirements(std::vector<PluginInfo>& plugins, const Index& index,
                             const std::set<std::string>& disabled) {
    for (auto& plugin : plugins) {
        if (failed(plugin)) {
            continue;
        }
        for (const auto& requirement : plugin.manifest.dependencies) {
            if (auto error = unmet(plugin, requirement, plugins, index, disabled)) {
                mark_failed(plugin, std::move(*error));
                break;
            }
        }
    }
}

// Requirements between plugins still in the running, as indices.
std::vector<std::vector<std::size_t>> live_edges(const std::vector<PluginInfo>& plugins,
                                                 const Index& index) {
    std::vector<std::vector<std::size_t>> edges(plugins.size());
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        if (failed(plugins[i])) {
            continue;
        }
        for (const auto& requirement : plugins[i].manifest.dependencies) {
            const auto found = index.find(requirement.id);
            if (found != index.end() && !failed(plugins[found->second])) {
                edges[i].push_back(found->second);
            }
        }
    }
    return edges;
}

// Tarjan's strongly connected components; a component with a requirement inside it is a cycle.
class CycleFinder {
  public:
    explicit CycleFinder(const std::vector<std::vector<std::size_t>>& edges)
        : edges_(edges),
          order_(edges.size(), kNone),
          low_(edges.size()),
          on_stack_(edges.size()),
          component_(edges.size(), kNone) {
        for (std::size_t node = 0; node < edges.size(); ++node) {
            if (order_[node] == kNone) {
                visit(node);
            }
        }
    }

    // The shortest cycle from `node` back to itself, or empty when it is in none.
    std::vector<std::size_t> cycle_through(std::size_t node) const {
        std::vector<std::size_t> parent(edges_.size(), kNone);
        std::deque<std::size_t> queue{node};
        while (!queue.empty()) {
            const auto current = queue.front();
            queue.pop_front();
            for (const auto next : edges_[current]) {
                if (component_[next] != component_[node]) {
                    continue;
                }
                if (next == node) {
                    std::vector<std::size_t> path{node};
                    for (auto step = current; step != node; step = parent[step]) {
                        path.push_back(step);
                    }
                    path.push_back(node);
                    std::reverse(path.begin() + 1, path.end() - 1);
                    return path;
                }
                if (parent[next] == kNone) {
                    parent[next] = current;
                    queue.push_back(next);
                }
            }
        }
        return {};
    }

  private:
    static constexpr std::size_t kNone =
        static_cast<std::size_t>(-1);  // not visited, no parent, no component

    // Recursion depth is bounded by the length of a requirement chain, a handful in practice.
    void visit(std::size_t node) {
        order_[node] = low_[node] = next_order_++;
        stack_.push_back(node);
        on_stack_[node] = true;
        for (const auto next : edges_[node]) {
            if (order_[next] == kNone) {
                visit(next);
                low_[node] = std::min(low_[node], low_[next]);
            } else if (on_stack_[next]) {
                low_[node] = std::min(low_[node], order_[next]);
            }
        }
        if (low_[node] != order_[node]) {
            return;
        }
        std::size_t member = kNone;
        do {
            member = stack_.back();
            stack_.pop_back();
            on_stack_[member] = false;
            component_[member] = node;
        } while (member != node);
    }

    const std::vector<std::vector<std::size_t>>& edges_;
    std::vector<std::size_t> order_;
    std::vector<std::size_t> low_;
    std::vector<bool> on_stack_;
    std::vector<std::size_t> component_;
    std::vector<std::size_t> stack_;
    std::size_t next_order_ = 0;
};

void fail_cycles(std::vector<PluginInfo>& plugins, const Index& index) {
    const auto edges = live_edges(plugins, index);
    const CycleFinder finder(edges);
    // Collected first so each plugin's cycle is found in the graph as it was, not
    // with its peers already failed.
    std::vector<std::pair<std::size_t, std::string>> errors;
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        const auto cycle =
            failed(plugins[i]) ? std::vector<std::size_t>{} : finder.cycle_through(i);
        if (cycle.empty()) {
            continue;
        }
        std::string path;
        for (const auto step : cycle) {
            path += (path.empty() ? "" : " -> ") + plugins[step].manifest.id;
        }
        errors.emplace_back(i, "plugin " + in_quotes(plugins[i].manifest.id) +
                                   " is part of the dependency cycle " + path +
                                   "; remove one of these requirements from its plugin.yaml");
    }
    for (auto& [i, error] : errors) {
        mark_failed(plugins[i], std::move(error));
    }
}

// Until nothing changes, since a failure can travel down a chain of requirements in any order.
void fail_dependents(std::vector<PluginInfo>& plugins, const Index& index) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (auto& plugin : plugins) {
            if (failed(plugin)) {
                continue;
            }
            for (const auto& requirement : plugin.manifest.dependencies) {
                const auto found = index.find(requirement.id);
                if (found != index.end() && failed(plugins[found->second])) {
                    mark_failed(plugin, "plugin " + in_quotes(plugin.manifest.id) +
                                            " cannot be used because its dependency " +
                                            in_quotes(requirement.id) + " failed; fix " +
                                            in_quotes(requirement.id) + " or remove " +
                                            in_quotes(plugin.manifest.id) +
                                            " from plugins.enabled");
                    changed = true;
                    break;
                }
            }
        }
    }
}

// Kahn's algorithm taking the alphabetically first ready plugin each time, so the order does not
// depend on the order folders were listed in.
std::vector<std::size_t> dependency_order(const std::vector<PluginInfo>& plugins,
                                          const Index& index) {
    std::vector<std::set<std::size_t>> dependents(plugins.size());
    std::vector<std::size_t> waiting_on(plugins.size(), 0);
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        if (failed(plugins[i])) {
            continue;
        }
        std::set<std::size_t> dependencies;
        for (const auto& requirement : plugins[i].manifest.dependencies) {
            dependencies.insert(index.find(requirement.id)->second);
        }
        waiting_on[i] = dependencies.size();
        for (const auto dependency : dependencies) {
            dependents[dependency].insert(i);
        }
    }
    std::set<std::pair<std::string, std::size_t>> ready;
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        if (!failed(plugins[i]) && waiting_on[i] == 0) {
            ready.emplace(plugins[i].manifest.id, i);
        }
    }
    std::vector<std::size_t> order;
    while (!ready.empty()) {
        const auto next = ready.begin()->second;
        ready.erase(ready.begin());
        order.push_back(next);
        for (const auto dependent : dependents[next]) {
            if (--waiting_on[dependent] == 0) {
                ready.emplace(plugins[dependent].manifest.id, dependent);
            }
        }
    }
    return order;
}

}  // namespace

void resolve_dependencies(std::vector<PluginInfo>& plugins, const std::set<std::string>& disabled) {
    const auto index = index_by_id(plugins);
    fail_unmet_requirements(plugins, index, disabled);
    fail_cycles(plugins, index);
    fail_dependents(plugins, index);

    std::vector<PluginInfo> ordered;
    ordered.reserve(plugins.size());
    for (const auto i : dependency_order(plugins, index)) {
        ordered.push_back(std::move(plugins[i]));
        ordered.back().state = PluginState::resolved;
    }
    std::vector<PluginInfo> rejected;
    for (auto& plugin : plugins) {
        if (failed(plugin)) {
            rejected.push_back(std::move(plugin));
        }
    }
    std::stable_sort(
        rejected.begin(), rejected.end(),
        [](const PluginInfo& a, const PluginInfo& b) { return a.manifest.id < b.manifest.id; });
    std::move(rejected.begin(), rejected.end(), std::back_inserter(ordered));
    plugins = std::move(ordered);
}

}  // namespace moshtari
