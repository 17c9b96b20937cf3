#pragma once
// Reading the router model's answer (agents.md §1.5, dataplane.md §4.3): the HTTP status and body
// of the router call, to the name of the route it chose. "No route" is a value (nullopt), a
// failed call is an Error: the reference fails the client request then, it never falls back.

#include "gw/base/result.hpp"
#include "gw/routing/router_prompt.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gw::routing {

// The first route of the answer that names one of `routes` (exactly, case-sensitively), or
// nullopt when the router chose none: no choices, null or empty content, an empty or missing
// `route` list, or only unknown or empty names.
//
// Errors (Kind::Protocol), worded as the reference's, for the lead to prefix with
// "Failed to determine route: ":
// - status not 2xx: "Upstream returned <status>: <message>", the message taken from an OpenAI
//   error envelope as "<message> (param=<param>) [type=<type>]" (absent parts left out), else
//   the first 512 bytes of the body (never cutting a UTF-8 sequence);
// - a 2xx body that is not a chat completion: "Failed to parse JSON response: <detail>";
// - content that is not {"route": [names]} even after the reference's repair (every ' becomes ",
//   every two-character \n is deleted), e.g. prose or a markdown fence:
//   "Orchestrator model error: Failed to parse JSON: <detail>".
[[nodiscard]] Result<std::optional<std::string>> parse_router_answer(
    unsigned http_status, std::string_view body, std::span<const RouteSpec> routes);

}  // namespace gw::routing
