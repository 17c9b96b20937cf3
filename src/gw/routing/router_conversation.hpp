#pragma once
// The conversation a router model classifies (agents.md §1.4 step 1): the user and assistant turns
// of a client request, flattened to plain text. Instructions, tool results, tool calls and images
// carry no intent the routes describe, so they are left out.

#include "gw/translate/ir.hpp"

#include <string>
#include <vector>

namespace gw::routing {

struct RouterTurn {
    std::string role;  // "user" | "assistant"
    std::string text;  // the message's text parts joined by "\n"

    bool operator==(const RouterTurn&) const = default;
};

// The turns of `request` in order. Tool-role messages go, and so does every message whose text
// parts join to nothing (an assistant message with only tool calls, a user message that only
// carries tool results, as the Anthropic decoder produces). System and developer instructions
// are outside Request::messages already.
[[nodiscard]] std::vector<RouterTurn> router_conversation(const translate::Request& request);

}  // namespace gw::routing
