#pragma once
// Decoding of an OTLP opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest in its
// protobuf form (the body of an OTLP/HTTP protobuf export, the message of an OTLP/gRPC Export
// call), written by hand as the mirror of gw/telemetry/otlp_encode.hpp. Input is untrusted:
// malformed bytes give an error and no spans at all, never a partial batch.

#include "gw/base/result.hpp"
#include "gw/collector/stored_span.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace gw::collector {

// Arrays and key-value lists inside an attribute value may nest at most this deep; deeper input
// is rejected so a hostile message cannot exhaust the stack.
inline constexpr std::size_t kMaxValueDepth = 16;

// Rejected (Error::Kind::Protocol): truncated or over-long varints, lengths past the end, groups,
// field number 0, a known field with the wrong wire type, trace ids that are not 16 non-zero bytes,
// span ids that are not 8 non-zero bytes, parent ids that are neither empty nor 8 bytes, strings
// that are not UTF-8, a span kind above 5 or a status code above 2, times above INT64_MAX ns, and
// values nested deeper than kMaxValueDepth. Unknown fields are skipped. Attribute values that have
// no AttributeValue form (bytes, key-value lists, arrays holding those) are dropped; arrays of
// scalars become string arrays (numbers in decimal, booleans as "true"/"false").
[[nodiscard]] Result<std::vector<StoredSpan>> decode_export_request(std::string_view bytes);

}  // namespace gw::collector
