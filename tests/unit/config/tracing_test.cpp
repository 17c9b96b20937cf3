// tracing and overrides: types, ranges, endpoint rules, typos that must not disable tracing.

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::expect_valid;
using testing::kMinimal;
using testing::load;
using testing::single_error;

std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

TEST(Tracing, ReadsEveryField) {
    const Config cfg = expect_valid(load(with("tracing:\n"
                                              "  random_sampling: 0.5\n"
                                              "  trace_arch_internal: true\n"
                                              "  opentracing_grpc_endpoint: https://otel:4317/\n"
                                              "  span_attributes:\n"
                                              "    header_prefixes: [x-team-, x-app-]\n"
                                              "    static:\n"
                                              "      env: prod\n"
                                              "      region: ${REGION}\n"
                                              "  exporters: []\n"),
                                         {{"REGION", "eu"}}));
    ASSERT_TRUE(cfg.tracing.has_value());
    const Tracing& t = *cfg.tracing;
    EXPECT_DOUBLE_EQ(t.random_sampling, 0.5);
    EXPECT_TRUE(t.trace_arch_internal);
    EXPECT_EQ(t.opentracing_grpc_endpoint, "https://otel:4317/");
    EXPECT_EQ(t.span_attributes.header_prefixes, (std::vector<std::string>{"x-team-", "x-app-"}));
    EXPECT_EQ(t.span_attributes.static_attributes,
              (StringPairs{{"env", "prod"}, {"region", "eu"}}));
}

TEST(Tracing, EndpointDefaultsToEnvThenLocalhost) {
    const Config local = expect_valid(load(with("tracing:\n  random_sampling: 100\n")));
    EXPECT_EQ(local.tracing->opentracing_grpc_endpoint, "http://localhost:4317");
    const Config from_env = expect_valid(load(with("tracing:\n  random_sampling: 100\n"),
                                              {{"OTEL_TRACING_GRPC_ENDPOINT", "http://c:4317"}}));
    EXPECT_EQ(from_env.tracing->opentracing_grpc_endpoint, "http://c:4317");
}

TEST(Tracing, TypoIsAnErrorNotSilentlyDisabledTracing) {
    EXPECT_EQ(single_error(load(with("tracing:\n  random_samplng: 10\n"))),
              "cfg.yaml:10:3: tracing.random_samplng: unknown key (did you mean "
              "'random_sampling'?)");
}

struct SectionErrorCase {
    std::string_view yaml;
    std::string_view expected;
};

class TracingErrors : public ::testing::TestWithParam<SectionErrorCase> {};

TEST_P(TracingErrors, ReportsKeyAndPosition) {
    EXPECT_EQ(single_error(load(with(GetParam().yaml))), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, TracingErrors,
    ::testing::Values(
        SectionErrorCase{"tracing:\n  random_sampling: x\n",
                         "cfg.yaml:10:20: tracing.random_sampling: expected a number, got 'x'"},
        SectionErrorCase{"tracing:\n  random_sampling: 101\n",
                         "cfg.yaml:10:20: tracing.random_sampling: 101 is out of range (expected "
                         "0..100)"},
        SectionErrorCase{"tracing:\n  random_sampling: -1\n",
                         "cfg.yaml:10:20: tracing.random_sampling: -1 is out of range (expected "
                         "0..100)"},
        SectionErrorCase{"tracing:\n  trace_arch_internal: on\n",
                         "cfg.yaml:10:24: tracing.trace_arch_internal: expected true or false, "
                         "got 'on'"},
        SectionErrorCase{"tracing:\n  opentracing_grpc_endpoint: grpc://otel:4317\n",
                         "cfg.yaml:10:30: tracing.opentracing_grpc_endpoint: Invalid "
                         "opentracing_grpc_endpoint grpc://otel:4317, scheme must be http or "
                         "https"},
        SectionErrorCase{"tracing:\n  opentracing_grpc_endpoint: http://otel:4317/v1/traces\n",
                         "cfg.yaml:10:30: tracing.opentracing_grpc_endpoint: Invalid "
                         "opentracing_grpc_endpoint http://otel:4317/v1/traces, path must be "
                         "empty"},
        SectionErrorCase{"tracing:\n  span_attributes:\n    header_prefix: [x-]\n",
                         "cfg.yaml:11:5: tracing.span_attributes.header_prefix: unknown key (did "
                         "you mean 'header_prefixes'?)"},
        SectionErrorCase{"tracing:\n  span_attributes:\n    static: [a]\n",
                         "cfg.yaml:11:13: tracing.span_attributes.static: expected a mapping, got "
                         "a list"},
        SectionErrorCase{"tracing:\n  exporters: {type: posthog}\n",
                         "cfg.yaml:10:14: tracing.exporters: expected a list, got a mapping"},
        SectionErrorCase{"tracing: 5\n",
                         "cfg.yaml:9:10: tracing: expected a mapping, got a scalar"}));

TEST(Overrides, DefaultsWhenAbsent) {
    const Config cfg = expect_valid(load(kMinimal));
    const Overrides defaults;
    EXPECT_EQ(cfg.overrides.upstream_connect_timeout, defaults.upstream_connect_timeout);
    EXPECT_EQ(cfg.overrides.max_request_body_bytes, defaults.max_request_body_bytes);
    EXPECT_EQ(cfg.overrides.worker_threads, 0);
}

TEST(Overrides, ReadsReferenceAndServerKeys) {
    const Config cfg =
        expect_valid(load(with("overrides:\n"
                               "  upstream_connect_timeout: 750ms\n"
                               "  upstream_tls_ca_path: /etc/ca.pem\n"
                               "  llm_routing_model: Plano-Orchestrator\n"
                               "  agent_orchestration_model: plano/Orch\n"
                               "  orchestrator_model_context_length: 4096\n"
                               "  use_agent_orchestrator: false\n"
                               "  disable_signals: true\n"
                               "  optimize_context_window: true\n"
                               "  prompt_target_intent_matching_threshold: 0.7\n"
                               "  max_request_body_bytes: 1000\n"
                               "  max_request_header_bytes: 2048\n"
                               "  max_connections: 5\n"
                               "  client_idle_timeout: 2m\n"
                               "  drain_timeout: 10\n"
                               "  worker_threads: 4\n")));
    const Overrides& o = cfg.overrides;
    EXPECT_EQ(o.upstream_connect_timeout, milliseconds(750));
    EXPECT_EQ(o.upstream_tls_ca_path, "/etc/ca.pem");
    EXPECT_EQ(o.llm_routing_model, "Plano-Orchestrator");
    EXPECT_EQ(o.agent_orchestration_model, "plano/Orch");
    EXPECT_TRUE(o.disable_signals);
    EXPECT_EQ(o.max_request_body_bytes, 1000u);
    EXPECT_EQ(o.max_request_header_bytes, 2048u);
    EXPECT_EQ(o.max_connections, 5u);
    EXPECT_EQ(o.client_idle_timeout, seconds(120));
    EXPECT_EQ(o.drain_timeout, seconds(10));
    EXPECT_EQ(o.worker_threads, 4);
}

class OverrideErrors : public ::testing::TestWithParam<SectionErrorCase> {};

TEST_P(OverrideErrors, ReportsKeyAndPosition) {
    EXPECT_EQ(single_error(load(with(GetParam().yaml))), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, OverrideErrors,
    ::testing::Values(
        SectionErrorCase{"overrides:\n  upstream_connect_timeout: fast\n",
                         "cfg.yaml:10:29: overrides.upstream_connect_timeout: invalid duration "
                         "'fast' (expected e.g. 300s, 250ms, 2m, 1h or a number of seconds)"},
        SectionErrorCase{"overrides:\n  max_connections: 0\n",
                         "cfg.yaml:10:20: overrides.max_connections: 0 is out of range (expected "
                         "1..9223372036854775807)"},
        SectionErrorCase{"overrides:\n  max_request_header_bytes: 10\n",
                         "cfg.yaml:10:29: overrides.max_request_header_bytes: 10 is out of range "
                         "(expected 1024..9223372036854775807)"},
        SectionErrorCase{"overrides:\n  worker_threads: many\n",
                         "cfg.yaml:10:19: overrides.worker_threads: expected an integer, got "
                         "'many'"},
        SectionErrorCase{"overrides:\n  disable_signal: true\n",
                         "cfg.yaml:10:3: overrides.disable_signal: unknown key (did you mean "
                         "'disable_signals'?)"},
        SectionErrorCase{"overrides:\n  prompt_target_intent_matching_threshold: 2\n",
                         "cfg.yaml:10:44: overrides.prompt_target_intent_matching_threshold: 2 is "
                         "out of range (expected 0..1)"}));

}  // namespace
}  // namespace gw::config
