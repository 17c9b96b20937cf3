#pragma once
// The per-request session decision (dataplane.md §4.6, agents.md §6.3): follow the router's
// candidate, or keep a warm session on the model it is bound to. Our contract (spec README §3)
// differs from the reference here: a warm session stays on its anchor unless a routing budget
// affords the switch; the reference switches freely without a budget.

#include "gw/routing/model_ranking.hpp"
#include "gw/routing/session_binding.hpp"
#include "gw/routing/switch_cost.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gw::routing {

// The prompt cache window of every provider today (5 min idle, below the 1 h hard cap).
inline constexpr std::chrono::seconds kDefaultWarmthWindow{300};

// A model the router chose, with the route that chose it (none when no route matched and the
// candidate is the requested model).
struct RouteCandidate {
    std::string model;
    std::optional<std::string> route_name;
};

// What the request says about its session, whatever the router chose.
struct SessionFacts {
    std::optional<uint64_t> prefix_hash;  // unset: unknown (x-plano-cache: off), never drift
    std::string_view requested_model;     // alias-resolved: the binding's lane
    int64_t now = 0;                      // epoch seconds
    std::chrono::seconds warmth_window = kDefaultWarmthWindow;
};

// The price of a model, nullopt when the cost source has none (e.g. bound to find_price).
using PriceLookup = std::function<std::optional<ModelPrice>(std::string_view model)>;

struct SessionDecisionInput {
    const SessionBinding* binding = nullptr;  // the stored binding of the session; null if none
    RouteCandidate candidate;
    SessionFacts facts;
    // The request's context size in tokens; the binding's usage-refined count is preferred.
    uint64_t context_tokens = 0;
    std::optional<RoutingBudget> budget;  // budget_for_request()
    PriceLookup price_of;                 // may be empty without a cost source
};

// The figures a budget priced a switch with, for the plano.switch.* span attributes.
struct SwitchEvaluation {
    double cost_usd = 0;
    uint64_t candidate_warm_tokens = 0;
    double ceiling_usd = 0;
};

struct SessionDecision {
    std::string model;  // to dispatch to
    std::optional<std::string> route_name;
    bool warm = false;      // the binding was warm on this prefix and lane
    bool switched = false;  // a budget allowed leaving the anchor
    // A new episode: new_session | cold | drifted | other_lane. A warm one: same_anchor,
    // retained (no budget), or the budget's no_pricing | free | within_cap | over_cap.
    std::string reason;
    int64_t idle_ms = 0;  // since the binding was last used; 0 without one
    SessionBinding binding_to_store;
    std::optional<SwitchEvaluation> evaluation;       // when a budget priced a switch
    std::optional<std::string> counterfactual_route;  // over_cap with record_counterfactual
};

// Decides a request of a session. Warm (idle <= window, prefix not drifted, same lane) keeps the
// anchor unless the candidate is the anchor or the budget allows the switch; otherwise the
// candidate starts a new episode (totals reset unless the budget has replenish_on_rebind off).
// binding_to_store is what to persist with a TTL of the warmth window. A request without a
// session id needs no decision: it follows the candidate and stores nothing.
[[nodiscard]] SessionDecision decide_session(const SessionDecisionInput& input);

// route_on_user_only: the anchor and route to replay for a turn that is not a user turn, when
// the binding is warm on this prefix and lane; nullopt when the router must run.
[[nodiscard]] std::optional<RouteCandidate> replayable_decision(const SessionBinding* binding,
                                                                const SessionFacts& facts);

// The refresh after a successful answer: warmth restarts now, the context size becomes the
// provider's prompt token count (when it reported one), and the turn's cost is added.
void record_usage(SessionBinding& binding, int64_t prompt_tokens, double turn_cost_usd,
                  int64_t now);

}  // namespace gw::routing
