#pragma once
// A finished-or-in-progress span as the exporter sees it: plain data, owned by one worker until it
// is handed to the export queue. Field meanings follow OTLP trace.proto.

#include "gw/telemetry/attributes.hpp"
#include "gw/telemetry/ids.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gw::telemetry {

// Nanosecond wall-clock time, as OTLP's *_time_unix_nano fields expect.
using UnixTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::nanoseconds>;

[[nodiscard]] inline UnixTime unix_now() {
    return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now());
}
[[nodiscard]] inline std::uint64_t unix_nanos(UnixTime t) {
    const auto n = t.time_since_epoch().count();
    return n < 0 ? 0 : static_cast<std::uint64_t>(n);
}

// Values match OTLP Span.SpanKind.
enum class SpanKind : std::uint8_t {
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5
};

// Values match OTLP Status.StatusCode.
enum class StatusCode : std::uint8_t { Unset = 0, Ok = 1, Error = 2 };

struct SpanStatus {
    StatusCode code = StatusCode::Unset;
    std::string message;  // meaningful only with Error

    friend bool operator==(const SpanStatus&, const SpanStatus&) = default;
};

struct SpanEvent {
    std::string name;
    UnixTime time{};
    Attributes attributes;
};

// OpenTelemetry's default span event count limit.
inline constexpr std::size_t kDefaultEventLimit = 128;

struct Span {
    TraceId trace_id;
    SpanId span_id;
    std::optional<SpanId> parent_span_id;  // nullopt for a root span
    std::string trace_state;               // W3C tracestate carried with the context, verbatim
    std::string name;
    SpanKind kind = SpanKind::Internal;
    // Exported as the resource's service.name: "plano(llm)", "plano(outbound)", "plano(routing)".
    std::string service_name;
    UnixTime start_time{};
    UnixTime end_time{};
    Attributes attributes;
    std::vector<SpanEvent> events;
    std::uint32_t dropped_events = 0;
    SpanStatus status;

    // Appends an event unless kDefaultEventLimit is reached, in which case it is counted as
    // dropped.
    void add_event(SpanEvent event);
    void set_error(std::string message) { status = {StatusCode::Error, std::move(message)}; }
};

}  // namespace gw::telemetry
