#pragma once
// The `plano(llm)` span of one model request and its `plano(outbound)` children: names and
// attributes as the reference (dataplane.md §5.3) plus OTel GenAI conventions. The span is exported
// when the recorder is destroyed, so every exit path — errors included — leaves a span.

#include "gw/http/server_request.hpp"
#include "gw/json/request_details.hpp"
#include "gw/json/request_scan.hpp"
#include "gw/llm/api.hpp"
#include "gw/proxy/response_meter.hpp"
#include "gw/telemetry/tracer.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::proxy {

// What the routing step decided and why, for the routing span.
struct RoutingOutcome {
    std::string selected = "none";          // the chosen model; "none": no route; "unknown": error
    std::vector<std::string> candidates;    // the matched route's models, ranked
    std::string reason = "no_preferences";  // route_matched | no_route | router_error | ...
    std::string policy;                     // the route's selection_policy, when one matched
    std::string error;                      // the router failure, when there was one
};

class LlmSpanRecorder {
  public:
    LlmSpanRecorder(const telemetry::Tracer& tracer, const http::ServerRequest& request,
                    llm::ApiFormat client_api);
    ~LlmSpanRecorder();
    LlmSpanRecorder(const LlmSpanRecorder&) = delete;
    LlmSpanRecorder& operator=(const LlmSpanRecorder&) = delete;

    // `details`: the tools and the message preview, read along with `fields` when recording.
    void on_request(const json::RequestFields& fields, json::RequestDetails&& details);
    void on_model(std::string_view requested, std::string_view resolved,
                  std::string_view provider_interface, std::string_view upstream_model);
    // The status the client gets; 4xx/5xx mark the span as failed with `error_type`.
    void on_status(int status, std::string_view error_type = {});
    void on_exception(std::string_view type, std::string_view message);
    // Marks the span failed even when the status was fine (a stream cut off, a client gone).
    void on_failure(std::string_view error_type);
    void on_response(const ResponseMeter& meter);

    // With `trace_arch_internal`, the INTERNAL `routing` span (dataplane.md §5.4) around model
    // resolution; otherwise nothing is started and finish_routing() does nothing.
    [[nodiscard]] std::optional<telemetry::Span> start_routing(std::string_view requested);
    void finish_routing(std::optional<telemetry::Span>&& routing, std::string_view resolved,
                        const RoutingOutcome& outcome);
    // The CLIENT span of the router-model call: a child of the routing span when there is one,
    // else of the llm span. Ended with finish_outbound().
    [[nodiscard]] telemetry::Span start_router_call(const std::optional<telemetry::Span>& routing,
                                                    std::string_view host, uint16_t port,
                                                    std::string_view path);
    // On the llm span, always: the matched route and the session.
    void on_route(const std::optional<std::string>& route_name,
                  const std::optional<std::string>& session_id);
    // Any other attribute of the routing decision (session warmth, switch verdicts ...).
    template <class Value>
    void set_attribute(telemetry::AttributeKey key, Value&& value) {
        if (recording()) span_.attributes.set(std::move(key), std::forward<Value>(value));
    }

    // The API the provider is asked in (differs from the client's when the request is translated).
    void on_upstream_api(llm::ApiFormat upstream_api);
    // With `trace_arch_internal`, an INTERNAL `translate` span around the request translation;
    // otherwise nothing is started and finish_translation() does nothing.
    [[nodiscard]] std::optional<telemetry::Span> start_translation();
    void finish_translation(std::optional<telemetry::Span>&& translation,
                            llm::ApiFormat upstream_api, std::size_t input_bytes,
                            std::size_t output_bytes);

    // A CLIENT span for one upstream attempt, and the traceparent value it must carry.
    [[nodiscard]] telemetry::Span start_outbound(std::string_view host, uint16_t port,
                                                 std::string_view path);
    [[nodiscard]] std::string traceparent_for(const telemetry::Span& span) const;
    [[nodiscard]] const std::string& tracestate() const { return trace_.tracestate(); }
    void finish_outbound(telemetry::Span&& span, int status, std::string_view error_type = {});

    [[nodiscard]] bool recording() const { return trace_.recording(); }
    // The routing-decision API's span instead of an llm span: `routing_decision`, plano(routing).
    void as_routing_decision();
    // 32 lowercase hex digits, also when nothing is recorded (the API returns it).
    [[nodiscard]] std::string trace_id_hex() const;

  private:
    [[nodiscard]] telemetry::Span start_client_span(const telemetry::SpanId& parent,
                                                    std::string_view host, uint16_t port,
                                                    std::string_view path) const;

    telemetry::RequestTrace trace_;
    telemetry::Span span_;
    std::string path_;
    llm::ApiFormat client_api_;
    std::chrono::steady_clock::time_point upstream_start_{};
};

}  // namespace gw::proxy
