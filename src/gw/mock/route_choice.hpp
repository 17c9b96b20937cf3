#pragma once
// The mock as a router model: asked with a Plano-Orchestrator prompt (dataplane.md §4.3), it
// answers {"route": [...]} by matching the latest user message against the routes' words, so the
// demo and the tests can route without a real router model.

#include <optional>
#include <string>
#include <string_view>

namespace gw::mock {

// The router answer for `prompt`, or nullopt when `prompt` is not a router prompt. The route
// chosen is the one sharing the most words (4+ letters, any case) of its name and description
// with the last user turn; none shares any → an empty list.
[[nodiscard]] std::optional<std::string> route_choice(std::string_view prompt);

}  // namespace gw::mock
