#include "gw/proxy/llm_proxy.hpp"

#include "gw/base/log.hpp"
#include "gw/json/request_scan.hpp"
#include "gw/json/splice.hpp"
#include "gw/providers/upstream_plan.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/relay.hpp"

#include <fmt/format.h>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

asio::awaitable<void> reply(http::ResponseWriter& out, llm::ApiFormat api, const ErrorReply& e) {
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

http::UpstreamRequest to_upstream_request(providers::UpstreamPlan plan, std::string body) {
    http::UpstreamRequest request;
    request.origin = {plan.origin.tls, std::move(plan.origin.host), plan.origin.port};
    request.target = std::move(plan.path);
    request.host_header = std::move(plan.host_header);
    request.headers = std::move(plan.headers);
    request.body = std::move(body);
    return request;
}

}  // namespace

LlmProxy::LlmProxy(providers::ProviderTable table, ProxySettings settings,
                   std::vector<http::UpstreamClient*> upstreams)
    : table_(std::move(table)), settings_(settings), upstreams_(std::move(upstreams)) {}

asio::awaitable<void> LlmProxy::serve(http::ServerRequest& request, http::ResponseWriter& out,
                                      std::size_t worker, llm::ApiFormat client_api) {
    auto fields = json::scan_request(request.body);
    if (!fields) {
        co_await reply(
            out, client_api,
            bad_request("Failed to parse request: " + fields.error().message, "invalid_request"));
        co_return;
    }
    std::string requested = fields->model.value_or("");
    std::string_view resolved_name = table_.resolve_alias(requested);
    auto target = table_.find(resolved_name);
    if (!target) {
        co_await reply(out, client_api, model_not_found(resolved_name));
        co_return;
    }
    providers::PlanInput input{client_api, request.path(), fields->stream, &request.headers};
    auto plan = providers::plan_upstream(*target, input);
    if (!plan) {
        co_await reply(out, client_api, bad_request(plan.error().message, "provider_config"));
        co_return;
    }
    if (plan->upstream_api != client_api) {
        // Cross-API translation (e.g. Messages to a Chat-only provider) is not built yet; refusing
        // beats sending a body the provider cannot understand.
        co_await reply(out, client_api,
                       bad_request(fmt::format("{} requests cannot be served by provider '{}' yet "
                                               "(it speaks {}); use a provider with the same API",
                                               llm::to_string(client_api), target->name,
                                               llm::to_string(plan->upstream_api)),
                                   "unsupported_translation"));
        co_return;
    }
    std::string body = json::replace_string_field(request.body, "model", plan->model_id);
    http::UpstreamRequest upstream = to_upstream_request(std::move(*plan), std::move(body));

    http::UpstreamCall call(*upstreams_[worker]);
    // A client that leaves closes the upstream exchange at once, which ends the pending read.
    out.watch_disconnect([&call] { call.abort(); });
    co_await forward(call, std::move(upstream), out, client_api, target->name);
    out.stop_watching();
}

asio::awaitable<void> LlmProxy::forward(http::UpstreamCall& call, http::UpstreamRequest upstream,
                                        http::ResponseWriter& out, llm::ApiFormat client_api,
                                        std::string provider_name) {
    http::CallTimeouts timeouts{settings_.connect_timeout, settings_.upstream_timeout};
    Result<http::ResponseHead> response = co_await call.start(std::move(upstream), timeouts);
    if (!response) {
        if (out.failed()) co_return;  // the client left; nobody to answer
        log::warn("{}: {}", provider_name, response.error().message);
        co_await reply(out, client_api, upstream_failure(response.error()));
        co_return;
    }
    co_await relay_response(call, *response, out, client_api);
}

}  // namespace gw::proxy
