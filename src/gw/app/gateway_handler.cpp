#include "gw/app/gateway_handler.hpp"

#include "gw/json/writer.hpp"
#include "gw/proxy/error_reply.hpp"

#include <optional>

namespace gw::app {
namespace {

namespace asio = boost::asio;

std::optional<llm::ApiFormat> llm_api_for(std::string_view path) {
    if (path == "/v1/chat/completions") return llm::ApiFormat::OpenAiChat;
    if (path == "/v1/messages") return llm::ApiFormat::AnthropicMessages;
    if (path == "/v1/responses") return llm::ApiFormat::OpenAiResponses;
    return std::nullopt;
}

bool is_models_path(std::string_view path) {
    return path == "/v1/models" || path == "/agents/v1/models";
}

std::string render_models(const providers::ProviderTable& table) {
    std::string out;
    json::JsonWriter w(out);
    w.begin_object().key("object").string("list").key("data").begin_array();
    for (const auto& model : table.list_models()) {
        w.begin_object().key("id").string(model.id).key("object").string("model");
        w.key("created").number(0).key("owned_by").string(model.owned_by).end_object();
    }
    w.end_array().end_object();
    return out;
}

Headers json_content() {
    Headers h;
    h.add("Content-Type", "application/json");
    return h;
}

Headers cors_preflight() {
    Headers h;
    h.add("Allow", "GET, POST, OPTIONS");
    h.add("Access-Control-Allow-Origin", "*");
    h.add("Access-Control-Allow-Headers", "Authorization, Content-Type");
    h.add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    h.add("Content-Type", "application/json");
    return h;
}

asio::awaitable<void> not_routed(http::ResponseWriter& out, const http::ServerRequest& request,
                                 int status) {
    proxy::ErrorReply error{
        status, "no route for " + request.method + " " + std::string(request.path()),
        "invalid_request_error", status == 405 ? "method_not_allowed" : "not_found"};
    Headers headers = json_content();
    std::string body = proxy::render_error(llm::ApiFormat::OpenAiChat, error);
    co_await out.send(status, headers, body);
}

GatewayHandler::Route route_of(const http::ServerRequest& request) {
    using Route = GatewayHandler::Route;
    std::string_view path = request.path();
    const std::string& method = request.method;
    if (path.starts_with("/healthz")) return Route::Health;
    if (method == "OPTIONS") return Route::CorsPreflight;
    if (llm_api_for(path)) return method == "POST" ? Route::Llm : Route::WrongMethod;
    if (proxy::routing_api_for(path)) {
        return method == "POST" ? Route::RoutingDecision : Route::WrongMethod;
    }
    if (is_models_path(path)) return method == "GET" ? Route::ListModels : Route::WrongMethod;
    if (path == "/metrics") return method == "GET" ? Route::Metrics : Route::WrongMethod;
    return Route::Unknown;
}

telemetry::HttpHandler handler_label(GatewayHandler::Route route) {
    using Route = GatewayHandler::Route;
    using telemetry::HttpHandler;
    switch (route) {
        case Route::Health:
            return HttpHandler::Health;
        case Route::CorsPreflight:
            return HttpHandler::CorsPreflight;
        case Route::Llm:
            return HttpHandler::LlmChat;
        case Route::RoutingDecision:
            return HttpHandler::RoutingDecision;
        case Route::ListModels:
            return HttpHandler::ListModels;
        case Route::Metrics:
            return HttpHandler::Metrics;
        case Route::WrongMethod:
        case Route::Unknown:
            return HttpHandler::NotFound;
    }
    return HttpHandler::NotFound;
}

}  // namespace

GatewayHandler::GatewayHandler(proxy::LlmProxy& proxy, const proxy::RoutingApi& routing_api,
                               telemetry::RequestMetrics& metrics,
                               const MetricsEndpoint& metrics_endpoint)
    : proxy_(proxy),
      routing_api_(routing_api),
      metrics_(metrics),
      metrics_endpoint_(metrics_endpoint),
      models_body_(render_models(proxy.providers())) {}

asio::awaitable<void> GatewayHandler::handle(http::ServerRequest& request,
                                             http::ResponseWriter& out, std::size_t worker) {
    Route route = route_of(request);
    telemetry::HttpRequestScope observed(metrics_, worker, handler_label(route), request.method);
    co_await dispatch(route, request, out, worker);
    observed.set_status(out.status());
}

asio::awaitable<void> GatewayHandler::dispatch(Route route, http::ServerRequest& request,
                                               http::ResponseWriter& out, std::size_t worker) {
    switch (route) {
        case Route::Health: {
            Headers none;
            co_await out.send(200, none, {});
            break;
        }
        case Route::CorsPreflight: {
            Headers headers = cors_preflight();
            co_await out.send(204, headers, {});
            break;
        }
        case Route::Llm:
            co_await proxy_.serve(request, out, worker, *llm_api_for(request.path()));
            break;
        case Route::RoutingDecision:
            co_await routing_api_.serve(request, out, worker,
                                        *proxy::routing_api_for(request.path()));
            break;
        case Route::ListModels:
            co_await list_models(out);
            break;
        case Route::Metrics:
            co_await scrape(out);
            break;
        case Route::WrongMethod:
            co_await not_routed(out, request, 405);
            break;
        case Route::Unknown:
            co_await not_routed(out, request, 404);
            break;
    }
}

asio::awaitable<void> GatewayHandler::list_models(http::ResponseWriter& out) {
    Headers headers = json_content();
    co_await out.send(200, headers, models_body_);
}

asio::awaitable<void> GatewayHandler::scrape(http::ResponseWriter& out) {
    Headers headers;
    headers.add("Content-Type", std::string(telemetry::kPrometheusContentType));
    std::string page = metrics_endpoint_.render();
    co_await out.send(200, headers, page);
}

}  // namespace gw::app
