#pragma once
// W3C Trace Context (https://www.w3.org/TR/trace-context/): parsing the incoming `traceparent` and
// `tracestate` headers and formatting the outgoing `traceparent`. A malformed header never fails a
// request: parsing yields nullopt and the caller starts a new trace.

#include "gw/base/headers.hpp"
#include "gw/telemetry/ids.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::telemetry {

inline constexpr std::string_view kTraceParentHeader = "traceparent";
inline constexpr std::string_view kTraceStateHeader = "tracestate";
// Length of a version-00 traceparent: "00-" 32 hex "-" 16 hex "-" 2 hex.
inline constexpr std::size_t kTraceParentSize = 55;
// W3C asks propagators to keep at least 512 characters of tracestate; longer values are dropped
// whole rather than truncated, which could cut a member in half.
inline constexpr std::size_t kMaxTraceStateSize = 512;
inline constexpr std::size_t kMaxTraceStateMembers = 32;

struct TraceParent {
    TraceId trace_id;
    SpanId parent_id;
    std::uint8_t flags = 0;

    [[nodiscard]] bool sampled() const { return (flags & 0x01) != 0; }
};

// The remote parent extracted from a request.
struct TraceContext {
    TraceParent parent;
    std::string trace_state;  // verbatim, empty when absent or dropped
};

// Strict: lowercase hex only; version 00 must be exactly 55 characters; a higher version is read
// from its first 55 characters (and must continue with '-' if longer); version ff, all-zero ids
// and any other deviation give nullopt. Surrounding spaces and tabs are ignored.
[[nodiscard]] std::optional<TraceParent> parse_traceparent(std::string_view text);

// Returns the value to forward, or nullopt when it is too long, has too many members, or is not
// made of printable-ASCII `key=value` members separated by commas.
[[nodiscard]] std::optional<std::string> parse_tracestate(std::string_view text);

// Extracts the remote parent from request headers. Several traceparent fields make the context
// invalid (W3C); several tracestate fields are joined with ','. tracestate is only read when the
// traceparent is valid.
[[nodiscard]] std::optional<TraceContext> extract_trace_context(const Headers& headers);

// "00-<trace id>-<span id>-<01|00>".
[[nodiscard]] std::string format_traceparent(const TraceId& trace_id, const SpanId& span_id,
                                             bool sampled);

}  // namespace gw::telemetry
