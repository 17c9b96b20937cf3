#pragma once
// The router-model call of preference routing (dataplane.md §4.3): the Plano-Orchestrator prompt
// sent as a Chat Completions request to the provider serving the router model, and its answer
// read back as the name of a route.

#include "gw/http/upstream_client.hpp"
#include "gw/providers/provider_table.hpp"
#include "gw/proxy/llm_span.hpp"
#include "gw/routing/router_conversation.hpp"
#include "gw/routing/router_prompt.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <span>
#include <string>

namespace gw::proxy {

struct RouterCallSettings {
    std::string router_model;  // overrides.llm_routing_model, provider prefix removed
    std::size_t context_length = routing::kDefaultRouterContextLength;
    http::CallTimeouts timeouts;
};

// The chosen route's name, nullopt when none fits; an error when the router could not be asked
// or its answer not read (the message says which, for "Failed to determine route: ...").
boost::asio::awaitable<Result<std::optional<std::string>>> ask_router(
    http::UpstreamClient& client, const providers::ProviderTable& providers,
    const RouterCallSettings& settings, std::span<const routing::RouteSpec> routes,
    std::span<const routing::RouterTurn> conversation, LlmSpanRecorder& span,
    const std::optional<telemetry::Span>& routing_span);

}  // namespace gw::proxy
