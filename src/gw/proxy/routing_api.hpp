#pragma once
// The routing-decision API (dataplane.md §4.9): POST /routing/v1/{chat/completions, messages,
// responses} runs the same routing as the proxy — inline preferences, router model, ranking,
// session affinity — and answers with the decision instead of calling a model, so clients can
// dispatch (and fall back along `models`) themselves.

#include "gw/http/response_writer.hpp"
#include "gw/http/server_request.hpp"
#include "gw/llm/api.hpp"
#include "gw/proxy/route_selector.hpp"
#include "gw/telemetry/tracer.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace gw::proxy {

// The client API of a routing-decision path, nullopt for any other path.
[[nodiscard]] std::optional<llm::ApiFormat> routing_api_for(std::string_view path);

// 200 {"models", "route", "trace_id", "session_id"?, "pinned", "switched"}; 400
// {"error":{"code":"InvalidRequest","message"}} for a body that is not a request; 500
// {"error":{"code":"InternalServerError","message","details":{"reason"}}} when routing fails.
class RoutingApi {
  public:
    // Both must outlive the API.
    RoutingApi(const RouteSelector& router, const telemetry::Tracer& tracer);

    boost::asio::awaitable<void> serve(http::ServerRequest& request, http::ResponseWriter& out,
                                       std::size_t worker, llm::ApiFormat client_api) const;

  private:
    const RouteSelector& router_;
    const telemetry::Tracer& tracer_;
};

}  // namespace gw::proxy
