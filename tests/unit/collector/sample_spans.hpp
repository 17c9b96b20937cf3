#pragma once
// Span fixtures shared by the collector tests: gateway-side spans (what the encoder takes) and the
// StoredSpan the collector must make of them.

#include "gw/collector/stored_span.hpp"
#include "gw/telemetry/span.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace gw::collector::testing {

inline telemetry::UnixTime at(std::int64_t nanos) {
    return telemetry::UnixTime{std::chrono::nanoseconds{nanos}};
}

inline telemetry::TraceId trace_id(std::uint8_t seed) {
    telemetry::TraceId::Bytes b{};
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(seed + i);
    return telemetry::TraceId(b);
}

inline telemetry::SpanId span_id(std::uint8_t seed) {
    telemetry::SpanId::Bytes b{};
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(seed * 3 + i + 1);
    return telemetry::SpanId(b);
}

inline telemetry::Span gateway_span(std::uint8_t trace, std::uint8_t span, std::string service) {
    telemetry::Span s;
    s.trace_id = trace_id(trace);
    s.span_id = span_id(span);
    s.name = "POST /v1/chat/completions gpt-4o \xf0\x9f\x9a\xa9";
    s.kind = telemetry::SpanKind::Server;
    s.service_name = std::move(service);
    s.start_time = at(1'700'000'000'000'000'000 + span * 1'000'000LL);
    s.end_time = at(1'700'000'000'250'000'000 + span * 1'000'000LL);
    s.attributes.set("gen_ai.request.model", "gpt-4o");
    s.attributes.set("http.status_code", 200);
    s.attributes.set("gen_ai.request.temperature", 0.7);
    s.attributes.set("llm.is_streaming", true);
    s.attributes.set("gen_ai.response.finish_reasons",
                     telemetry::AttributeValue(telemetry::StringArray{"stop", ""}));
    return s;
}

// The full set of fields, for round trips.
inline telemetry::Span full_gateway_span() {
    telemetry::Span s = gateway_span(7, 1, "plano(llm)");
    s.parent_span_id = span_id(9);
    s.trace_state = "rojo=00f067aa0ba902b7";
    s.attributes.set("neg", std::int64_t{-42});
    s.attributes.set("empty", "");
    s.attributes.set("no_items", telemetry::AttributeValue(telemetry::StringArray{}));
    telemetry::SpanEvent e;
    e.name = "exception";
    e.time = at(1'700'000'000'100'000'000);
    e.attributes.set("exception.message", "upstream reset");
    s.add_event(std::move(e));
    s.set_error("upstream failed");
    return s;
}

inline AttributeList to_list(const telemetry::Attributes& attributes) { return attributes.items(); }

// What decoding the encoder's bytes must give back for `s`.
inline StoredSpan stored(const telemetry::Span& s) {
    StoredSpan out;
    out.trace_id = s.trace_id;
    out.span_id = s.span_id;
    out.parent_span_id = s.parent_span_id;
    out.trace_state = s.trace_state;
    out.name = s.name;
    out.kind = s.kind;
    out.start_time = s.start_time;
    out.end_time = s.end_time;
    out.attributes = to_list(s.attributes);
    for (const telemetry::SpanEvent& e : s.events) {
        out.events.push_back({e.name, e.time, to_list(e.attributes)});
    }
    out.status = s.status;
    out.service_name = s.service_name;
    out.resource_attributes = {{"service.name", s.service_name}};
    return out;
}

}  // namespace gw::collector::testing
