// Preference routing end to end: the router model (a second mock, which answers router prompts by
// word matching) picks a route, its ranked models are tried in order, warm sessions keep their
// model (memory and a real Redis), and every decision is visible on the spans.

#include "gw/mock/mock_provider.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collecting_sink.hpp"
#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include "redis_server.hpp"
#include "scripted_upstream.hpp"
#include <algorithm>
#include <thread>

namespace gw::testing {
namespace {

using telemetry::Span;
using ::testing::HasSubstr;
using ::testing::Not;

// How many of `spans` have attribute `key` equal to `value`.
std::size_t count_with(const std::vector<Span>& spans, std::string_view key,
                       std::string_view value) {
    return static_cast<std::size_t>(std::count_if(spans.begin(), spans.end(), [&](const Span& s) {
        return attribute_text(s, key) == value;
    }));
}

std::string user_body(const std::string& model, const std::string& text) {
    return fmt::format(R"({{"model":"{}","messages":[{{"role":"user","content":"{}"}}]}})", model,
                       text);
}

// A follow-up turn of a conversation that began with "write python code".
std::string follow_up_body(const std::string& text) {
    return fmt::format(
        R"({{"model":"gpt-4o-mini","messages":[{{"role":"user","content":"write python code"}},)"
        R"({{"role":"assistant","content":"def f(): pass"}},{{"role":"user","content":"{}"}}]}})",
        text);
}

class RoutingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        mock_ = mock::MockProvider::start({});
        router_ = mock::MockProvider::start({});
        failing_ = mock::MockProvider::start({});
    }

    // gpt-4o-mini (default) and claude on `mock_`, gpt-4o on `failing_`, the router on `router_`.
    std::unique_ptr<RunningGateway> start(const std::string& extra = {},
                                          const std::string& routing = {}) {
        const std::string yaml = fmt::format(
            R"(version: v0.4.0
listeners:
  - name: llm
    type: model
    port: 12000
model_providers:
  - model: openai/gpt-4o-mini
    access_key: test-key
    base_url: {0}
    default: true
  - model: anthropic/claude-sonnet-4
    access_key: ant-key
    base_url: {0}
  - model: openai/gpt-4o
    access_key: test-key
    base_url: {1}
  - model: openai/router-model
    access_key: router-key
    base_url: {2}
routing_preferences:
  - name: code_generation
    description: writing python code
    models: [openai/gpt-4o, anthropic/claude-sonnet-4]
  - name: summarization
    description: summarizing documents
    models: [openai/gpt-4o-mini]
overrides:
  llm_routing_model: plano/router-model
  retry_backoff_base: 1ms
  retry_backoff_max: 5ms
tracing:
  random_sampling: 100
  trace_arch_internal: true
{3}{4})",
            mock_->base_url(), failing_->base_url(), router_->base_url(), extra, routing);
        return RunningGateway::start(yaml, {}, {}, app::GatewayOptions{&sink_});
    }

    // Starts the gateway with `catalog` serving `document` as its models.dev cost source.
    std::unique_ptr<RunningGateway> start_with_catalog(ScriptedUpstream& catalog,
                                                       const std::string& document,
                                                       const std::string& routing = {}) {
        std::thread serve([&catalog, &document] {
            catalog.receive_request();
            catalog.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(document.size()) + "\r\n\r\n" + document);
        });
        auto gw = start(
            "model_metrics_sources:\n  - type: cost\n    provider: models.dev\n"
            "    url: http://127.0.0.1:" +
                std::to_string(catalog.port()) + "/api.json\n",
            routing);
        serve.join();
        return gw;
    }

    // The models the provider mocks were asked for: mock_'s requests, then failing_'s.
    std::vector<std::string> served_models() {
        std::vector<std::string> out;
        for (auto* mock : {mock_.get(), failing_.get()}) {
            for (const auto& request : mock->requests()) {
                auto at = request.body.find(R"("model":")");
                if (at == std::string::npos) continue;
                at += 9;
                out.push_back(request.body.substr(at, request.body.find('"', at) - at));
            }
        }
        return out;
    }

    // The plano(llm) SERVER span (translate spans share its service name).
    static const Span* llm_span(const std::vector<Span>& spans) {
        for (const auto& s : spans) {
            if (s.kind == telemetry::SpanKind::Server) return &s;
        }
        return nullptr;
    }

    const Span* span_of(const std::vector<Span>& spans, std::string_view name) {
        for (const auto& s : spans) {
            if (s.name == name) return &s;
        }
        return nullptr;
    }

    std::unique_ptr<mock::MockProvider> mock_;
    std::unique_ptr<mock::MockProvider> router_;
    std::unique_ptr<mock::MockProvider> failing_;
    CollectingSink sink_;
};

TEST_F(RoutingTest, AMatchedRouteSendsTheRequestToItsFirstModel) {
    auto gw = start();
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions",
                              user_body("gpt-4o-mini", "write python code"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(served_models(), std::vector<std::string>{"gpt-4o"});
    auto router_calls = router_->requests();
    ASSERT_EQ(router_calls.size(), 1u);
    EXPECT_EQ(router_calls[0].headers.get("model"), "plano-orchestrator");
    EXPECT_EQ(router_calls[0].headers.get("authorization"), "Bearer router-key");
    EXPECT_THAT(router_calls[0].body, HasSubstr(R"("model":"router-model","temperature":0.01)"));
    EXPECT_THAT(router_calls[0].body, HasSubstr("<routes>"));

    auto spans = sink_.wait_for_server_span();
    const Span* routing = span_of(spans, "routing");
    ASSERT_NE(routing, nullptr);
    EXPECT_EQ(attribute_text(*routing, "route.selected_model"), "openai/gpt-4o");
    EXPECT_EQ(attribute_text(*routing, "routing.selection_reason"), "route_matched");
    EXPECT_EQ(attribute_text(*routing, "routing.candidates"), "<array>");
    const Span* llm = llm_span(spans);
    ASSERT_NE(llm, nullptr);
    EXPECT_EQ(attribute_text(*llm, "plano.route.name"), "code_generation");
    EXPECT_THAT(llm->name, HasSubstr("gpt-4o-mini -> openai/gpt-4o"));
    // The router call is a CLIENT span under the routing span.
    const Span* router_call = nullptr;
    for (const auto& s : spans) {
        if (s.parent_span_id == routing->span_id) router_call = &s;
    }
    ASSERT_NE(router_call, nullptr);
    EXPECT_EQ(router_call->kind, telemetry::SpanKind::Client);
    EXPECT_EQ(attribute_text(*router_call, "http.status_code"), "200");
}

TEST_F(RoutingTest, NoMatchingRouteKeepsTheRequestedModel) {
    auto gw = start();
    ASSERT_TRUE(gw);
    EXPECT_EQ(
        http_post(gw->port(), "/v1/chat/completions", user_body("gpt-4o-mini", "hi there")).status,
        200);
    EXPECT_EQ(served_models(), std::vector<std::string>{"gpt-4o-mini"});
    auto spans = sink_.wait_for_server_span();
    const Span* routing = span_of(spans, "routing");
    ASSERT_NE(routing, nullptr);
    EXPECT_EQ(attribute_text(*routing, "routing.selection_reason"), "no_route");
}

TEST_F(RoutingTest, ARouterFailureFallsBackToTheRequestedModelByDefault) {
    auto gw = start();
    ASSERT_TRUE(gw);
    router_->fail_next(1, 503);
    auto response = http_post(gw->port(), "/v1/chat/completions",
                              user_body("gpt-4o-mini", "write python code"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(served_models(), std::vector<std::string>{"gpt-4o-mini"});
    auto spans = sink_.wait_for_server_span();
    const Span* routing = span_of(spans, "routing");
    ASSERT_NE(routing, nullptr);
    EXPECT_EQ(attribute_text(*routing, "routing.selection_reason"), "router_error_fallback");
    EXPECT_EQ(attribute_text(*routing, "route.selected_model"), "unknown");
    EXPECT_THAT(attribute_text(*routing, "routing.error"), HasSubstr("Upstream returned 503"));
}

TEST_F(RoutingTest, ARouterFailureIs500WhenThePolicyIsFail) {
    auto gw = start({}, "routing:\n  on_router_error: fail\n");
    ASSERT_TRUE(gw);
    router_->fail_next(1, 503);
    auto response = http_post(gw->port(), "/v1/chat/completions",
                              user_body("gpt-4o-mini", "write python code"));
    EXPECT_EQ(response.status, 500);
    EXPECT_THAT(response.body, HasSubstr("Failed to determine route: Upstream returned 503"));
    EXPECT_TRUE(served_models().empty());
}

TEST_F(RoutingTest, InlinePreferencesReplaceTheConfiguredOnesAndAreNotForwarded) {
    auto gw = start();
    ASSERT_TRUE(gw);
    const std::string body =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"translate french poetry"}],)"
        R"("routing_preferences":[{"name":"translation","description":"translate french text",)"
        R"("models":["anthropic/claude-sonnet-4"]}]})";
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", body).status, 200);
    auto served = mock_->requests();
    ASSERT_EQ(served.size(), 1u);
    EXPECT_EQ(served[0].target, "/v1/messages");
    EXPECT_THAT(served[0].body, Not(HasSubstr("routing_preferences")));
    EXPECT_THAT(router_->requests().at(0).body, HasSubstr("translation"));
}

TEST_F(RoutingTest, MalformedInlinePreferencesAre400) {
    auto gw = start();
    ASSERT_TRUE(gw);
    const std::string body =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],)"
        R"("routing_preferences":[{"name":"a","description":"b","models":[]}]})";
    auto response = http_post(gw->port(), "/v1/chat/completions", body);
    EXPECT_EQ(response.status, 400);
    EXPECT_THAT(response.body, HasSubstr("routing_preferences[0].models"));
}

TEST_F(RoutingTest, AFailingRouteModelFallsBackToTheNextOne) {
    auto gw = start();
    ASSERT_TRUE(gw);
    failing_->fail_next(100, 503);
    auto response = http_post(gw->port(), "/v1/chat/completions",
                              user_body("gpt-4o-mini", "write python code"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(failing_->requests().size(), 1u);
    ASSERT_EQ(mock_->requests().size(), 1u);
    EXPECT_EQ(mock_->requests()[0].target, "/v1/messages");  // claude, natively
    auto spans = sink_.wait_for_server_span();
    const Span* llm = llm_span(spans);
    ASSERT_NE(llm, nullptr);
    EXPECT_EQ(attribute_text(*llm, "plano.upstream.attempts"), "2");
    EXPECT_EQ(attribute_text(*llm, "http.status_code"), "200");
}

TEST_F(RoutingTest, CheapestRanksTheRouteModelsByCatalogPrices) {
    // A models.dev document in which claude is the cheaper of the route's two models.
    ScriptedUpstream catalog;
    auto gw = start_with_catalog(
        catalog, R"({"openai":{"models":{"gpt-4o":{"cost":{"input":5,"output":15}}}},)"
                 R"("anthropic":{"models":{"claude-sonnet-4":{"cost":{"input":1,"output":2}}}}})");
    ASSERT_TRUE(gw);
    const std::string body =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"write python code"}],)"
        R"("routing_preferences":[{"name":"code","description":"write python code",)"
        R"("models":["openai/gpt-4o","anthropic/claude-sonnet-4"],)"
        R"("selection_policy":{"prefer":"cheapest"}}]})";
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", body).status, 200);
    ASSERT_EQ(mock_->requests().size(), 1u);
    EXPECT_EQ(mock_->requests()[0].target, "/v1/messages");
    EXPECT_TRUE(failing_->requests().empty());
    auto spans = sink_.wait_for_server_span();
    const Span* routing = span_of(spans, "routing");
    ASSERT_NE(routing, nullptr);
    EXPECT_EQ(attribute_text(*routing, "routing.selection_policy"), "cheapest");
    EXPECT_EQ(attribute_text(*routing, "route.selected_model"), "anthropic/claude-sonnet-4");
}

// Affinity: the second turn's router answer is "summarization" (gpt-4o-mini), but the warm
// session stays on gpt-4o, where the first turn went.
void expect_session_sticks(RunningGateway& gw, const Headers& session,
                           const std::function<std::vector<std::string>()>& served) {
    EXPECT_EQ(http_post(gw.port(), "/v1/chat/completions",
                        user_body("gpt-4o-mini", "write python code"), session)
                  .status,
              200);
    EXPECT_EQ(http_post(gw.port(), "/v1/chat/completions",
                        follow_up_body("now summarizing documents"), session)
                  .status,
              200);
    EXPECT_EQ(served(), (std::vector<std::string>{"gpt-4o", "gpt-4o"}));
}

TEST_F(RoutingTest, AWarmSessionKeepsItsModelInMemory) {
    auto gw = start();
    ASSERT_TRUE(gw);
    Headers session;
    session.add("x-model-affinity", "session-1");
    expect_session_sticks(*gw, session, [this] { return served_models(); });
    auto spans = sink_.wait_for(8);
    std::size_t retained = 0;
    for (const auto& s : spans) {
        if (s.service_name == "plano(llm)" &&
            attribute_text(s, "plano.switch.decision") == "retained") {
            ++retained;
            EXPECT_EQ(attribute_text(s, "plano.session_id"), "session-1");
            EXPECT_EQ(attribute_text(s, "plano.cache.warm"), "true");
        }
    }
    EXPECT_EQ(retained, 1u);
    const std::string page = http_get(gw->port(), "/metrics").body;
    EXPECT_THAT(page, HasSubstr(R"(plano_router_decisions_total{reason="route_matched",)"
                                R"(selected_model="openai/gpt-4o"} 1)"));
    EXPECT_THAT(page, HasSubstr(R"(plano_router_decisions_total{reason="session_retained",)"
                                R"(selected_model="openai/gpt-4o"} 1)"));
    EXPECT_THAT(page, HasSubstr(R"(plano_session_switch_decisions_total{decision="retained",)"
                                R"(reason="retained"} 1)"));
    EXPECT_THAT(page, HasSubstr(R"(plano_session_cache_events_total{outcome="hit"} 1)"));
}

TEST_F(RoutingTest, ARoutingBudgetLetsAWarmSessionMoveToACheaperModel) {
    ScriptedUpstream catalog;
    auto gw =
        start_with_catalog(catalog,
                           R"({"openai":{"models":{"gpt-4o":{"cost":{"input":10,"output":30}},)"
                           R"("gpt-4o-mini":{"cost":{"input":0.1,"output":0.4}}}}})",
                           "routing:\n  routing_budget:\n    max_switch_spend_pct: 10\n");
    ASSERT_TRUE(gw);
    Headers session;
    session.add("x-model-affinity", "budget-session");
    http_post(gw->port(), "/v1/chat/completions", user_body("gpt-4o-mini", "write python code"),
              session);
    http_post(gw->port(), "/v1/chat/completions", follow_up_body("now summarizing documents"),
              session);
    // Re-reading the context on gpt-4o-mini costs less than gpt-4o's cached rate: a free switch.
    EXPECT_EQ(served_models(), (std::vector<std::string>{"gpt-4o-mini", "gpt-4o"}));
    auto spans = sink_.wait_for(8);
    EXPECT_EQ(count_with(spans, "plano.switch.decision", "free"), 1u);
}

TEST_F(RoutingTest, WithoutASessionEveryTurnFollowsTheRouter) {
    auto gw = start();
    ASSERT_TRUE(gw);
    http_post(gw->port(), "/v1/chat/completions", user_body("gpt-4o-mini", "write python code"));
    http_post(gw->port(), "/v1/chat/completions", follow_up_body("now summarizing documents"));
    EXPECT_EQ(served_models(), (std::vector<std::string>{"gpt-4o-mini", "gpt-4o"}));
}

TEST_F(RoutingTest, RouteOnUserOnlyReplaysTheDecisionForAToolResult) {
    auto gw = start({}, "routing:\n  route_on_user_only: true\n");
    ASSERT_TRUE(gw);
    // No affinity header: the implicit session (first user message) carries the decision.
    EXPECT_EQ(
        http_post(gw->port(), "/v1/chat/completions", user_body("gpt-4o-mini", "write python code"))
            .status,
        200);
    const std::string tool_turn =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"write python code"},)"
        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
        R"("function":{"name":"run","arguments":"{}"}}]},)"
        R"({"role":"tool","tool_call_id":"call_1","content":"summarizing documents done"}]})";
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", tool_turn).status, 200);
    EXPECT_EQ(router_->requests().size(), 1u);  // the tool result asked no router
    EXPECT_EQ(served_models(), (std::vector<std::string>{"gpt-4o", "gpt-4o"}));
    // 4 spans for the routed turn (routing, router call, outbound, llm), 3 for the replayed one.
    auto spans = sink_.wait_for(7);
    EXPECT_EQ(count_with(spans, "plano.routing.skipped", "not_user_turn"), 1u);
}

TEST_F(RoutingTest, TenantsDoNotShareSessions) {
    auto gw = start({}, "routing:\n  session_cache:\n    tenant_header: x-tenant\n");
    ASSERT_TRUE(gw);
    Headers tenant_a;
    tenant_a.add("x-model-affinity", "shared-id");
    tenant_a.add("x-tenant", "a");
    Headers tenant_b = tenant_a;
    tenant_b.set("x-tenant", "b");
    http_post(gw->port(), "/v1/chat/completions", user_body("gpt-4o-mini", "write python code"),
              tenant_a);
    // Tenant b's first turn under the same id is cold: it follows its own router answer.
    http_post(gw->port(), "/v1/chat/completions", follow_up_body("now summarizing documents"),
              tenant_b);
    EXPECT_EQ(served_models(), (std::vector<std::string>{"gpt-4o-mini", "gpt-4o"}));
}

TEST_F(RoutingTest, AWarmSessionKeepsItsModelInRedis) {
    auto redis = RedisServer::start();
    ASSERT_TRUE(redis) << redis.error().message;
    auto gw = start(
        {}, "routing:\n  session_cache:\n    type: redis\n    url: " + (*redis)->url() + "\n");
    ASSERT_TRUE(gw);
    Headers session;
    session.add("x-model-affinity", "redis-session");
    expect_session_sticks(*gw, session, [this] { return served_models(); });
    // A second gateway on the same Redis sees the binding.
    auto other = start(
        {}, "routing:\n  session_cache:\n    type: redis\n    url: " + (*redis)->url() + "\n");
    ASSERT_TRUE(other);
    EXPECT_EQ(http_post(other->port(), "/v1/chat/completions",
                        follow_up_body("now summarizing documents"), session)
                  .status,
              200);
    EXPECT_EQ(served_models(), (std::vector<std::string>{"gpt-4o", "gpt-4o", "gpt-4o"}));
}

TEST_F(RoutingTest, TheRoutingApiAnswersWithTheDecisionAndCallsNoModel) {
    auto gw = start();
    ASSERT_TRUE(gw);
    Headers headers;
    headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    headers.add("x-model-affinity", "api-session");
    auto response = http_post(gw->port(), "/routing/v1/chat/completions",
                              user_body("gpt-4o-mini", "write python code"), headers);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(
        response.body,
        R"({"models":["openai/gpt-4o","anthropic/claude-sonnet-4"],"route":"code_generation",)"
        R"("trace_id":"0af7651916cd43dd8448eb211c80319c","session_id":"api-session",)"
        R"("pinned":false,"switched":false})");
    EXPECT_TRUE(served_models().empty());
    EXPECT_EQ(router_->requests().size(), 1u);
    auto spans = sink_.wait_for_server_span();
    const Span* server = llm_span(spans);
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(server->name, "routing_decision");
    EXPECT_EQ(server->service_name, "plano(routing)");
}

TEST_F(RoutingTest, TheRoutingApiSaysNoneWithoutAMatchAndAcceptsMessages) {
    auto gw = start();
    ASSERT_TRUE(gw);
    const std::string body =
        R"({"model":"claude-sonnet-4","max_tokens":10,"messages":[{"role":"user","content":"hi"}]})";
    auto response = http_post(gw->port(), "/routing/v1/messages", body);
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr(R"({"models":["none"],"route":null,"trace_id":")"));
}

TEST_F(RoutingTest, TheRoutingApiReportsBadRequestsAndRouterFailures) {
    auto gw = start({}, "routing:\n  on_router_error: fail\n");
    ASSERT_TRUE(gw);
    auto bad = http_post(gw->port(), "/routing/v1/chat/completions", "{not json");
    EXPECT_EQ(bad.status, 400);
    EXPECT_THAT(bad.body, HasSubstr(R"({"error":{"code":"InvalidRequest","message":")"));
    router_->fail_next(1, 502);
    auto failed = http_post(gw->port(), "/routing/v1/responses",
                            R"({"model":"gpt-4o-mini","input":"write python code"})");
    EXPECT_EQ(failed.status, 500);
    EXPECT_THAT(failed.body, HasSubstr(R"("code":"InternalServerError")"));
    EXPECT_THAT(failed.body, HasSubstr("Upstream returned 502"));
    EXPECT_EQ(http_get(gw->port(), "/routing/v1/messages").status, 405);
}

}  // namespace
}  // namespace gw::testing
