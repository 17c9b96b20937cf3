#pragma once
// Which model serves a request, and which to fall back to (dataplane.md §4, agents.md §6): the
// alias-resolved model, or — with routing preferences — the route the router model picks, its
// models ranked by selection_policy; then session affinity keeps a warm session on the model it
// is bound to. Every decision is recorded on the routing span with its reason.

#include "gw/config/model.hpp"
#include "gw/http/server_request.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/llm/api.hpp"
#include "gw/providers/provider_table.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/llm_span.hpp"
#include "gw/proxy/router_call.hpp"
#include "gw/proxy/routing_metrics.hpp"
#include "gw/routing/model_ranking.hpp"
#include "gw/routing/session_binding.hpp"
#include "gw/session/session_cache.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gw::proxy {

struct RoutingSettings {
    std::vector<config::RoutingPreference> preferences;
    config::Routing routing;
    RouterCallSettings router;
};

// The latest prices and latencies (never null); empty metrics rank in declared order.
using MetricsSnapshot = std::function<std::shared_ptr<const routing::ModelMetrics>()>;

struct RouteChoice {
    std::vector<std::string> models;  // to try in order: the decided model, then fallbacks
    std::optional<std::string> route_name;
    std::optional<std::string> session_id;
    std::optional<std::string> stripped_body;  // the body without inline routing_preferences
    bool pinned = false;                       // a warm session kept its model
    bool switched = false;                     // a budget let a warm session move
    // The session's binding as stored, refreshed after a successful answer.
    std::optional<routing::SessionBinding> binding;
    std::string session_key;  // [tenant:]session, the cache key
};

class RouteSelector {
  public:
    // `table`, the clients, `sessions` (null: no session affinity) and `counters` (null: not
    // counted) must outlive the selector.
    RouteSelector(const providers::ProviderTable& table, RoutingSettings settings,
                  std::vector<http::UpstreamClient*> upstreams, session::SessionCache* sessions,
                  MetricsSnapshot metrics, RoutingMetrics* counters = nullptr);

    // 400 for malformed inline preferences; 500 when the router fails and the policy is `fail`.
    boost::asio::awaitable<std::variant<ErrorReply, RouteChoice>> choose(
        const http::ServerRequest& request, llm::ApiFormat client_api, std::string_view requested,
        std::size_t worker, LlmSpanRecorder& span) const;

    // After a successful answer: the session's binding learns the real prompt size and cost.
    boost::asio::awaitable<void> on_answered(const RouteChoice& choice,
                                             const std::optional<llm::Usage>& usage,
                                             std::size_t worker) const;

  private:
    struct Step;  // the state of one choose() call
    boost::asio::awaitable<std::optional<ErrorReply>> run_router(Step& step) const;
    boost::asio::awaitable<void> load_binding(Step& step) const;
    // route_on_user_only: a turn that is not the user's reuses the session's last decision.
    bool replay_decision(Step& step) const;
    // The routing span, the llm span's route attributes and the decision counter.
    void record_outcome(Step& step) const;
    void apply_session(Step& step) const;
    [[nodiscard]] std::optional<routing::ModelPrice> price_of(std::string_view model) const;
    void store_binding(const boost::asio::any_io_executor& executor, const std::string& key,
                       const routing::SessionBinding& binding, std::size_t worker) const;

    const providers::ProviderTable& table_;
    RoutingSettings settings_;
    std::vector<http::UpstreamClient*> upstreams_;
    session::SessionCache* sessions_;
    MetricsSnapshot metrics_;
    RoutingMetrics* counters_;
};

}  // namespace gw::proxy
