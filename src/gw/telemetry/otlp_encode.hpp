#pragma once
// OTLP protobuf encoding of finished spans, written by hand (no libprotobuf on the export path):
// one opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest per batch, with one
// ResourceSpans per service name (resource attribute service.name, as the reference splits by
// span family) holding one ScopeSpans named kScopeName. The same bytes are the body of an
// OTLP/HTTP protobuf export and the message of an OTLP/gRPC Export call.

#include "gw/telemetry/span.hpp"

#include <span>
#include <string>
#include <string_view>

namespace gw::telemetry {

inline constexpr std::string_view kScopeName = "plano";

// Replaces the contents of `out` (its capacity is reused). Strings that are not valid UTF-8 are
// repaired with U+FFFD; fields holding their proto3 default value are omitted, except the oneof
// members of AnyValue. Resource groups follow the first appearance of each service name, and
// spans keep their order within a group.
void encode_export_request(std::span<const Span> spans, std::string& out);
[[nodiscard]] std::string encode_export_request(std::span<const Span> spans);

}  // namespace gw::telemetry
