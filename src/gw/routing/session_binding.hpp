#pragma once
// A session's binding to a model and the state the session decision reasons about across turns
// (agents.md §4.2), with its JSON form for the session cache. The JSON is the reference's
// (serde field names, epoch seconds, optional members left out), so a Redis shared with it reads
// both ways.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {

// One model the session was dispatched to: lets a return to a still-warm model be priced as
// re-reading only what was appended since.
struct RouteVisit {
    std::string model;
    int64_t last_used = 0;       // epoch seconds
    uint64_t cached_tokens = 0;  // context size that model saw on its last turn
};

inline constexpr std::size_t kMaxRouteHistory = 8;

struct SessionBinding {
    // The model that served the latest turn: what the session is warm on.
    std::string anchor_model;
    // The model this warm episode started on; the never-switch baseline is priced against it.
    std::string default_model;
    // The (alias-resolved) model the client asked for: model lanes over one prefix (an agent's
    // main loop and its small-fast side calls) must not inherit each other's decision.
    std::string requested_model;
    std::optional<std::string> route_name;
    std::optional<uint64_t> prefix_hash;
    int64_t last_used = 0;        // epoch seconds
    uint64_t cached_tokens = 0;   // context size a switch would re-read
    double baseline_usd = 0;      // never-switch cost of this warm episode
    double switch_spend_usd = 0;  // spent on paid switches this episode; never decreases
    uint32_t switches = 0;
    std::vector<RouteVisit> history;  // at most kMaxRouteHistory models, least recent evicted
    double session_cost_usd = 0;      // actual cost of the whole conversation
};

// Refreshes `model`'s visit (or adds it), then evicts the least recently used beyond
// kMaxRouteHistory.
void record_route_visit(std::vector<RouteVisit>& history, std::string_view model, int64_t last_used,
                        uint64_t cached_tokens);

[[nodiscard]] std::string to_json(const SessionBinding& binding);

// nullopt for anything that is not a binding (garbled bytes, wrong member types, a missing
// anchor_model or last_used): a cache value that cannot be trusted reads as no binding.
[[nodiscard]] std::optional<SessionBinding> binding_from_json(std::string_view json);

}  // namespace gw::routing
