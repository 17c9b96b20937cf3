#pragma once
// OTLP protobuf encoding of finished spans, written by hand (no libprotobuf on the export path):
// one opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest per batch, with one
// ResourceSpans per service name (resource attribute service.name, as the reference splits by
// span family) holding one ScopeSpans named kScopeName. The same bytes are the body of an
// OTLP/HTTP protobuf export and the message of an OTLP/gRPC Export call.
//
// Spans are encoded one at a time, on the thread that finished them (encode_span_field), and the
// request is framed around those bytes later (EncodedSpans): the exporter thread never walks a
// Span, and a span's memory is freed where it was allocated.

#include "gw/telemetry/span.hpp"

#include <span>
#include <string>
#include <string_view>

namespace gw::telemetry {

inline constexpr std::string_view kScopeName = "plano";

// One ScopeSpans.spans field: tag, length and the Span message. Strings that are not valid UTF-8
// are repaired with U+FFFD; fields holding their proto3 default value are omitted, except the
// oneof members of AnyValue. The bytes live in storage of the calling thread, valid until its
// next call.
[[nodiscard]] std::string_view encode_span_field(const Span& span);

// A whole request for `spans`, replacing the contents of `out` (its capacity is reused). Resource
// groups follow the first appearance of each service name, and spans keep their order within a
// group.
void encode_export_request(std::span<const Span> spans, std::string& out);
[[nodiscard]] std::string encode_export_request(std::span<const Span> spans);

}  // namespace gw::telemetry
