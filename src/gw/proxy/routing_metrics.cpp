#include "gw/proxy/routing_metrics.hpp"

namespace gw::proxy {
namespace {

using telemetry::MetricType;

void render_pairs(telemetry::PrometheusText& out, std::string_view name, std::string_view help,
                  std::string_view first, std::string_view second,
                  const std::map<std::pair<std::string, std::string>, uint64_t>& counts) {
    out.family(name, MetricType::Counter, help);
    for (const auto& [key, count] : counts) {
        out.sample(name, {{first, key.first}, {second, key.second}}, count);
    }
}

void render_cache(telemetry::PrometheusText& out, const session::SessionCacheStats& stats) {
    constexpr std::string_view kName = "plano_session_cache_events_total";
    out.family(kName, MetricType::Counter, "Session affinity cache lookups and stores.");
    out.sample(kName, {{"outcome", "hit"}}, stats.hits);
    out.sample(kName, {{"outcome", "miss"}}, stats.misses);
    out.sample(kName, {{"outcome", "store"}}, stats.stores);
    out.sample(kName, {{"outcome", "error"}}, stats.errors);
    out.sample(kName, {{"outcome", "store_error"}}, stats.store_errors);
}

}  // namespace

void RoutingMetrics::on_decision(std::string_view reason, std::string_view selected) {
    std::lock_guard lock(mutex_);
    ++decisions_[{std::string(reason), std::string(selected)}];
}

void RoutingMetrics::on_switch(std::string_view decision, std::string_view reason) {
    std::lock_guard lock(mutex_);
    ++switches_[{std::string(decision), std::string(reason)}];
}

void RoutingMetrics::render(telemetry::PrometheusText& out,
                            const session::SessionCache* cache) const {
    {
        std::lock_guard lock(mutex_);
        render_pairs(out, "plano_router_decisions_total",
                     "Routing decisions, by why the model was chosen and which it was.", "reason",
                     "selected_model", decisions_);
        render_pairs(out, "plano_session_switch_decisions_total",
                     "Warm sessions offered another model: kept (retained) or moved (allowed).",
                     "decision", "reason", switches_);
    }
    if (cache) render_cache(out, cache->stats());
}

}  // namespace gw::proxy
