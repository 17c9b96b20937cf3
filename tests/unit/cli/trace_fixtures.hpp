#pragma once
// Traces for the `planoai trace` tests, the store-filling helper and nothing else: an agent
// request seen twice (like the reference's success fixture) and three failed requests (like its
// failure fixture). Written for these tests; ids and times are chosen so the store's newest-first
// order is the order listed here.

#include "gw/collector/stored_span.hpp"
#include "gw/telemetry/ids.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::cli::testing {

// 2023-11-14T22:13:20Z: in the past, so a real clock with a short --since window finds nothing.
inline constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;
inline constexpr std::int64_t kMs = 1'000'000;

inline constexpr std::string_view kAgentTrace = "86f2b1c0d4e5f60718293a4b5c6d143b";
inline constexpr std::string_view kAgentTraceEarlier = "1234567890abcdef1234567890abcdef";
inline constexpr std::string_view kTrace503 = "f7a31829c4b5d6e8a9f0b1c2d3e4f5a6";
inline constexpr std::string_view kTrace429 = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
inline constexpr std::string_view kTrace500 = "b2c3d4e5f60718293a4b5c6d7e8f9001";

inline telemetry::UnixTime at(std::int64_t nanos) {
    return telemetry::UnixTime{std::chrono::nanoseconds{nanos}};
}

inline telemetry::TraceId tid(std::string_view hex) { return *telemetry::TraceId::from_hex(hex); }
inline telemetry::SpanId sid(std::string_view hex) { return *telemetry::SpanId::from_hex(hex); }

struct SpanSpec {
    std::string_view span_id;
    std::optional<std::string_view> parent;
    std::string service;
    std::string name;
    std::int64_t start_ms;  // from the trace's start
    std::int64_t duration_ms;
    collector::AttributeList attributes;
};

inline collector::StoredSpan make_span(std::string_view trace, std::int64_t trace_start,
                                       SpanSpec spec) {
    collector::StoredSpan s;
    s.trace_id = tid(trace);
    s.span_id = sid(spec.span_id);
    if (spec.parent) s.parent_span_id = sid(*spec.parent);
    s.name = std::move(spec.name);
    s.kind = telemetry::SpanKind::Server;
    s.service_name = spec.service;
    s.resource_attributes = {{"service.name", std::move(spec.service)}};
    s.start_time = at(trace_start + spec.start_ms * kMs);
    s.end_time = at(trace_start + (spec.start_ms + spec.duration_ms) * kMs);
    s.attributes = std::move(spec.attributes);
    return s;
}

// llm -> (routing, outbound -> agent): four spans, three levels.
inline std::vector<collector::StoredSpan> agent_trace(std::string_view trace, std::int64_t start) {
    using telemetry::StringArray;
    return {
        make_span(trace, start,
                  {"00000000000000a1",
                   std::nullopt,
                   "plano(llm)",
                   "POST /v1/chat/completions fast -> openai/gpt-4o-mini",
                   0,
                   250,
                   {{"http.method", std::string("POST")},
                    {"http.status_code", std::int64_t{200}},
                    {"llm.model", std::string("gpt-4o-mini")},
                    {"llm.is_streaming", true},
                    {"gen_ai.request.temperature", 0.7},
                    {"gen_ai.response.finish_reasons", StringArray{"stop"}},
                    {"agent_id", std::string("weather_agent")},
                    {"node_id", std::string("gw-1")}}}),
        make_span(trace, start,
                  {"00000000000000a2",
                   "00000000000000a1",
                   "plano(routing)",
                   "routing",
                   1,
                   3,
                   {{"route.selected_model", std::string("openai/gpt-4o-mini")}}}),
        make_span(trace, start,
                  {"00000000000000a3",
                   "00000000000000a1",
                   "plano(outbound)",
                   "POST api.openai.com/v1/chat/completions",
                   5,
                   235,
                   {{"http.status_code", std::int64_t{200}},
                    {"server.address", std::string("api.openai.com")},
                    {"upstream_cluster", std::string("openai")}}}),
        make_span(trace, start,
                  {"00000000000000a4",
                   "00000000000000a3",
                   "plano(agent)",
                   "weather_agent",
                   10,
                   190,
                   {{"agent.name", std::string("weather_agent")}}}),
    };
}

// Newest first: kAgentTrace, then the same request one second earlier.
inline std::vector<collector::StoredSpan> success_spans() {
    std::vector<collector::StoredSpan> spans = agent_trace(kAgentTrace, kT0);
    for (auto& s : agent_trace(kAgentTraceEarlier, kT0 - 1000 * kMs)) spans.push_back(s);
    return spans;
}

// Newest first: 503 at the inbound span, 429 at the inbound span, a single 500 span.
inline std::vector<collector::StoredSpan> failure_spans() {
    return {
        make_span(
            kTrace503, kT0,
            {"00000000000000b1",
             std::nullopt,
             "plano(inbound)",
             "POST /v1/chat/completions",
             0,
             798,
             {{"http.status_code", std::int64_t{503}}, {"http.method", std::string("POST")}}}),
        make_span(kTrace503, kT0,
                  {"00000000000000b2",
                   "00000000000000b1",
                   "plano(orchestrator)",
                   "travel_booking_service",
                   5,
                   700,
                   {{"selection.agents", std::string("weather_agent")}}}),
        make_span(kTrace429, kT0 - 2000 * kMs,
                  {"00000000000000c1",
                   std::nullopt,
                   "plano(inbound)",
                   "POST /v1/chat/completions",
                   0,
                   12,
                   {{"http.status_code", std::int64_t{429}}}}),
        make_span(kTrace500, kT0 - 4000 * kMs,
                  {"00000000000000d1",
                   std::nullopt,
                   "plano(llm)",
                   "POST /v1/chat/completions",
                   0,
                   40,
                   {{"http.status_code", std::int64_t{500}},
                    {"error.type", std::string("upstream_error")}}}),
    };
}

}  // namespace gw::cli::testing
