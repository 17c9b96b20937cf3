#pragma once
// Decoding of an OTLP/JSON ExportTraceServiceRequest (the body of an OTLP/HTTP export with
// Content-Type application/json). This is not protobuf's canonical JSON mapping: trace and span
// ids are hex strings, field names are lowerCamelCase only, and enums are integers (the enum
// value names, e.g. "SPAN_KIND_SERVER", are accepted too).

#include "gw/base/result.hpp"
#include "gw/collector/stored_span.hpp"

#include <string_view>
#include <vector>

namespace gw::collector {

// Same contract as decode_export_request: malformed input (bad JSON, a known field of the wrong
// JSON type, ids that are not 32/16 hex digits, 64-bit numbers out of range, nesting beyond
// kMaxValueDepth) is an Error::Kind::Protocol and no spans; unknown fields and null values are
// ignored. Hex ids may use either case; 64-bit integers may be JSON numbers or decimal strings.
[[nodiscard]] Result<std::vector<StoredSpan>> decode_export_request_json(std::string_view json);

}  // namespace gw::collector
