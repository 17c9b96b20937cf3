#include "gw/proxy/upstream_attempt.hpp"

#include "gw/base/log.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/relay.hpp"
#include "gw/proxy/response_meter.hpp"
#include "gw/proxy/retry_policy.hpp"
#include "gw/proxy/translated_relay.hpp"

namespace gw::proxy {
namespace {

namespace asio = boost::asio;
using telemetry::UpstreamErrorClass;

// Enough of a failed answer to say what went wrong in the log; the rest is read and dropped so
// the connection can be reused.
constexpr std::size_t kLoggedBodyBytes = 512;

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
    metered.status = head.status;
    metered.error = relayed == RelayOutcome::ClientGone      ? UpstreamErrorClass::Cancelled
                    : relayed == RelayOutcome::UpstreamBroke ? UpstreamErrorClass::Stream
                                                             : UpstreamErrorClass::None;
    metered.duration = std::chrono::steady_clock::now() - sent;
    if (is_event_stream(head.headers) && meter.first_byte()) {
        metered.time_to_first_token = *meter.first_byte() - sent;
    }
    if (meter.meta()) metered.usage = meter.meta()->usage;
    return metered;
}

asio::awaitable<std::string> drain_body(http::UpstreamCall& call) {
    std::string head;
    for (;;) {
        Result<std::string_view> slice = co_await call.read_body();
        if (!slice || slice->empty()) break;
        head.append(slice->substr(0, kLoggedBodyBytes - std::min(head.size(), kLoggedBodyBytes)));
    }
    co_return head;
}

asio::awaitable<AttemptResult> give_up_on_status(http::UpstreamCall& call,
                                                 const http::ResponseHead& head,
                                                 telemetry::UpstreamOutcome metered,
                                                 std::chrono::steady_clock::time_point sent) {
    std::string body = co_await drain_body(call);
    log::warn("{}: answered {}, trying again: {}", metered.provider_model, head.status, body);
    metered.status = head.status;
    metered.duration = std::chrono::steady_clock::now() - sent;
    auto retry_after = head.headers.get("retry-after");
    RetryableFailure failure{retry_after ? std::optional<std::string>(*retry_after) : std::nullopt};
    co_return AttemptResult{std::move(metered), std::move(failure)};
}

}  // namespace

asio::awaitable<void> reply_with_error(http::ResponseWriter& out, llm::ApiFormat api,
                                       const ErrorReply& error, LlmSpanRecorder& span) {
    span.on_status(error.status, error.code);
    Headers headers;
    headers.add("Content-Type", "application/json");
    co_await out.send(error.status, headers, render_error(api, error));
}

asio::awaitable<AttemptResult> attempt_upstream(http::UpstreamCall& call, PlannedCall planned,
                                                const AttemptContext& context, bool may_give_up) {
    LlmSpanRecorder& span = context.span;
    telemetry::UpstreamOutcome metered{.provider_model = std::move(planned.provider_name)};
    http::UpstreamRequest& upstream = planned.upstream;
    telemetry::Span outbound =
        span.start_outbound(upstream.origin.host, upstream.origin.port, upstream.target);
    upstream.headers.set("traceparent", span.traceparent_for(outbound));
    if (!span.tracestate().empty()) upstream.headers.set("tracestate", span.tracestate());

    const auto sent = std::chrono::steady_clock::now();
    Result<http::ResponseHead> response =
        co_await call.start(std::move(upstream), context.timeouts);
    if (!response) {
        metered.duration = std::chrono::steady_clock::now() - sent;
        metered.error = response.error().kind == Error::Kind::Timeout ? UpstreamErrorClass::Timeout
                                                                      : UpstreamErrorClass::Connect;
        if (context.out.failed()) {  // the client left; nobody to answer
            span.on_failure("client_closed");
            span.finish_outbound(std::move(outbound), 0, "client_closed");
            metered.error = UpstreamErrorClass::Cancelled;
            co_return AttemptResult{std::move(metered), std::nullopt};
        }
        log::warn("{}: {}", metered.provider_model, response.error().message);
        ErrorReply error = upstream_failure(response.error());
        span.finish_outbound(std::move(outbound), 0, error.code);
        if (may_give_up && is_retryable_error(response.error())) {
            co_return AttemptResult{std::move(metered), RetryableFailure{}};
        }
        span.on_exception(error.code, response.error().message);
        co_await reply_with_error(context.out, context.client_api, error, span);
        co_return AttemptResult{std::move(metered), std::nullopt};
    }
    if (may_give_up && is_retryable_status(response->status)) {
        span.finish_outbound(std::move(outbound), response->status);
        co_return co_await give_up_on_status(call, *response, std::move(metered), sent);
    }
    ResponseMeter meter;
    const llm::ApiFormat client_api = context.client_api;
    RelayOutcome outcome =
        planned.upstream_api == client_api
            ? co_await relay_response(call, *response, context.out, client_api, meter)
            : co_await relay_translated_response(
                  call, *response, context.out,
                  {planned.upstream_api, client_api, planned.client_asked_usage, planned.model_id},
                  meter, context.capture);
    meter.finish();
    span.on_status(response->status);
    span.on_response(meter);
    if (outcome == RelayOutcome::ClientGone) span.on_failure("client_closed");
    if (outcome == RelayOutcome::UpstreamBroke) span.on_failure("upstream_stream_broken");
    span.finish_outbound(std::move(outbound), response->status);
    co_return AttemptResult{responded(std::move(metered), *response, outcome, meter, sent),
                            std::nullopt};
}

}  // namespace gw::proxy
