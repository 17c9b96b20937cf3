#pragma once
// Per-request tracing: decides sampling once from the incoming W3C context, hands out the spans of
// the request (all sharing one trace and the custom attributes), and formats the traceparent that
// every upstream call carries — also when nothing is recorded, so downstream keeps the trace id.

#include "gw/base/headers.hpp"
#include "gw/config/model.hpp"
#include "gw/telemetry/sampler.hpp"
#include "gw/telemetry/span.hpp"
#include "gw/telemetry/span_sink.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gw::telemetry {

inline constexpr std::string_view kLlmService = "plano(llm)";
inline constexpr std::string_view kOutboundService = "plano(outbound)";
inline constexpr std::string_view kRoutingService = "plano(routing)";

class RequestTrace;

class Tracer {
  public:
    // `tracing` nullopt or random_sampling 0: nothing is recorded. `sink` receives finished spans
    // and may be null only when nothing is recorded.
    Tracer(const std::optional<config::Tracing>& tracing, SpanSink* sink);

    [[nodiscard]] RequestTrace begin(const Headers& request_headers) const;
    [[nodiscard]] bool recording_enabled() const { return sampler_.enabled() && sink_ != nullptr; }
    [[nodiscard]] bool internal_spans() const { return internal_spans_; }

  private:
    friend class RequestTrace;
    Sampler sampler_;
    config::SpanAttributes custom_;
    bool internal_spans_ = false;
    SpanSink* sink_ = nullptr;
};

class RequestTrace {
  public:
    [[nodiscard]] bool recording() const { return recording_; }
    // Recording, and `trace_arch_internal` asks for the gateway's internal step spans.
    [[nodiscard]] bool recording_internal() const { return recording_ && tracer_->internal_spans_; }
    [[nodiscard]] const TraceId& trace_id() const { return trace_id_; }

    // A started span of this trace with the custom attributes; `parent` nullopt means the
    // request's remote parent (the client's span), if any. `attribute_room`: how many more
    // attributes the caller will set, reserved up front.
    [[nodiscard]] Span start_span(std::string name, SpanKind kind, std::string_view service,
                                  const std::optional<SpanId>& parent,
                                  std::size_t attribute_room = 0) const;
    // Ends and exports the span (no-op when not recording).
    void finish(Span&& span) const;

    // Headers for a call made on behalf of span `current`.
    [[nodiscard]] std::string traceparent(const SpanId& current) const;
    [[nodiscard]] const std::string& tracestate() const { return trace_state_; }

  private:
    friend class Tracer;
    const Tracer* tracer_ = nullptr;
    bool recording_ = false;
    bool sampled_flag_ = false;
    TraceId trace_id_;
    std::optional<SpanId> remote_parent_;
    std::string trace_state_;
    Attributes custom_attributes_;
};

}  // namespace gw::telemetry
