#pragma once
// Spans for exporter tests: distinct ids so the receiver side can tell every span apart.

#include "gw/collector/stored_span.hpp"
#include "gw/exporter/exporter_config.hpp"
#include "gw/telemetry/span.hpp"

#include <set>
#include <string>
#include <vector>

namespace gw::exporter::testing {

inline telemetry::Span make_span(std::string name) {
    telemetry::Span span;
    span.trace_id = telemetry::TraceId::random();
    span.span_id = telemetry::SpanId::random();
    span.name = std::move(name);
    span.service_name = "plano(llm)";
    span.start_time = telemetry::unix_now();
    span.end_time = span.start_time;
    return span;
}

inline std::set<std::string> span_ids(const std::vector<collector::StoredSpan>& spans) {
    std::set<std::string> ids;
    for (const auto& span : spans) ids.insert(span.span_id.to_hex());
    return ids;
}

// Fast retries and a short schedule delay so tests run quickly; no test depends on them.
inline ExporterSettings test_settings(ExportProtocol protocol, std::string endpoint) {
    ExporterSettings settings;
    settings.protocol = protocol;
    settings.endpoint = std::move(endpoint);
    settings.schedule_delay = std::chrono::milliseconds(20);
    settings.retry.initial_backoff = std::chrono::milliseconds(1);
    settings.retry.max_backoff = std::chrono::milliseconds(5);
    return settings;
}

}  // namespace gw::exporter::testing
