#include "gw/proxy/llm_proxy.hpp"

#include "gw/base/log.hpp"
#include "gw/json/request_scan.hpp"
#include "gw/json/splice.hpp"
#include "gw/providers/upstream_plan.hpp"
#include "gw/proxy/conversation_turn.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/llm_span.hpp"
#include "gw/proxy/relay.hpp"
#include "gw/proxy/response_meter.hpp"
#include "gw/proxy/translated_relay.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <variant>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

asio::awaitable<void> reply(http::ResponseWriter& out, llm::ApiFormat api, const ErrorReply& e,
                            LlmSpanRecorder& span) {
    span.on_status(e.status, e.code);
    Headers headers;
    headers.add("Content-Type", "application/json");
    co_await out.send(e.status, headers, render_error(api, e));
}

ErrorReply upstream_failure(const Error& error) {
    if (error.kind == Error::Kind::Timeout) {
        return {504, "upstream timed out: " + error.message, "upstream_error", "upstream_timeout"};
    }
    return {502, "upstream unreachable: " + error.message, "upstream_error",
            "upstream_unreachable"};
}

// Completes the metrics' view of a call whose response was relayed.
telemetry::UpstreamOutcome responded(telemetry::UpstreamOutcome metered,
                                     const http::ResponseHead& head, RelayOutcome relayed,
                                     const ResponseMeter& meter,
                                     std::chrono::steady_clock::time_point sent) {
    using telemetry::UpstreamErrorClass;
    metered.status = head.status;
    metered.error = relayed == RelayOutcome::ClientGone      ? UpstreamErrorClass::Cancelled
                    : relayed == RelayOutcome::UpstreamBroke ? UpstreamErrorClass::Stream
                                                             : UpstreamErrorClass::None;
    metered.duration = std::chrono::steady_clock::now() - sent;
    bool streamed =
        istarts_with(head.headers.get("content-type").value_or(""), "text/event-stream");
    if (streamed && meter.first_byte()) metered.time_to_first_token = *meter.first_byte() - sent;
    if (meter.meta()) metered.usage = meter.meta()->usage;
    return metered;
}

http::UpstreamRequest to_upstream_request(providers::UpstreamPlan plan, std::string body) {
    http::UpstreamRequest request;
    request.origin = {plan.origin.tls, std::move(plan.origin.host), plan.origin.port};
    request.target = std::move(plan.path);
    request.host_header = std::move(plan.host_header);
    request.headers = std::move(plan.headers);
    request.body = std::move(body);
    return request;
}

// Same API: the client's bytes with only the model replaced (never re-serialized, stack.md §1.3).
// Another API: the request translated into the provider's.
Result<std::string> upstream_body(std::string_view client_body, llm::ApiFormat client_api,
                                  const providers::UpstreamPlan& plan,
                                  std::string_view provider_name) {
    if (plan.upstream_api == client_api) {
        return json::replace_string_field(client_body, "model", plan.model_id);
    }
    if (!translate::can_translate(client_api, plan.upstream_api)) {
        return Error::invalid(fmt::format(
            "{} requests cannot be served by provider '{}' (it "
            "speaks {}); use a provider with another API",
            llm::to_string(client_api), provider_name, llm::to_string(plan.upstream_api)));
    }
    return translate::translate_request(client_api, plan.upstream_api, client_body,
                                        {.model_id = plan.model_id});
}

}  // namespace

LlmProxy::LlmProxy(providers::ProviderTable table, ProxySettings settings,
                   std::vector<http::UpstreamClient*> upstreams, const telemetry::Tracer& tracer,
                   telemetry::RequestMetrics& metrics, state::ConversationStore* conversations)
    : table_(std::move(table)),
      settings_(settings),
      upstreams_(std::move(upstreams)),
      tracer_(tracer),
      metrics_(metrics),
      conversations_(conversations) {}

std::variant<ErrorReply, LlmProxy::Resolved> LlmProxy::resolve(const http::ServerRequest& request,
                                                               llm::ApiFormat client_api,
                                                               LlmSpanRecorder& span) const {
    auto fields = json::scan_request(request.body);
    if (!fields) {
        return bad_request("Failed to parse request: " + fields.error().message, "invalid_request");
    }
    span.on_request(*fields, request.body);
    std::string requested = fields->model.value_or("");
    auto routing = span.start_routing(requested);
    std::string_view resolved_name = table_.resolve_alias(requested);
    auto target = table_.find(resolved_name);
    span.finish_routing(std::move(routing), resolved_name, "none");
    if (!target) return model_not_found(resolved_name);
    providers::PlanInput input{client_api, request.path(), fields->stream, &request.headers};
    auto plan = providers::plan_upstream(*target, input);
    if (!plan) return bad_request(plan.error().message, "provider_config");
    span.on_model(requested, resolved_name, target->provider->provider_interface, plan->model_id);
    span.on_upstream_api(plan->upstream_api);
    return Resolved{std::move(*fields), std::move(*plan), target->name};
}

std::variant<ErrorReply, LlmProxy::Prepared> LlmProxy::prepare(Resolved resolved,
                                                               std::string_view client_body,
                                                               llm::ApiFormat client_api,
                                                               LlmSpanRecorder& span) const {
    providers::UpstreamPlan& plan = resolved.plan;
    const bool translating = plan.upstream_api != client_api;
    auto translation = translating ? span.start_translation() : std::nullopt;
    auto body = upstream_body(client_body, client_api, plan, resolved.provider_name);
    if (!body) return bad_request(body.error().message, "invalid_request");
    span.finish_translation(std::move(translation), plan.upstream_api, client_body.size(),
                            body->size());
    const llm::ApiFormat upstream_api = plan.upstream_api;
    return Prepared{to_upstream_request(std::move(plan), std::move(*body)),
                    std::move(resolved.provider_name), upstream_api, resolved.fields.include_usage};
}

asio::awaitable<void> LlmProxy::serve(http::ServerRequest& request, http::ResponseWriter& out,
                                      std::size_t worker, llm::ApiFormat client_api) {
    LlmSpanRecorder span(tracer_, request, client_api);  // exported when serve() ends
    std::variant<ErrorReply, Resolved> resolved = resolve(request, client_api, span);
    if (auto* error = std::get_if<ErrorReply>(&resolved)) {
        co_await reply(out, client_api, *error, span);
        co_return;
    }
    Resolved& route = std::get<Resolved>(resolved);
    std::optional<ConversationTurn> turn;
    if (conversations_ && keeps_conversation(client_api, route.plan.upstream_api)) {
        auto begun =
            co_await begin_turn(*conversations_, request.body, route.fields.previous_response_id);
        if (auto* error = std::get_if<ErrorReply>(&begun)) {
            co_await reply(out, client_api, *error, span);
            co_return;
        }
        turn = std::move(std::get<ConversationTurn>(begun));
    }
    std::optional<ConversationCapture> capture;
    if (turn) {
        capture.emplace([this, &turn, model = route.fields.model.value_or(""),
                         provider = route.provider_name](const std::string& completed) {
            end_turn(*conversations_, *turn, completed, model, provider);
        });
    }
    std::variant<ErrorReply, Prepared> prepared =
        prepare(std::move(route), turn ? std::string_view(turn->request_body) : request.body,
                client_api, span);
    if (auto* error = std::get_if<ErrorReply>(&prepared)) {
        co_await reply(out, client_api, *error, span);
        co_return;
    }
    Prepared& call_plan = std::get<Prepared>(prepared);
    http::UpstreamCall call(*upstreams_[worker]);
    // A client that leaves closes the upstream exchange at once, which ends the pending read.
    out.watch_disconnect([&call] { call.abort(); });
    telemetry::UpstreamOutcome upstream = co_await exchange(
        call, std::move(call_plan), out, client_api, span, capture ? &*capture : nullptr);
    out.stop_watching();
    metrics_.record_upstream(worker, upstream);
}

asio::awaitable<telemetry::UpstreamOutcome> LlmProxy::exchange(
    http::UpstreamCall& call, Prepared prepared, http::ResponseWriter& out,
    llm::ApiFormat client_api, LlmSpanRecorder& span, ConversationCapture* capture) {
    telemetry::UpstreamOutcome metered{.provider_model = std::move(prepared.provider_name)};
    http::UpstreamRequest& upstream = prepared.upstream;
    telemetry::Span outbound =
        span.start_outbound(upstream.origin.host, upstream.origin.port, upstream.target);
    upstream.headers.set("traceparent", span.traceparent_for(outbound));
    if (!span.tracestate().empty()) upstream.headers.set("tracestate", span.tracestate());

    http::CallTimeouts timeouts{settings_.connect_timeout, settings_.upstream_timeout};
    auto sent = std::chrono::steady_clock::now();
    Result<http::ResponseHead> response = co_await call.start(std::move(upstream), timeouts);
    if (!response) {
        metered.duration = std::chrono::steady_clock::now() - sent;
        if (out.failed()) {  // the client left; nobody to answer
            span.on_failure("client_closed");
            span.finish_outbound(std::move(outbound), 0, "client_closed");
            metered.error = telemetry::UpstreamErrorClass::Cancelled;
            co_return metered;
        }
        log::warn("{}: {}", metered.provider_model, response.error().message);
        ErrorReply error = upstream_failure(response.error());
        span.on_exception(error.code, response.error().message);
        span.finish_outbound(std::move(outbound), 0, error.code);
        co_await reply(out, client_api, error, span);
        metered.error = response.error().kind == Error::Kind::Timeout
                            ? telemetry::UpstreamErrorClass::Timeout
                            : telemetry::UpstreamErrorClass::Connect;
        co_return metered;
    }
    ResponseMeter meter;
    RelayOutcome outcome =
        prepared.upstream_api == client_api
            ? co_await relay_response(call, *response, out, client_api, meter)
            : co_await relay_translated_response(
                  call, *response, out,
                  {prepared.upstream_api, client_api, prepared.client_asked_usage}, meter, capture);
    meter.finish();
    span.on_status(response->status);
    span.on_response(meter);
    if (outcome == RelayOutcome::ClientGone) span.on_failure("client_closed");
    if (outcome == RelayOutcome::UpstreamBroke) span.on_failure("upstream_stream_broken");
    span.finish_outbound(std::move(outbound), response->status);
    co_return responded(std::move(metered), *response, outcome, meter, sent);
}

}  // namespace gw::proxy
