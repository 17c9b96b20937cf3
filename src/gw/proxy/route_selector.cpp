#include "gw/proxy/route_selector.hpp"

#include "gw/base/log.hpp"
#include "gw/routing/affinity_hash.hpp"
#include "gw/routing/inline_preferences.hpp"
#include "gw/routing/session_decision.hpp"
#include "gw/routing/switch_cost.hpp"
#include "gw/routing/user_turn.hpp"
#include "gw/telemetry/semconv.hpp"
#include "gw/translate/translate.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <chrono>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;
namespace sc = telemetry::semconv;

int64_t epoch_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string header_or_empty(const Headers& headers, std::string_view name) {
    auto value = headers.get(name);
    return value ? std::string(*value) : std::string();
}

const config::RoutingPreference* find_preference(
    const std::vector<config::RoutingPreference>& preferences, std::string_view name) {
    auto it = std::find_if(preferences.begin(), preferences.end(),
                           [&](const config::RoutingPreference& p) { return p.name == name; });
    return it == preferences.end() ? nullptr : &*it;
}

std::vector<routing::RouteSpec> route_specs(
    const std::vector<config::RoutingPreference>& preferences) {
    std::vector<routing::RouteSpec> out;
    out.reserve(preferences.size());
    for (const auto& p : preferences) out.push_back({p.name, p.description});
    return out;
}

// `first`, then the others of `ranked` in their order.
std::vector<std::string> with_first(std::string first, const std::vector<std::string>& ranked) {
    std::vector<std::string> out{first};
    for (const std::string& model : ranked) {
        if (model != first) out.push_back(model);
    }
    return out;
}

}  // namespace

struct RouteSelector::Step {
    Step(const http::ServerRequest& r, llm::ApiFormat api, std::size_t w, LlmSpanRecorder& s,
         asio::any_io_executor e)
        : request(r), client_api(api), worker(w), span(s), executor(std::move(e)) {}

    const http::ServerRequest& request;
    llm::ApiFormat client_api;
    std::size_t worker;
    LlmSpanRecorder& span;
    asio::any_io_executor executor;
    std::optional<telemetry::Span> routing_span;
    std::string resolved;  // the alias-resolved requested model: the lane, and the default
    const std::vector<config::RoutingPreference>* preferences = nullptr;
    std::optional<translate::Request> decoded;  // only when routing or sessions need it
    std::optional<uint64_t> prefix_hash;
    std::optional<routing::SessionBinding> stored;
    routing::RouteCandidate candidate;
    std::vector<std::string> ranked;  // the matched route's models in ranked order
    RoutingOutcome outcome;
    RouteChoice choice;

    [[nodiscard]] std::string_view body() const {
        return choice.stripped_body ? std::string_view(*choice.stripped_body) : request.body;
    }
};

RouteSelector::RouteSelector(const providers::ProviderTable& table, RoutingSettings settings,
                             std::vector<http::UpstreamClient*> upstreams,
                             session::SessionCache* sessions, MetricsSnapshot metrics,
                             RoutingMetrics* counters)
    : table_(table),
      settings_(std::move(settings)),
      upstreams_(std::move(upstreams)),
      sessions_(sessions),
      metrics_(std::move(metrics)),
      counters_(counters) {}

asio::awaitable<std::variant<ErrorReply, RouteChoice>> RouteSelector::choose(
    const http::ServerRequest& request, llm::ApiFormat client_api, std::string_view requested,
    std::size_t worker, LlmSpanRecorder& span) const {
    Step step(request, client_api, worker, span, co_await asio::this_coro::executor);
    step.routing_span = span.start_routing(requested);
    step.resolved = std::string(table_.resolve_alias(requested));
    step.candidate = {step.resolved, std::nullopt};
    auto inline_preferences = routing::take_inline_preferences(request.body);
    if (!inline_preferences) {
        step.outcome.reason = "invalid_inline_preferences";
        span.finish_routing(std::move(step.routing_span), step.resolved, step.outcome);
        co_return bad_request(inline_preferences.error().message, "invalid_request");
    }
    step.preferences = &settings_.preferences;
    if (*inline_preferences) {
        step.choice.stripped_body = std::move((*inline_preferences)->stripped_body);
        step.preferences = &(*inline_preferences)->preferences;
    }
    co_await load_binding(step);
    if (!replay_decision(step) && !step.preferences->empty()) {
        if (auto error = co_await run_router(step)) co_return std::move(*error);
    }
    apply_session(step);
    record_outcome(step);
    co_return std::move(step.choice);
}

bool RouteSelector::replay_decision(Step& step) const {
    if (!step.decoded || !step.stored || !settings_.routing.route_on_user_only ||
        routing::is_user_turn(*step.decoded)) {
        return false;
    }
    auto replay = routing::replayable_decision(
        &*step.stored,
        {step.prefix_hash, step.resolved, epoch_seconds(), settings_.routing.session_ttl});
    if (!replay) return false;
    step.candidate = std::move(*replay);
    step.outcome.reason = "not_user_turn";
    step.span.set_attribute(sc::kPlanoRoutingSkipped, "not_user_turn");
    return true;
}

void RouteSelector::record_outcome(Step& step) const {
    // The reference's vocabulary: the routed model, "none" without a route, "unknown" when
    // the router failed.
    if (step.choice.route_name || step.choice.pinned) {
        step.outcome.selected = step.choice.models.front();
    } else {
        step.outcome.selected = step.outcome.error.empty() ? "none" : "unknown";
    }
    if (counters_ && step.outcome.reason != "no_preferences") {
        counters_->on_decision(step.outcome.reason, step.outcome.selected);
    }
    step.span.finish_routing(std::move(step.routing_span), step.resolved, step.outcome);
    step.span.on_route(step.choice.route_name, step.choice.session_id);
}

asio::awaitable<void> RouteSelector::load_binding(Step& step) const {
    const Headers& headers = step.request.headers;
    const config::Routing& routing = settings_.routing;
    const std::string explicit_id = header_or_empty(headers, "x-model-affinity");
    const bool implicit_on = routing.routing_budget.has_value() ||
                             (routing.route_on_user_only && !step.preferences->empty());
    const bool needs_request =
        !step.preferences->empty() || (sessions_ && (!explicit_id.empty() || implicit_on));
    if (needs_request) {
        auto decoded = translate::decode_request(step.client_api, step.body());
        if (decoded) step.decoded = std::move(*decoded);
    }
    if (!sessions_) co_return;
    const std::string tenant = routing.session_cache.tenant_header
                                   ? header_or_empty(headers, *routing.session_cache.tenant_header)
                                   : std::string();
    const bool cache_off = iequals(header_or_empty(headers, "x-plano-cache"), "off");
    routing::SessionKeys keys;
    if (step.decoded && !cache_off) keys = routing::session_keys(*step.decoded, tenant);
    step.prefix_hash = keys.prefix_hash;
    if (!explicit_id.empty()) {
        step.choice.session_id = explicit_id;
    } else if (implicit_on) {
        step.choice.session_id = keys.implicit_session;
    }
    if (!step.choice.session_id) co_return;
    step.choice.session_key =
        tenant.empty() ? *step.choice.session_id : tenant + ":" + *step.choice.session_id;
    auto found = co_await sessions_->get(step.worker, step.choice.session_key);
    if (!found) {
        log::warn("session cache: {}", found.error().message);  // fail open: no stickiness
    } else if (*found) {
        step.stored = routing::binding_from_json(**found);
    }
}

asio::awaitable<std::optional<ErrorReply>> RouteSelector::run_router(Step& step) const {
    std::vector<routing::RouterTurn> turns;
    if (step.decoded) turns = routing::router_conversation(*step.decoded);
    if (turns.empty()) {
        step.outcome.reason = "no_conversation";
        co_return std::nullopt;
    }
    const std::vector<routing::RouteSpec> routes = route_specs(*step.preferences);
    auto answer = co_await ask_router(*upstreams_[step.worker], table_, settings_.router, routes,
                                      turns, step.span, step.routing_span);
    if (!answer) {
        step.outcome.error = answer.error().message;
        log::warn("Failed to determine route: {}", answer.error().message);
        if (settings_.routing.on_router_error == config::RouterErrorPolicy::Fail) {
            step.outcome.selected = "unknown";
            step.outcome.reason = "router_error";
            step.span.finish_routing(std::move(step.routing_span), step.resolved, step.outcome);
            co_return ErrorReply{500, "Failed to determine route: " + answer.error().message,
                                 "server_error", "routing_failed"};
        }
        step.outcome.reason = "router_error_fallback";
        co_return std::nullopt;
    }
    const config::RoutingPreference* route =
        *answer ? find_preference(*step.preferences, **answer) : nullptr;
    if (!route) {
        step.outcome.reason = "no_route";
        co_return std::nullopt;
    }
    auto metrics = metrics_ ? metrics_() : std::make_shared<const routing::ModelMetrics>();
    step.ranked = routing::rank_models(route->models, route->selection_policy, *metrics);
    step.candidate = {step.ranked.front(), route->name};
    step.outcome.reason = "route_matched";
    step.outcome.policy = route->selection_policy;
    step.outcome.candidates = step.ranked;
    co_return std::nullopt;
}

void RouteSelector::apply_session(Step& step) const {
    RouteChoice& choice = step.choice;
    if (!choice.session_id) {
        choice.models = with_first(step.candidate.model, step.ranked);
        choice.route_name = step.candidate.route_name;
        return;
    }
    const config::Routing& routing = settings_.routing;
    routing::SessionDecisionInput input;
    input.binding = step.stored ? &*step.stored : nullptr;
    input.candidate = step.candidate;
    input.facts = {step.prefix_hash, step.resolved, epoch_seconds(), routing.session_ttl};
    input.context_tokens = step.body().size() / 4;
    input.budget = routing::budget_for_request(
        routing.routing_budget, routing::parse_switch_spend_pct(header_or_empty(
                                    step.request.headers, "x-plano-max-switch-spend-pct")));
    input.price_of = [this](std::string_view model) { return price_of(model); };
    routing::SessionDecision decision = routing::decide_session(input);
    choice.models = with_first(decision.model, step.ranked);
    choice.route_name = decision.route_name;
    choice.pinned = decision.warm;
    choice.switched = decision.switched;
    LlmSpanRecorder& span = step.span;
    span.set_attribute(sc::kPlanoCacheWarm, decision.warm);
    span.set_attribute(sc::kPlanoCacheIdleMs, decision.idle_ms);
    span.set_attribute(sc::kPlanoSwitchDecision, decision.reason);
    span.set_attribute(sc::kPlanoSessionSwitches, int64_t{decision.binding_to_store.switches});
    if (decision.evaluation)
        span.set_attribute(sc::kPlanoSwitchCost, decision.evaluation->cost_usd);
    if (decision.counterfactual_route) {
        span.set_attribute(sc::kPlanoSwitchCounterfactual, *decision.counterfactual_route);
    }
    if (decision.warm && decision.model != step.candidate.model) {
        step.outcome.reason = "session_" + decision.reason;
    }
    if (counters_ && decision.warm) {
        const bool moved_or_stayed_put =
            decision.switched || decision.model == step.candidate.model;
        counters_->on_switch(moved_or_stayed_put ? "allowed" : "retained", decision.reason);
    }
    store_binding(step.executor, choice.session_key, decision.binding_to_store, step.worker);
    choice.binding = std::move(decision.binding_to_store);
}

std::optional<routing::ModelPrice> RouteSelector::price_of(std::string_view model) const {
    if (!metrics_) return std::nullopt;
    return routing::find_price(*metrics_(), model);
}

void RouteSelector::store_binding(const asio::any_io_executor& executor, const std::string& key,
                                  const routing::SessionBinding& binding,
                                  std::size_t worker) const {
    // Not awaited: the request must not wait for the cache, and a failed store only costs
    // stickiness (it is counted by the cache).
    asio::co_spawn(
        executor,
        [](session::SessionCache* cache, std::size_t at, std::string k, std::string value,
           std::chrono::seconds ttl) -> asio::awaitable<void> {
            auto stored = co_await cache->put(at, std::move(k), std::move(value), ttl);
            if (!stored) log::warn("session cache: {}", stored.error().message);
        }(sessions_, worker, key, routing::to_json(binding), settings_.routing.session_ttl),
        asio::detached);
}

asio::awaitable<void> RouteSelector::on_answered(const RouteChoice& choice,
                                                 const std::optional<llm::Usage>& usage,
                                                 std::size_t worker) const {
    if (!choice.binding || !sessions_) co_return;
    routing::SessionBinding binding = *choice.binding;
    double cost = 0;
    if (usage) {
        if (auto price = price_of(binding.anchor_model)) {
            const double discount = settings_.routing.routing_budget
                                        ? settings_.routing.routing_budget->cache_read_discount
                                        : 0.1;
            cost = routing::turn_cost_usd(*usage, *price, discount);
        }
    }
    routing::record_usage(binding, usage && usage->input_tokens ? *usage->input_tokens : 0, cost,
                          epoch_seconds());
    store_binding(co_await asio::this_coro::executor, choice.session_key, binding, worker);
}

}  // namespace gw::proxy
