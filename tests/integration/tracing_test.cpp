// Spans of model requests, captured in-process: names, kinds, parents, attributes, sampling and
// W3C context propagation to the provider.

#include "gw/mock/mock_provider.hpp"
#include "gw/telemetry/span_sink.hpp"
#include "gw/telemetry/trace_context.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collecting_sink.hpp"
#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace gw::testing {
namespace {

using telemetry::Span;
using ::testing::HasSubstr;

std::string text(const Span& span, std::string_view key) { return attribute_text(span, key); }

class TracingTest : public ::testing::Test {
  protected:
    void SetUp() override { mock_ = mock::MockProvider::start({}); }

    // `yaml` may begin with more provider entries; it ends with the tracing section.
    std::unique_ptr<RunningGateway> start(const std::string& yaml) {
        std::string extra = yaml.starts_with("  - ") ? yaml
                                                     : "model_aliases:\n  fast:\n"
                                                       "    target: openai/gpt-4o-mini\n" +
                                                           yaml;
        return RunningGateway::start(single_provider_yaml(mock_->base_url(), extra), {}, {},
                                     app::GatewayOptions{&sink_});
    }

    // Also an Anthropic provider on the mock, so requests can cross APIs.
    std::unique_ptr<RunningGateway> start_with_anthropic(const std::string& tracing_yaml) {
        return start(
            "  - model: anthropic/claude-sonnet-4\n    access_key: ant-key\n"
            "    base_url: " +
            mock_->base_url() + "\n" + tracing_yaml);
    }

    std::unique_ptr<mock::MockProvider> mock_;
    CollectingSink sink_;
};

constexpr const char* kFullTracing =
    "tracing:\n  random_sampling: 100\n  span_attributes:\n    header_prefixes: [x-katanemo-]\n"
    "    static:\n      environment: test\n      user.id: static-user\n";

TEST_F(TracingTest, LlmAndOutboundSpansWithAttributesAndPropagation) {
    auto gw = start(kFullTracing);
    ASSERT_TRUE(gw);
    Headers headers;
    headers.add("x-katanemo-user-id", "u-42");
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("fast"), headers);
    ASSERT_EQ(response.status, 200);
    auto spans = sink_.wait_for(2);
    ASSERT_EQ(spans.size(), 2u);
    const Span* llm = find_service(spans, "plano(llm)");
    const Span* outbound = find_service(spans, "plano(outbound)");
    ASSERT_TRUE(llm && outbound);

    EXPECT_EQ(llm->name, "POST /v1/chat/completions fast -> openai/gpt-4o-mini");
    EXPECT_EQ(llm->kind, telemetry::SpanKind::Server);
    EXPECT_FALSE(llm->parent_span_id.has_value());
    EXPECT_EQ(text(*llm, "http.status_code"), "200");
    EXPECT_EQ(text(*llm, "llm.model"), "gpt-4o-mini");  // the model the provider reported
    EXPECT_EQ(text(*llm, "gen_ai.provider.name"), "openai");
    EXPECT_EQ(text(*llm, "gen_ai.request.model"), "gpt-4o-mini");
    EXPECT_EQ(text(*llm, "llm.temperature"), "0.7");
    EXPECT_NE(text(*llm, "gen_ai.usage.input_tokens"), "<missing>");
    EXPECT_EQ(text(*llm, "gen_ai.usage.output_tokens"), text(*llm, "llm.usage.completion_tokens"));
    EXPECT_THAT(response.body,
                HasSubstr("\"completion_tokens\":" + text(*llm, "llm.usage.completion_tokens")));
    EXPECT_NE(text(*llm, "llm.time_to_first_token"), "<missing>");
    EXPECT_EQ(text(*llm, "environment"), "test");
    EXPECT_EQ(text(*llm, "user.id"), "u-42");  // the header overrides the static value
    EXPECT_EQ(llm->status.code, telemetry::StatusCode::Unset);

    EXPECT_EQ(outbound->kind, telemetry::SpanKind::Client);
    EXPECT_EQ(outbound->trace_id, llm->trace_id);
    ASSERT_TRUE(outbound->parent_span_id.has_value());
    EXPECT_EQ(*outbound->parent_span_id, llm->span_id);
    EXPECT_EQ(outbound->name, "POST 127.0.0.1/v1/chat/completions");
    EXPECT_EQ(text(*outbound, "user.id"), "u-42");

    auto requests = mock_->requests();  // owns the header strings the view below points into
    auto upstream = requests.at(0).headers.get("traceparent");
    ASSERT_TRUE(upstream.has_value());
    EXPECT_EQ(*upstream, telemetry::format_traceparent(llm->trace_id, outbound->span_id, true));
}

TEST_F(TracingTest, RequestDetailsToolsPreviewFinishReasonAndRequestId) {
    auto gw = start(kFullTracing);
    ASSERT_TRUE(gw);
    std::string body =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"What is the weather )"
        R"(like in Lisbon today, and should I bring an umbrella?"}],"tools":[{"type":"function",)"
        R"("function":{"name":"get_weather","parameters":{"type":"object"}}}]})";
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", body).status, 200);
    Headers with_id;
    with_id.add("x-request-id", "req-123");
    std::string stream =
        R"({"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]})";
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", stream, with_id).status, 200);
    auto spans = sink_.wait_for(4);
    std::vector<const Span*> llm;
    for (const auto& span : spans) {
        if (span.service_name == "plano(llm)") llm.push_back(&span);
    }
    ASSERT_EQ(llm.size(), 2u);
    const Span* plain = text(*llm[0], "llm.is_streaming") == "false" ? llm[0] : llm[1];
    const Span* streamed = plain == llm[0] ? llm[1] : llm[0];

    EXPECT_EQ(text(*plain, "llm.tools"), "get_weather(...)");
    EXPECT_EQ(text(*plain, "llm.user_message_preview"),
              "What is the weather like in Lisbon today, and shou...");
    EXPECT_EQ(text(*plain, "service.name.override"), "plano(llm)");
    EXPECT_THAT(text(*plain, "request_id"),
                ::testing::MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                        "[0-9a-f]{12}"));
    const auto reasons = plain->attributes.find("gen_ai.response.finish_reasons");
    ASSERT_TRUE(reasons);
    EXPECT_EQ(std::get<telemetry::StringArray>(*reasons), telemetry::StringArray{"stop"});

    EXPECT_EQ(text(*streamed, "request_id"), "req-123");
    EXPECT_EQ(text(*streamed, "llm.tools"), "<missing>");
    EXPECT_EQ(text(*streamed, "llm.user_message_preview"), "hi");
    const auto stream_reasons = streamed->attributes.find("gen_ai.response.finish_reasons");
    ASSERT_TRUE(stream_reasons);
    EXPECT_EQ(std::get<telemetry::StringArray>(*stream_reasons), telemetry::StringArray{"stop"});
}

TEST_F(TracingTest, TraceArchInternalAddsTheRoutingSpanUnderTheLlmSpan) {
    auto gw = start(std::string(kFullTracing) + "  trace_arch_internal: true\n");
    ASSERT_TRUE(gw);
    Headers headers;
    headers.add("x-katanemo-user-id", "u-7");
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("fast"), headers).status,
              200);
    auto spans = sink_.wait_for(3);
    ASSERT_EQ(spans.size(), 3u);
    const Span* llm = find_service(spans, "plano(llm)");
    const Span* routing = find_service(spans, "plano(routing)");
    ASSERT_TRUE(llm && routing);
    EXPECT_EQ(routing->name, "routing");
    EXPECT_EQ(routing->kind, telemetry::SpanKind::Internal);
    EXPECT_EQ(routing->trace_id, llm->trace_id);
    ASSERT_TRUE(routing->parent_span_id.has_value());
    EXPECT_EQ(*routing->parent_span_id, llm->span_id);
    EXPECT_EQ(text(*routing, "component"), "routing");
    EXPECT_EQ(text(*routing, "http.target"), "/v1/chat/completions");
    EXPECT_EQ(text(*routing, "model.requested"), "fast");
    EXPECT_EQ(text(*routing, "model.alias_resolved"), "openai/gpt-4o-mini");
    EXPECT_EQ(text(*routing, "route.selected_model"), "none");
    EXPECT_NE(text(*routing, "routing.determination_ms"), "<missing>");
    EXPECT_EQ(text(*routing, "user.id"), "u-7");  // custom attributes on every span
    EXPECT_LE(llm->start_time, routing->start_time);
    EXPECT_LE(routing->end_time, llm->end_time);
}

TEST_F(TracingTest, WithoutTraceArchInternalThereIsNoRoutingSpan) {
    auto gw = start(std::string(kFullTracing) + "  trace_arch_internal: false\n");
    ASSERT_TRUE(gw);
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("fast")).status, 200);
    // The llm span ends last: once it is here, every span of the request is.
    auto spans = sink_.wait_for_service("plano(llm)");
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(find_service(spans, "plano(routing)"), nullptr);
}

TEST_F(TracingTest, TranslatedChatToAnthropicReportsTheClientsUsageAndTheUpstreamApi) {
    auto gw = start_with_anthropic(kFullTracing);
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("claude-sonnet-4"));
    ASSERT_EQ(response.status, 200) << response.body;
    auto spans = sink_.wait_for_service("plano(llm)");
    const Span* llm = find_service(spans, "plano(llm)");
    const Span* outbound = find_service(spans, "plano(outbound)");
    ASSERT_TRUE(llm && outbound);
    EXPECT_EQ(text(*llm, "plano.upstream_api"), "anthropic_messages");
    EXPECT_THAT(outbound->name, HasSubstr("/v1/messages"));
    EXPECT_THAT(response.body,
                HasSubstr("\"prompt_tokens\":" + text(*llm, "llm.usage.prompt_tokens") + ","));
    EXPECT_THAT(
        response.body,
        HasSubstr("\"completion_tokens\":" + text(*llm, "gen_ai.usage.output_tokens") + ","));
    EXPECT_EQ(text(*llm, "gen_ai.response.finish_reasons"), "<array>");
}

TEST_F(TracingTest, TranslatedChatStreamKeepsUsageOnTheSpanWithoutTheUsageChunk) {
    auto gw = start_with_anthropic(kFullTracing);
    ASSERT_TRUE(gw);
    auto response =
        http_post(gw->port(), "/v1/chat/completions", chat_body("claude-sonnet-4", true));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, ::testing::Not(HasSubstr(R"("usage")")));
    auto spans = sink_.wait_for_service("plano(llm)");
    const Span* llm = find_service(spans, "plano(llm)");
    ASSERT_TRUE(llm);
    EXPECT_NE(text(*llm, "llm.usage.prompt_tokens"), "<missing>");
    EXPECT_NE(text(*llm, "llm.usage.completion_tokens"), "<missing>");
    EXPECT_NE(text(*llm, "llm.usage.completion_tokens"), "0");
}

TEST_F(TracingTest, TranslatedMessagesStreamFromChatCarriesRealUsage) {
    auto gw = start_with_anthropic(kFullTracing);
    ASSERT_TRUE(gw);
    std::string body = R"({"model":"gpt-4o-mini","max_tokens":32,"stream":true,)"
                       R"("messages":[{"role":"user","content":"count to three"}]})";
    auto response = http_post(gw->port(), "/v1/messages", body);
    ASSERT_EQ(response.status, 200) << response.body;
    auto spans = sink_.wait_for_service("plano(llm)");
    const Span* llm = find_service(spans, "plano(llm)");
    ASSERT_TRUE(llm);
    EXPECT_EQ(text(*llm, "plano.upstream_api"), "openai_chat");
    const std::string output = text(*llm, "llm.usage.completion_tokens");
    ASSERT_NE(output, "<missing>");
    EXPECT_NE(output, "0");
    EXPECT_THAT(response.body, HasSubstr("\"output_tokens\":" + output));
    EXPECT_EQ(text(*llm, "llm.response_bytes"), std::to_string(response.body.size()));
}

TEST_F(TracingTest, TraceArchInternalAddsATranslateSpanForTranslatedRequests) {
    auto gw = start_with_anthropic(std::string(kFullTracing) + "  trace_arch_internal: true\n");
    ASSERT_TRUE(gw);
    ASSERT_EQ(http_post(gw->port(), "/v1/responses", R"({"model":"claude-sonnet-4","input":"hi"})")
                  .status,
              200);
    auto spans = sink_.wait_for(4);  // llm, routing, translate, outbound
    ASSERT_EQ(spans.size(), 4u);
    auto llm = std::find_if(spans.begin(), spans.end(),
                            [](const Span& s) { return s.kind == telemetry::SpanKind::Server; });
    ASSERT_NE(llm, spans.end());
    auto translate = std::find_if(spans.begin(), spans.end(),
                                  [](const Span& s) { return s.name == "translate"; });
    ASSERT_NE(translate, spans.end());
    EXPECT_EQ(translate->kind, telemetry::SpanKind::Internal);
    ASSERT_TRUE(translate->parent_span_id.has_value());
    EXPECT_EQ(*translate->parent_span_id, llm->span_id);
    EXPECT_EQ(text(*translate, "translation.from"), "openai_responses");
    EXPECT_EQ(text(*translate, "translation.to"), "anthropic_messages");
    EXPECT_EQ(text(*translate, "user.id"), "static-user");
}

TEST_F(TracingTest, ClientTraceparentIsTheParentAndTracestatePassesOn) {
    auto gw = start(kFullTracing);
    ASSERT_TRUE(gw);
    Headers headers;
    headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    headers.add("tracestate", "vendor=abc");
    ASSERT_EQ(
        http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"), headers).status,
        200);
    auto spans = sink_.wait_for(2);
    const Span* llm = find_service(spans, "plano(llm)");
    ASSERT_TRUE(llm);
    EXPECT_EQ(llm->trace_id.to_hex(), "0af7651916cd43dd8448eb211c80319c");
    ASSERT_TRUE(llm->parent_span_id.has_value());
    EXPECT_EQ(llm->parent_span_id->to_hex(), "b7ad6b7169203331");
    EXPECT_EQ(llm->name, "POST /v1/chat/completions gpt-4o-mini");
    EXPECT_EQ(mock_->requests().at(0).headers.get("tracestate"), "vendor=abc");
}

TEST_F(TracingTest, StreamingUsageAndDuration) {
    auto gw = start(kFullTracing);
    ASSERT_TRUE(gw);
    std::string body =
        R"({"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},)"
        R"("messages":[{"role":"user","content":"count to three"}]})";
    auto response = http_post(gw->port(), "/v1/chat/completions", body);
    ASSERT_EQ(response.status, 200);
    auto spans = sink_.wait_for(2);
    const Span* llm = find_service(spans, "plano(llm)");
    ASSERT_TRUE(llm);
    EXPECT_EQ(text(*llm, "llm.is_streaming"), "true");
    EXPECT_THAT(response.body,
                HasSubstr("\"prompt_tokens\":" + text(*llm, "llm.usage.prompt_tokens")));
    EXPECT_EQ(text(*llm, "llm.response_bytes"), std::to_string(response.body.size()));
    EXPECT_NE(text(*llm, "gen_ai.response.id"), "<missing>");
}

TEST_F(TracingTest, FailedRequestsStillExportAnErrorSpan) {
    auto gw = start(kFullTracing);
    ASSERT_TRUE(gw);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("missing-model")).status,
              400);
    Headers fault;
    fault.add("x-mock-status", "503");
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"), fault).status,
              503);
    auto spans = sink_.wait_for(3);
    ASSERT_EQ(spans.size(), 3u);
    const Span& rejected = spans[0];
    EXPECT_EQ(rejected.service_name, "plano(llm)");
    EXPECT_EQ(text(rejected, "http.status_code"), "400");
    EXPECT_EQ(text(rejected, "error.type"), "model_not_found");
    EXPECT_EQ(rejected.status.code, telemetry::StatusCode::Error);
    const Span* failed = nullptr;
    for (const auto& span : spans) {
        if (span.service_name == "plano(llm)" && text(span, "http.status_code") == "503")
            failed = &span;
    }
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status.code, telemetry::StatusCode::Error);
}

TEST_F(TracingTest, ThousandConcurrentRequestsGiveExactlyThousandLlmSpans) {
    auto gw = start(kFullTracing);
    ASSERT_TRUE(gw);
    constexpr int kClients = 50;
    constexpr int kRequestsEach = 20;
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            TestConnection connection(gw->port());
            for (int i = 0; i < kRequestsEach; ++i) {
                bool stream = (c + i) % 2 == 0;
                auto response =
                    connection.request("POST", "/v1/chat/completions", chat_body("fast", stream));
                if (response.status == 200) ok.fetch_add(1);
            }
        });
    }
    for (auto& t : clients) t.join();
    ASSERT_EQ(ok.load(), kClients * kRequestsEach);
    auto spans = sink_.wait_for(2 * kClients * kRequestsEach);
    std::set<std::string> llm_ids;
    for (const auto& span : spans) {
        if (span.service_name == "plano(llm)") llm_ids.insert(span.span_id.to_hex());
    }
    EXPECT_EQ(llm_ids.size(), static_cast<std::size_t>(kClients * kRequestsEach));
    EXPECT_EQ(spans.size(), static_cast<std::size_t>(2 * kClients * kRequestsEach));
}

TEST_F(TracingTest, SamplingZeroRecordsNothingButPropagatesContext) {
    auto gw = start("tracing:\n  random_sampling: 0\n");
    ASSERT_TRUE(gw);
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
    Headers headers;
    headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    ASSERT_EQ(
        http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"), headers).status,
        200);
    EXPECT_TRUE(sink_.wait_for(0).empty());
    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 2u);
    auto fresh = telemetry::parse_traceparent(requests[0].headers.get("traceparent").value_or(""));
    ASSERT_TRUE(fresh.has_value());
    EXPECT_FALSE(fresh->sampled());
    EXPECT_EQ(requests[1].headers.get("traceparent"),
              "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
}

}  // namespace
}  // namespace gw::testing
