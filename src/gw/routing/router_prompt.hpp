#pragma once
// The Plano-Orchestrator router prompt (agents.md §1.4, dataplane.md §4.3): the routes and the
// recent conversation substituted into the reference's template byte for byte, so a router model
// trained on the reference's prompts sees exactly what it was trained on.

#include "gw/routing/router_conversation.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {

// A route the router model may choose, as the prompt describes it.
struct RouteSpec {
    std::string name;
    std::string description;
};

// The reference's `orchestrator_model_context_length` default, in estimated tokens.
inline constexpr std::size_t kDefaultRouterContextLength = 8192;
// Only the most recent turns are considered (the reference's MAX_ROUTING_TURNS).
inline constexpr std::size_t kMaxRouterTurns = 16;

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// sequence (for bytes that are not UTF-8, a cut is only kept off continuation bytes).
[[nodiscard]] std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// At most `max_bytes` bytes of `text`: unchanged when it fits, else ~60% of the budget from the
// head, U+2026 "…", and the rest from the tail, cut only at character boundaries. When the budget
// cannot even hold the marker (≤ 3 bytes), a head cut alone. Invalid UTF-8 never makes a cut run
// out of bounds; it is passed through for the JSON writer to repair.
[[nodiscard]] std::string trim_middle(std::string_view text, std::size_t max_bytes);

// The turns of `conversation` the prompt shows, oldest first: the last kMaxRouterTurns, then as
// many of the newest as fit `context_length` tokens (bytes / 4, the template counted first). A
// user turn that overflows is middle-trimmed to the remaining budget and ends the selection; any
// other overflowing turn just ends it. When nothing fits, the newest turn whole.
[[nodiscard]] std::vector<RouterTurn> select_router_turns(std::span<const RouterTurn> conversation,
                                                          std::size_t context_length);

// The full prompt: `routes` one JSON object per line (Python json.dumps spacing, key order name,
// description, parameters), and the selected turns as a json.dumps(indent=4, ensure_ascii=False)
// array of {"role", "content"}. Placeholders are filled in one pass, so a route description that
// happens to contain "{conversation}" stays as written.
[[nodiscard]] std::string build_router_prompt(
    std::span<const RouteSpec> routes, std::span<const RouterTurn> conversation,
    std::size_t context_length = kDefaultRouterContextLength);

// The router call's Chat Completions body, compact, in the reference's member order:
// {"messages":[{"role":"user","content":<prompt>}],"model":<router_model>,"temperature":0.01}
[[nodiscard]] std::string router_request_body(std::string_view router_model,
                                              std::string_view prompt);

}  // namespace gw::routing
