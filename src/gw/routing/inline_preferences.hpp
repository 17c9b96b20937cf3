#pragma once
// Per-request routing preferences (dataplane.md §4.1): a top-level `routing_preferences` array in
// the client's body replaces the configured list for that request, and is taken out of the body
// before it is forwarded, since no provider knows the member.

#include "gw/base/result.hpp"
#include "gw/config/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {

struct InlinePreferences {
    // In the client's order; may be empty, which turns routing off for this request (the
    // reference then asks no router). Models are not checked against the providers here.
    std::vector<config::RoutingPreference> preferences;
    std::string stripped_body;  // the body without the member, every other byte as sent
};

// nullopt when the body has no top-level `routing_preferences` (checked first with a byte search,
// so the common body is not parsed here at all) or is not readable as a JSON object up to it;
// the proxy's own parse of the body (the stripped one otherwise) reports malformed JSON.
// InvalidArgument, with a message for the client naming the field, e.g.
// "invalid `routing_preferences[0].models`: expected a non-empty array of model names", when the
// member is not an array of {name, description, models[≥1], selection_policy?: {prefer?}} with
// unique names, or is given twice. `prefer` is cheapest | fastest | none; null, "" and absent
// mean none, as in the reference.
[[nodiscard]] Result<std::optional<InlinePreferences>> take_inline_preferences(
    std::string_view body);

}  // namespace gw::routing
