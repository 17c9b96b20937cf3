// The `routing` block (sessions, session cache, routing budget, router-error policy) and
// `model_metrics_sources`, with the checks that relate them to routing_preferences.

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using testing::error_strings;
using testing::expect_valid;
using ::testing::HasSubstr;
using testing::kMinimal;
using testing::load;
using testing::single_error;

std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

constexpr std::string_view kCostSource =
    "model_metrics_sources:\n"
    "  - type: cost\n"
    "    provider: models.dev\n"
    "    refresh_interval: 3600\n"
    "    model_aliases:\n"
    "      openai/gpt-4o-2024: openai/gpt-4o\n";

TEST(RoutingBlock, DefaultsWhenAbsent) {
    const Config cfg = expect_valid(load(kMinimal));
    EXPECT_FALSE(cfg.routing.route_on_user_only);
    EXPECT_EQ(cfg.routing.session_ttl, std::chrono::seconds(600));
    EXPECT_EQ(cfg.routing.session_max_entries, 10000u);
    EXPECT_EQ(cfg.routing.session_cache.type, SessionCacheType::Memory);
    EXPECT_FALSE(cfg.routing.routing_budget.has_value());
    EXPECT_EQ(cfg.routing.on_router_error, RouterErrorPolicy::Fallback);
    EXPECT_EQ(cfg.overrides.orchestrator_model_context_length, 8192u);
    EXPECT_EQ(cfg.overrides.retry_backoff_base, std::chrono::milliseconds(500));
    EXPECT_EQ(cfg.overrides.retry_backoff_max, std::chrono::seconds(5));
}

TEST(RoutingBlock, ReadsEveryKey) {
    const Config cfg = expect_valid(
        load(with(std::string(kCostSource) + "routing:\n"
                                             "  route_on_user_only: true\n"
                                             "  session_ttl_seconds: 120\n"
                                             "  session_max_entries: 50\n"
                                             "  on_router_error: fail\n"
                                             "  session_cache:\n"
                                             "    type: redis\n"
                                             "    url: redis://cache:6379/2\n"
                                             "    tenant_header: x-tenant\n"
                                             "  routing_budget:\n"
                                             "    max_switch_spend_pct: 12.5\n"
                                             "    replenish_on_rebind: false\n"
                                             "    cache_read_discount: 0.25\n"
                                             "    record_counterfactual: true\n"
                                             "overrides:\n"
                                             "  orchestrator_model_context_length: 4096\n"
                                             "  retry_backoff_base: 10ms\n"
                                             "  retry_backoff_max: 1s\n")));
    const Routing& r = cfg.routing;
    EXPECT_TRUE(r.route_on_user_only);
    EXPECT_EQ(r.session_ttl, std::chrono::seconds(120));
    EXPECT_EQ(r.session_max_entries, 50u);
    EXPECT_EQ(r.on_router_error, RouterErrorPolicy::Fail);
    EXPECT_EQ(r.session_cache.type, SessionCacheType::Redis);
    EXPECT_EQ(r.session_cache.url, "redis://cache:6379/2");
    EXPECT_EQ(r.session_cache.tenant_header, "x-tenant");
    ASSERT_TRUE(r.routing_budget.has_value());
    EXPECT_DOUBLE_EQ(r.routing_budget->max_switch_spend_pct, 12.5);
    EXPECT_FALSE(r.routing_budget->replenish_on_rebind);
    EXPECT_DOUBLE_EQ(r.routing_budget->cache_read_discount, 0.25);
    EXPECT_TRUE(r.routing_budget->record_counterfactual);
    EXPECT_EQ(cfg.overrides.orchestrator_model_context_length, 4096u);
    EXPECT_EQ(cfg.overrides.retry_backoff_base, std::chrono::milliseconds(10));
    EXPECT_EQ(cfg.overrides.retry_backoff_max, std::chrono::seconds(1));
    ASSERT_TRUE(cfg.model_metrics_sources.cost.has_value());
    EXPECT_EQ(cfg.model_metrics_sources.cost->provider, "models.dev");
    EXPECT_EQ(cfg.model_metrics_sources.cost->refresh_interval, std::chrono::seconds(3600));
    ASSERT_EQ(cfg.model_metrics_sources.cost->model_aliases.size(), 1u);
    EXPECT_EQ(cfg.model_metrics_sources.cost->model_aliases[0].second, "openai/gpt-4o");
}

TEST(RoutingBlock, RedisNeedsAUrl) {
    EXPECT_THAT(single_error(load(with("routing:\n  session_cache:\n    type: redis\n"))),
                HasSubstr("routing.session_cache.url"));
}

TEST(RoutingBlock, RedisUrlSchemeIsChecked) {
    EXPECT_THAT(single_error(load(with("routing:\n  session_cache:\n    type: redis\n"
                                       "    url: http://cache:6379\n"))),
                HasSubstr("must start with redis:// or rediss://"));
}

TEST(RoutingBlock, UnknownKeysAreErrorsWithAHint) {
    EXPECT_THAT(single_error(load(with("routing:\n  route_on_user: true\n"))),
                HasSubstr("route_on_user_only"));
}

TEST(RoutingBlock, SessionEntriesAreCapped) {
    EXPECT_THAT(single_error(load(with("routing:\n  session_max_entries: 10001\n"))),
                HasSubstr("routing.session_max_entries"));
}

TEST(RoutingBlock, BudgetNeedsACostSource) {
    EXPECT_THAT(single_error(load(with("routing:\n  routing_budget:\n"
                                       "    max_switch_spend_pct: 10\n"))),
                HasSubstr("add a model_metrics_sources entry with type: cost"));
}

TEST(RoutingBlock, BudgetPercentIsBounded) {
    EXPECT_THAT(
        single_error(load(with(std::string(kCostSource) + "routing:\n  routing_budget:\n"
                                                          "    max_switch_spend_pct: 101\n"))),
        HasSubstr("max_switch_spend_pct"));
}

TEST(MetricsSources, LatencySourceNeedsUrlAndQuery) {
    const auto result =
        load(with("model_metrics_sources:\n"
                  "  - type: latency\n"
                  "    provider: prometheus\n"));
    EXPECT_EQ(error_strings(result).size(), 2u);
}

TEST(MetricsSources, AtMostOneOfEachType) {
    EXPECT_THAT(single_error(load(with(std::string(kCostSource) +
                                       "  - type: cost\n    provider: digitalocean\n"))),
                HasSubstr("only one model_metrics_sources entry of type cost"));
}

TEST(MetricsSources, PreferenceNeedsItsSource) {
    EXPECT_THAT(single_error(load(with("routing_preferences:\n"
                                       "  - name: code\n"
                                       "    description: writing code\n"
                                       "    models: [openai/gpt-4o]\n"
                                       "    selection_policy:\n"
                                       "      prefer: fastest\n"))),
                HasSubstr("no model_metrics_sources entry of type latency"));
}

TEST(MetricsSources, LatencySourceIsRead) {
    const Config cfg =
        expect_valid(load(with("model_metrics_sources:\n"
                               "  - type: latency\n"
                               "    provider: prometheus\n"
                               "    url: http://prom:9090\n"
                               "    query: model_latency_p95\n")));
    ASSERT_TRUE(cfg.model_metrics_sources.latency.has_value());
    EXPECT_EQ(cfg.model_metrics_sources.latency->url, "http://prom:9090");
    EXPECT_EQ(cfg.model_metrics_sources.latency->query, "model_latency_p95");
    EXPECT_FALSE(cfg.model_metrics_sources.latency->refresh_interval.has_value());
}

}  // namespace
}  // namespace gw::config
