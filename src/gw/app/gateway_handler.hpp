#pragma once
// Routes requests of a model listener: health, model list, CORS preflight, metrics and the LLM
// APIs, and records every request in the HTTP metrics.

#include "gw/app/metrics_endpoint.hpp"
#include "gw/http/request_handler.hpp"
#include "gw/proxy/llm_proxy.hpp"
#include "gw/proxy/routing_api.hpp"
#include "gw/telemetry/request_metrics.hpp"

namespace gw::app {

class GatewayHandler final : public http::RequestHandler {
  public:
    // All must outlive the handler.
    GatewayHandler(proxy::LlmProxy& proxy, const proxy::RoutingApi& routing_api,
                   telemetry::RequestMetrics& metrics, const MetricsEndpoint& metrics_endpoint);

    boost::asio::awaitable<void> handle(http::ServerRequest& request,
                                        http::ResponseWriter& response,
                                        std::size_t worker) override;

    // Which endpoint a request is for; a known path with the wrong method is its own route.
    enum class Route {
        Health,
        CorsPreflight,
        Llm,
        RoutingDecision,
        ListModels,
        Metrics,
        WrongMethod,
        Unknown
    };

  private:
    boost::asio::awaitable<void> dispatch(Route route, http::ServerRequest& request,
                                          http::ResponseWriter& response, std::size_t worker);
    boost::asio::awaitable<void> list_models(http::ResponseWriter& response);
    boost::asio::awaitable<void> scrape(http::ResponseWriter& response);

    proxy::LlmProxy& proxy_;
    const proxy::RoutingApi& routing_api_;
    telemetry::RequestMetrics& metrics_;
    const MetricsEndpoint& metrics_endpoint_;
    std::string models_body_;  // GET /v1/models never changes for a config: render once
};

}  // namespace gw::app
