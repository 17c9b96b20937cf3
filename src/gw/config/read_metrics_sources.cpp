#include "gw/config/read.hpp"

#include <fmt/format.h>

namespace gw::config::detail {
namespace {

constexpr std::string_view kCostKeys[] = {"type", "provider", "url", "refresh_interval",
                                          "model_aliases"};
constexpr std::string_view kLatencyKeys[] = {"type", "provider", "url", "query",
                                             "refresh_interval"};
constexpr std::string_view kSourceTypes[] = {"cost", "latency"};
constexpr std::string_view kCostProviders[] = {"digitalocean", "models.dev"};
constexpr std::string_view kLatencyProviders[] = {"prometheus"};
constexpr std::int64_t kMaxRefreshSeconds = 365LL * 24 * 3600;

std::optional<std::chrono::seconds> read_refresh(const YAML::Node& node, const std::string& path,
                                                 NodeReader& reader) {
    auto seconds = reader.integer(node["refresh_interval"], child_path(path, "refresh_interval"), 1,
                                  kMaxRefreshSeconds);
    if (!seconds) return std::nullopt;
    return std::chrono::seconds(*seconds);
}

void read_cost(const YAML::Node& node, const std::string& path, NodeReader& reader,
               ModelMetricsSources& out) {
    if (!reader.expect_map(node, path, kCostKeys)) return;
    if (!reader.require(node, path, "provider")) return;
    auto provider = reader.one_of(node["provider"], child_path(path, "provider"), kCostProviders);
    if (!provider) return;
    if (out.cost) {
        reader.error(node, path, "only one model_metrics_sources entry of type cost is allowed");
        return;
    }
    CostSource cost;
    cost.provider = *provider;
    cost.url = reader.string(node["url"], child_path(path, "url"));
    cost.refresh_interval = read_refresh(node, path, reader);
    if (node["model_aliases"].IsDefined()) {
        cost.model_aliases =
            reader.string_map(node["model_aliases"], child_path(path, "model_aliases"))
                .value_or(StringPairs{});
    }
    out.cost = std::move(cost);
}

void read_latency(const YAML::Node& node, const std::string& path, NodeReader& reader,
                  ModelMetricsSources& out) {
    if (!reader.expect_map(node, path, kLatencyKeys)) return;
    bool complete = true;
    for (std::string_view key : {"provider", "url", "query"}) {
        complete = reader.require(node, path, key) && complete;
    }
    if (!complete) return;
    if (!reader.one_of(node["provider"], child_path(path, "provider"), kLatencyProviders)) return;
    if (out.latency) {
        reader.error(node, path, "only one model_metrics_sources entry of type latency is allowed");
        return;
    }
    LatencySource latency;
    latency.url = reader.string(node["url"], child_path(path, "url")).value_or("");
    latency.query = reader.string(node["query"], child_path(path, "query")).value_or("");
    latency.refresh_interval = read_refresh(node, path, reader);
    out.latency = std::move(latency);
}

}  // namespace

ModelMetricsSources read_metrics_sources(const YAML::Node& node, NodeReader& reader) {
    ModelMetricsSources out;
    if (!reader.expect_list(node, "model_metrics_sources")) return out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        const std::string path = item_path("model_metrics_sources", i);
        if (!item.IsMap()) {
            reader.error(item, path, "expected a mapping with type: cost or type: latency");
            continue;
        }
        if (!reader.require(item, path, "type")) continue;
        auto type = reader.one_of(item["type"], child_path(path, "type"), kSourceTypes);
        if (!type) continue;
        if (*type == "cost") {
            read_cost(item, path, reader, out);
        } else {
            read_latency(item, path, reader, out);
        }
    }
    return out;
}

}  // namespace gw::config::detail
