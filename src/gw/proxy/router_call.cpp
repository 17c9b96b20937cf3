#include "gw/proxy/router_call.hpp"

#include "gw/providers/upstream_plan.hpp"
#include "gw/routing/router_answer.hpp"

#include <fmt/format.h>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

// A router answer is a short JSON object; anything much larger is not one.
constexpr std::size_t kMaxAnswerBytes = 1u << 20;

Result<http::UpstreamRequest> router_request(const providers::ProviderTable& providers,
                                             const RouterCallSettings& settings, std::string body) {
    auto target = providers.find(settings.router_model);
    if (!target) {
        return Error::not_found(
            fmt::format("router model '{}' has no provider; add one with "
                        "model: <provider>/{}",
                        settings.router_model, settings.router_model));
    }
    Headers no_client_headers;
    providers::PlanInput input{llm::ApiFormat::OpenAiChat, "/v1/chat/completions", false,
                               &no_client_headers};
    auto plan = providers::plan_upstream(*target, input);
    if (!plan) return plan.error();
    http::UpstreamRequest request;
    request.origin = {plan->origin.tls, std::move(plan->origin.host), plan->origin.port};
    request.target = std::move(plan->path);
    request.host_header = std::move(plan->host_header);
    request.headers = std::move(plan->headers);
    request.headers.set("Content-Type", "application/json");
    request.headers.set("model", "plano-orchestrator");
    request.body = std::move(body);
    return request;
}

asio::awaitable<Result<std::string>> read_answer(http::UpstreamCall& call) {
    std::string body;
    for (;;) {
        Result<std::string_view> slice = co_await call.read_body();
        if (!slice) co_return slice.error();
        if (slice->empty()) co_return body;
        if (body.size() + slice->size() > kMaxAnswerBytes) {
            call.abort();
            co_return Error::limit("router answer larger than 1 MiB");
        }
        body.append(*slice);
    }
}

}  // namespace

asio::awaitable<Result<std::optional<std::string>>> ask_router(
    http::UpstreamClient& client, const providers::ProviderTable& providers,
    const RouterCallSettings& settings, std::span<const routing::RouteSpec> routes,
    std::span<const routing::RouterTurn> conversation, LlmSpanRecorder& span,
    const std::optional<telemetry::Span>& routing_span) {
    const std::string prompt =
        routing::build_router_prompt(routes, conversation, settings.context_length);
    auto request = router_request(providers, settings,
                                  routing::router_request_body(settings.router_model, prompt));
    if (!request) co_return request.error();
    telemetry::Span call_span = span.start_router_call(routing_span, request->origin.host,
                                                       request->origin.port, request->target);
    request->headers.set("traceparent", span.traceparent_for(call_span));
    http::UpstreamCall call(client);
    auto head = co_await call.start(std::move(*request), settings.timeouts);
    if (!head) {
        span.finish_outbound(std::move(call_span), 0, "router_unreachable");
        co_return head.error();
    }
    auto body = co_await read_answer(call);
    span.finish_outbound(std::move(call_span), head->status);
    if (!body) co_return body.error();
    co_return routing::parse_router_answer(static_cast<unsigned>(head->status), *body, routes);
}

}  // namespace gw::proxy
