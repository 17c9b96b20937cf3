#include "gw/config/read.hpp"

namespace gw::config::detail {
namespace {

// `llm_provider` and `model` are the reference's legacy keys: accepted, without effect.
constexpr std::string_view kRoutingKeys[] = {
    "llm_provider",  "model",          "session_ttl_seconds", "session_max_entries",
    "session_cache", "routing_budget", "route_on_user_only",  "on_router_error"};
constexpr std::string_view kSessionCacheKeys[] = {"type", "url", "tenant_header"};
constexpr std::string_view kSessionCacheTypes[] = {"memory", "redis"};
constexpr std::string_view kBudgetKeys[] = {"max_switch_spend_pct", "replenish_on_rebind",
                                            "cache_read_discount", "record_counterfactual"};
constexpr std::string_view kRouterErrorPolicies[] = {"fallback", "fail"};
constexpr std::int64_t kMaxSessionEntries = 10000;
constexpr std::int64_t kMaxTtlSeconds = 365LL * 24 * 3600;

SessionCacheConfig read_session_cache(const YAML::Node& node, NodeReader& reader) {
    SessionCacheConfig out;
    const std::string path = "routing.session_cache";
    if (!reader.expect_map(node, path, kSessionCacheKeys)) return out;
    if (auto type = reader.one_of(node["type"], child_path(path, "type"), kSessionCacheTypes)) {
        out.type = *type == "redis" ? SessionCacheType::Redis : SessionCacheType::Memory;
    }
    // Messages name the key only: the URL may hold a password.
    if (out.type == SessionCacheType::Redis && reader.require(node, path, "url")) {
        out.url = reader.string(node["url"], child_path(path, "url")).value_or("");
        if (!out.url.starts_with("redis://") && !out.url.starts_with("rediss://")) {
            reader.error(node["url"], child_path(path, "url"),
                         "must start with redis:// or rediss://");
        }
    }
    out.tenant_header = reader.string(node["tenant_header"], child_path(path, "tenant_header"));
    return out;
}

std::optional<RoutingBudget> read_budget(const YAML::Node& node, NodeReader& reader) {
    const std::string path = "routing.routing_budget";
    if (!reader.expect_map(node, path, kBudgetKeys)) return std::nullopt;
    if (!reader.require(node, path, "max_switch_spend_pct")) return std::nullopt;
    RoutingBudget out;
    auto pct = reader.number(node["max_switch_spend_pct"], child_path(path, "max_switch_spend_pct"),
                             0.0, 100.0);
    if (!pct) return std::nullopt;
    out.max_switch_spend_pct = *pct;
    out.replenish_on_rebind =
        reader.boolean(node["replenish_on_rebind"], child_path(path, "replenish_on_rebind"))
            .value_or(true);
    out.cache_read_discount =
        reader
            .number(node["cache_read_discount"], child_path(path, "cache_read_discount"), 0.0, 1.0)
            .value_or(0.1);
    out.record_counterfactual =
        reader.boolean(node["record_counterfactual"], child_path(path, "record_counterfactual"))
            .value_or(false);
    return out;
}

}  // namespace

Routing read_routing(const YAML::Node& node, NodeReader& reader, Mark& budget_mark) {
    Routing out;
    if (!reader.expect_map(node, "routing", kRoutingKeys)) return out;
    (void)reader.string(node["llm_provider"], "routing.llm_provider");
    (void)reader.string(node["model"], "routing.model");
    if (auto ttl = reader.integer(node["session_ttl_seconds"], "routing.session_ttl_seconds", 1,
                                  kMaxTtlSeconds)) {
        out.session_ttl = std::chrono::seconds(*ttl);
    }
    if (auto max = reader.integer(node["session_max_entries"], "routing.session_max_entries", 1,
                                  kMaxSessionEntries)) {
        out.session_max_entries = static_cast<std::size_t>(*max);
    }
    if (node["session_cache"].IsDefined()) {
        out.session_cache = read_session_cache(node["session_cache"], reader);
    }
    if (node["routing_budget"].IsDefined()) {
        budget_mark = mark_of(node["routing_budget"]);
        out.routing_budget = read_budget(node["routing_budget"], reader);
    }
    out.route_on_user_only =
        reader.boolean(node["route_on_user_only"], "routing.route_on_user_only").value_or(false);
    if (auto policy = reader.one_of(node["on_router_error"], "routing.on_router_error",
                                    kRouterErrorPolicies)) {
        out.on_router_error =
            *policy == "fail" ? RouterErrorPolicy::Fail : RouterErrorPolicy::Fallback;
    }
    return out;
}

}  // namespace gw::config::detail
