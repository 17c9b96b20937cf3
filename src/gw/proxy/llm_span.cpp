#include "gw/proxy/llm_span.hpp"

#include <fmt/format.h>

namespace gw::proxy {
namespace {

using telemetry::SpanKind;

std::string_view operation_name(llm::ApiFormat api) {
    return api == llm::ApiFormat::OpenAiResponses ? "responses" : "chat";
}

int64_t millis_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

void set_usage(telemetry::Attributes& a, const llm::Usage& usage) {
    auto put = [&a](std::string_view key, const std::optional<int64_t>& value) {
        if (value) a.set(key, *value);
    };
    put("llm.usage.prompt_tokens", usage.input_tokens);
    put("llm.usage.completion_tokens", usage.output_tokens);
    put("llm.usage.total_tokens", usage.total_tokens);
    put("llm.usage.cached_input_tokens", usage.cached_input_tokens);
    put("llm.usage.cache_creation_tokens", usage.cache_creation_input_tokens);
    put("llm.usage.reasoning_tokens", usage.reasoning_tokens);
    put("gen_ai.usage.input_tokens", usage.input_tokens);
    put("gen_ai.usage.output_tokens", usage.output_tokens);
}

}  // namespace

LlmSpanRecorder::LlmSpanRecorder(const telemetry::Tracer& tracer,
                                 const http::ServerRequest& request, llm::ApiFormat client_api)
    : trace_(tracer.begin(request.headers)), path_(request.path()) {
    span_ = trace_.start_span("llm", SpanKind::Server, telemetry::kLlmService, std::nullopt);
    if (!trace_.recording()) return;
    auto& a = span_.attributes;
    a.set("component", "llm");
    if (auto id = request.headers.get("x-request-id")) a.set("request_id", *id);
    a.set("http.method", request.method);
    a.set("http.path", path_);
    a.set("gen_ai.operation.name", operation_name(client_api));
}

LlmSpanRecorder::~LlmSpanRecorder() { trace_.finish(std::move(span_)); }

void LlmSpanRecorder::on_request(const json::RequestFields& fields) {
    if (!recording()) return;
    auto& a = span_.attributes;
    a.set("llm.is_streaming", fields.stream);
    if (fields.temperature) {
        a.set("llm.temperature", fmt::format("{}", *fields.temperature));
        a.set("gen_ai.request.temperature", *fields.temperature);
    }
    if (fields.top_p) a.set("gen_ai.request.top_p", *fields.top_p);
    if (fields.max_tokens) a.set("gen_ai.request.max_tokens", *fields.max_tokens);
}

void LlmSpanRecorder::on_model(std::string_view requested, std::string_view resolved,
                               std::string_view provider_interface,
                               std::string_view upstream_model) {
    span_.name = requested == resolved
                     ? fmt::format("POST {} {}", path_, requested)
                     : fmt::format("POST {} {} -> {}", path_, requested, resolved);
    if (!recording()) return;
    auto& a = span_.attributes;
    a.set("llm.model", resolved);
    if (auto slash = resolved.find('/'); slash != std::string_view::npos) {
        a.set("llm.provider", resolved.substr(0, slash));
    }
    a.set("gen_ai.provider.name", provider_interface);
    a.set("gen_ai.request.model", upstream_model);
}

void LlmSpanRecorder::on_status(int status, std::string_view error_type) {
    if (!recording()) return;
    span_.attributes.set("http.status_code", static_cast<int64_t>(status));
    if (status < 400) return;
    on_failure(error_type.empty() ? std::to_string(status) : std::string(error_type));
}

void LlmSpanRecorder::on_failure(std::string_view error_type) {
    if (!recording()) return;
    span_.attributes.set("error.type", error_type);
    span_.set_error(std::string(error_type));
}

void LlmSpanRecorder::on_exception(std::string_view type, std::string_view message) {
    if (!recording()) return;
    telemetry::SpanEvent event{"exception", telemetry::unix_now(), {}};
    event.attributes.set("exception.type", type);
    event.attributes.set("exception.message", message);
    span_.add_event(std::move(event));
}

void LlmSpanRecorder::on_response(const ResponseMeter& meter) {
    if (!recording()) return;
    auto& a = span_.attributes;
    auto now = std::chrono::steady_clock::now();
    a.set("llm.duration_ms", millis_between(upstream_start_, now));
    a.set("llm.response_bytes", static_cast<int64_t>(meter.bytes()));
    if (auto first = meter.first_byte()) {
        int64_t ttft = millis_between(upstream_start_, *first);
        a.set("llm.time_to_first_token", ttft);
        telemetry::SpanEvent event{"llm.time_to_first_token", telemetry::unix_now(), {}};
        event.attributes.set("llm.time_to_first_token", ttft);
        span_.add_event(std::move(event));
    }
    const auto& meta = meter.meta();
    if (!meta) return;
    if (meta->model) {
        a.set("llm.model", *meta->model);
        a.set("gen_ai.response.model", *meta->model);
    }
    if (meta->id) a.set("gen_ai.response.id", *meta->id);
    if (meta->usage) set_usage(a, *meta->usage);
}

telemetry::Span LlmSpanRecorder::start_outbound(std::string_view host, uint16_t port,
                                                std::string_view path) {
    upstream_start_ = std::chrono::steady_clock::now();
    telemetry::Span span = trace_.start_span(fmt::format("POST {}{}", host, path), SpanKind::Client,
                                             telemetry::kOutboundService, span_.span_id);
    if (recording()) {
        span.attributes.set("http.method", "POST");
        span.attributes.set("server.address", host);
        span.attributes.set("server.port", static_cast<int64_t>(port));
        span.attributes.set("url.path", path);
    }
    return span;
}

std::string LlmSpanRecorder::traceparent_for(const telemetry::Span& span) const {
    return trace_.traceparent(span.span_id);
}

void LlmSpanRecorder::finish_outbound(telemetry::Span&& span, int status,
                                      std::string_view error_type) {
    if (!recording()) return;
    if (status > 0) span.attributes.set("http.status_code", static_cast<int64_t>(status));
    if (status >= 400 || status == 0) {
        std::string type = error_type.empty() ? std::to_string(status) : std::string(error_type);
        span.attributes.set("error.type", type);
        span.set_error(type);
    }
    trace_.finish(std::move(span));
}

}  // namespace gw::proxy
