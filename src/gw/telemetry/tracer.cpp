#include "gw/telemetry/tracer.hpp"

#include "gw/telemetry/span_attributes.hpp"
#include "gw/telemetry/trace_context.hpp"

namespace gw::telemetry {

Tracer::Tracer(const std::optional<config::Tracing>& tracing, SpanSink* sink)
    : sampler_(tracing ? tracing->random_sampling : 0.0), sink_(sink) {
    if (tracing) {
        custom_ = tracing->span_attributes;
        internal_spans_ = tracing->trace_arch_internal;
    }
}

RequestTrace Tracer::begin(const Headers& request_headers) const {
    std::optional<TraceContext> incoming = extract_trace_context(request_headers);
    SamplingDecision decision = sampler_.decide(incoming);
    RequestTrace trace;
    trace.tracer_ = this;
    trace.recording_ = decision.record && sink_ != nullptr;
    trace.sampled_flag_ = decision.sampled_flag;
    trace.trace_id_ = decision.trace_id;
    trace.remote_parent_ = decision.parent_span_id;
    if (incoming) trace.trace_state_ = incoming->trace_state;
    if (trace.recording_)
        trace.custom_attributes_ = custom_span_attributes(custom_, request_headers);
    return trace;
}

Span RequestTrace::start_span(std::string name, SpanKind kind, std::string_view service,
                              const std::optional<SpanId>& parent,
                              std::size_t attribute_room) const {
    Span span;
    span.trace_id = trace_id_;
    span.span_id = SpanId::random();
    span.parent_span_id = parent ? parent : remote_parent_;
    span.trace_state = trace_state_;
    span.name = std::move(name);
    span.kind = kind;
    span.service_name = std::string(service);
    span.start_time = unix_now();
    if (recording_) {
        span.attributes.reserve(custom_attributes_.size() + attribute_room);
        span.attributes.merge(custom_attributes_);
    }
    return span;
}

void RequestTrace::finish(Span&& span) const {
    if (!recording_) return;
    span.end_time = unix_now();
    tracer_->sink_->submit(std::move(span));
}

std::string RequestTrace::traceparent(const SpanId& current) const {
    if (recording_) return format_traceparent(trace_id_, current, sampled_flag_);
    // Nothing of ours is exported: hand on the client's own span (and decision), so downstream
    // spans hang off a span that exists; without one, a fresh unsampled context keeps the id.
    if (remote_parent_) return format_traceparent(trace_id_, *remote_parent_, sampled_flag_);
    return format_traceparent(trace_id_, current, false);
}

}  // namespace gw::telemetry
