#pragma once
// Routes requests of a model listener: health, model list, CORS preflight, and the LLM APIs.

#include "gw/http/request_handler.hpp"
#include "gw/proxy/llm_proxy.hpp"

namespace gw::app {

class GatewayHandler final : public http::RequestHandler {
  public:
    explicit GatewayHandler(proxy::LlmProxy& proxy);

    boost::asio::awaitable<void> handle(http::ServerRequest& request,
                                        http::ResponseWriter& response,
                                        std::size_t worker) override;

  private:
    boost::asio::awaitable<void> list_models(http::ResponseWriter& response);

    proxy::LlmProxy& proxy_;
    std::string models_body_;  // GET /v1/models never changes for a config: render once
};

}  // namespace gw::app
