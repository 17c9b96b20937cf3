#include "gw/proxy/llm_span.hpp"

#include "gw/base/concat.hpp"
#include "gw/json/request_details.hpp"
#include "gw/telemetry/ids.hpp"
#include "gw/telemetry/semconv.hpp"

#include <fmt/format.h>

namespace gw::proxy {
namespace {

namespace sc = telemetry::semconv;
using telemetry::SpanKind;

// Room for every attribute the llm span can get, so recording never regrows the vector.
constexpr std::size_t kLlmSpanAttributes = 40;
constexpr std::size_t kOutboundSpanAttributes = 8;
constexpr std::size_t kRoutingSpanAttributes = 12;
constexpr std::size_t kTranslationSpanAttributes = 5;

std::string_view operation_name(llm::ApiFormat api) {
    return api == llm::ApiFormat::OpenAiResponses ? "responses" : "chat";
}

int64_t millis_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

void set_usage(telemetry::Attributes& a, const llm::Usage& usage) {
    auto put = [&a](const telemetry::AttributeKey& key, const std::optional<int64_t>& value) {
        if (value) a.set(key, *value);
    };
    put(sc::kLlmPromptTokens, usage.input_tokens);
    put(sc::kLlmCompletionTokens, usage.output_tokens);
    put(sc::kLlmTotalTokens, usage.total_tokens);
    put(sc::kLlmCachedInputTokens, usage.cached_input_tokens);
    put(sc::kLlmCacheCreationTokens, usage.cache_creation_input_tokens);
    put(sc::kLlmReasoningTokens, usage.reasoning_tokens);
    put(sc::kGenAiInputTokens, usage.input_tokens);
    put(sc::kGenAiOutputTokens, usage.output_tokens);
}

}  // namespace

LlmSpanRecorder::LlmSpanRecorder(const telemetry::Tracer& tracer,
                                 const http::ServerRequest& request, llm::ApiFormat client_api)
    : trace_(tracer.begin(request.headers)), path_(request.path()), client_api_(client_api) {
    span_ = trace_.start_span("llm", SpanKind::Server, telemetry::kLlmService, std::nullopt,
                              kLlmSpanAttributes);
    if (!trace_.recording()) return;
    auto& a = span_.attributes;
    a.set(sc::kComponent, "llm");
    auto id = request.headers.get("x-request-id");
    a.set(sc::kRequestId, id ? std::string(*id) : telemetry::random_uuid_v4());
    a.set(sc::kServiceNameOverride, telemetry::kLlmService);
    a.set(sc::kHttpMethod, request.method);
    a.set(sc::kHttpPath, path_);
    a.set(sc::kGenAiOperationName, operation_name(client_api));
}

LlmSpanRecorder::~LlmSpanRecorder() { trace_.finish(std::move(span_)); }

void LlmSpanRecorder::on_request(const json::RequestFields& fields,
                                 json::RequestDetails&& details) {
    if (!recording()) return;
    auto& a = span_.attributes;
    if (details.tools) a.set(sc::kLlmTools, std::move(*details.tools));
    if (details.user_message_preview && !details.user_message_preview->empty()) {
        a.set(sc::kLlmUserMessagePreview, std::move(*details.user_message_preview));
    }
    a.set(sc::kLlmIsStreaming, fields.stream);
    if (fields.temperature) {
        a.set(sc::kLlmTemperature, fmt::format("{}", *fields.temperature));
        a.set(sc::kGenAiRequestTemperature, *fields.temperature);
    }
    if (fields.top_p) a.set(sc::kGenAiRequestTopP, *fields.top_p);
    if (fields.max_tokens) a.set(sc::kGenAiRequestMaxTokens, *fields.max_tokens);
}

void LlmSpanRecorder::on_model(std::string_view requested, std::string_view resolved,
                               std::string_view provider_interface,
                               std::string_view upstream_model) {
    if (!recording()) return;  // an unrecorded span is dropped unseen: no name to build
    span_.name = requested == resolved ? concat({"POST ", path_, " ", requested})
                                       : concat({"POST ", path_, " ", requested, " -> ", resolved});
    auto& a = span_.attributes;
    a.set(sc::kLlmModel, resolved);
    if (auto slash = resolved.find('/'); slash != std::string_view::npos) {
        a.set(sc::kLlmProvider, resolved.substr(0, slash));
    }
    a.set(sc::kGenAiProviderName, provider_interface);
    a.set(sc::kGenAiRequestModel, upstream_model);
}

void LlmSpanRecorder::on_status(int status, std::string_view error_type) {
    if (!recording()) return;
    span_.attributes.set(sc::kHttpStatusCode, static_cast<int64_t>(status));
    if (status < 400) return;
    on_failure(error_type.empty() ? std::to_string(status) : std::string(error_type));
}

void LlmSpanRecorder::on_failure(std::string_view error_type) {
    if (!recording()) return;
    span_.attributes.set(sc::kErrorType, error_type);
    span_.set_error(std::string(error_type));
}

void LlmSpanRecorder::on_exception(std::string_view type, std::string_view message) {
    if (!recording()) return;
    telemetry::SpanEvent event{"exception", telemetry::unix_now(), {}};
    event.attributes.set(sc::kExceptionType, type);
    event.attributes.set(sc::kExceptionMessage, message);
    span_.add_event(std::move(event));
}

void LlmSpanRecorder::on_response(const ResponseMeter& meter) {
    if (!recording()) return;
    auto& a = span_.attributes;
    auto now = std::chrono::steady_clock::now();
    a.set(sc::kLlmDurationMs, millis_between(upstream_start_, now));
    a.set(sc::kLlmResponseBytes, static_cast<int64_t>(meter.bytes()));
    if (auto first = meter.first_byte()) {
        int64_t ttft = millis_between(upstream_start_, *first);
        a.set(sc::kLlmTimeToFirstToken, ttft);
        telemetry::SpanEvent event{"llm.time_to_first_token", telemetry::unix_now(), {}};
        event.attributes.set(sc::kLlmTimeToFirstToken, ttft);
        span_.add_event(std::move(event));
    }
    const auto& meta = meter.meta();
    if (!meta) return;
    if (meta->model) {
        a.set(sc::kLlmModel, *meta->model);
        a.set(sc::kGenAiResponseModel, *meta->model);
    }
    if (meta->id) a.set(sc::kGenAiResponseId, *meta->id);
    if (!meta->finish_reasons.empty()) {
        a.set(sc::kGenAiResponseFinishReasons, meta->finish_reasons);
    }
    if (meta->usage) set_usage(a, *meta->usage);
}

std::optional<telemetry::Span> LlmSpanRecorder::start_routing(std::string_view requested) {
    if (!trace_.recording_internal()) return std::nullopt;
    telemetry::Span span =
        trace_.start_span("routing", SpanKind::Internal, telemetry::kRoutingService, span_.span_id,
                          kRoutingSpanAttributes);
    auto& a = span.attributes;
    a.set(sc::kComponent, "routing");
    a.set(sc::kHttpMethod, "POST");
    a.set(sc::kHttpTarget, path_);
    a.set(sc::kModelRequested, requested);
    a.set(sc::kServiceNameOverride, telemetry::kRoutingService);
    return span;
}

void LlmSpanRecorder::finish_routing(std::optional<telemetry::Span>&& routing,
                                     std::string_view resolved, const RoutingOutcome& outcome) {
    if (!routing) return;
    auto& a = routing->attributes;
    a.set(sc::kModelAliasResolved, resolved);
    a.set(sc::kRouteSelectedModel, outcome.selected);
    a.set(sc::kRoutingReason, outcome.reason);
    if (!outcome.candidates.empty()) {
        a.set(sc::kRoutingCandidates, outcome.candidates);
    }
    if (!outcome.policy.empty()) a.set(sc::kRoutingPolicy, outcome.policy);
    if (!outcome.error.empty()) {
        a.set(sc::kRoutingError, outcome.error);
        routing->set_error(outcome.error);
    }
    const auto took = telemetry::unix_now() - routing->start_time;
    a.set(sc::kRoutingDeterminationMs,
          std::chrono::duration_cast<std::chrono::milliseconds>(took).count());
    trace_.finish(std::move(*routing));
}

telemetry::Span LlmSpanRecorder::start_router_call(const std::optional<telemetry::Span>& routing,
                                                   std::string_view host, uint16_t port,
                                                   std::string_view path) {
    return start_client_span(routing ? routing->span_id : span_.span_id, host, port, path);
}

void LlmSpanRecorder::on_route(const std::optional<std::string>& route_name,
                               const std::optional<std::string>& session_id) {
    if (!recording()) return;
    if (route_name) span_.attributes.set(sc::kPlanoRouteName, *route_name);
    if (session_id) span_.attributes.set(sc::kPlanoSessionId, *session_id);
}

void LlmSpanRecorder::on_upstream_api(llm::ApiFormat upstream_api) {
    if (recording()) span_.attributes.set(sc::kPlanoUpstreamApi, llm::to_string(upstream_api));
}

std::optional<telemetry::Span> LlmSpanRecorder::start_translation() {
    if (!trace_.recording_internal()) return std::nullopt;
    return trace_.start_span("translate", SpanKind::Internal, telemetry::kLlmService, span_.span_id,
                             kTranslationSpanAttributes);
}

void LlmSpanRecorder::finish_translation(std::optional<telemetry::Span>&& translation,
                                         llm::ApiFormat upstream_api, std::size_t input_bytes,
                                         std::size_t output_bytes) {
    if (!translation) return;
    auto& a = translation->attributes;
    a.set(sc::kComponent, "translation");
    a.set(sc::kTranslationFrom, llm::to_string(client_api_));
    a.set(sc::kTranslationTo, llm::to_string(upstream_api));
    a.set(sc::kTranslationInputBytes, static_cast<int64_t>(input_bytes));
    a.set(sc::kTranslationOutputBytes, static_cast<int64_t>(output_bytes));
    trace_.finish(std::move(*translation));
}

telemetry::Span LlmSpanRecorder::start_outbound(std::string_view host, uint16_t port,
                                                std::string_view path) {
    upstream_start_ = std::chrono::steady_clock::now();
    return start_client_span(span_.span_id, host, port, path);
}

telemetry::Span LlmSpanRecorder::start_client_span(const telemetry::SpanId& parent,
                                                   std::string_view host, uint16_t port,
                                                   std::string_view path) const {
    telemetry::Span span = trace_.start_span(
        recording() ? concat({"POST ", host, path}) : std::string(), SpanKind::Client,
        telemetry::kOutboundService, parent, kOutboundSpanAttributes);
    if (recording()) {
        span.attributes.set(sc::kHttpMethod, "POST");
        span.attributes.set(sc::kServerAddress, host);
        span.attributes.set(sc::kServerPort, static_cast<int64_t>(port));
        span.attributes.set(sc::kUrlPath, path);
    }
    return span;
}

void LlmSpanRecorder::as_routing_decision() {
    span_.name = "routing_decision";
    span_.service_name = telemetry::kRoutingService;
    if (!recording()) return;
    span_.attributes.set(sc::kComponent, "routing");
    span_.attributes.set(sc::kServiceNameOverride, telemetry::kRoutingService);
}

std::string LlmSpanRecorder::trace_id_hex() const { return trace_.trace_id().to_hex(); }

std::string LlmSpanRecorder::traceparent_for(const telemetry::Span& span) const {
    return trace_.traceparent(span.span_id);
}

void LlmSpanRecorder::finish_outbound(telemetry::Span&& span, int status,
                                      std::string_view error_type) {
    if (!recording()) return;
    if (status > 0) span.attributes.set(sc::kHttpStatusCode, static_cast<int64_t>(status));
    if (status >= 400 || status == 0) {
        std::string type = error_type.empty() ? std::to_string(status) : std::string(error_type);
        span.attributes.set(sc::kErrorType, type);
        span.set_error(type);
    }
    trace_.finish(std::move(span));
}

}  // namespace gw::proxy
