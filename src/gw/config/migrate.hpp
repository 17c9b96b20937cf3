#pragma once
// Legacy forms rewritten into the v0.4.0 shape (cli.md §2.3 steps 3-4).

#include "gw/config/diagnostics.hpp"
#include "gw/config/document.hpp"

#include <array>
#include <string_view>

namespace gw::config::detail {

// "v0.3.0" -> {0, 3, 0}: leading v dropped, "-suffix" dropped, non-numeric parts read as 0.
std::array<int, 3> version_tuple(std::string_view version);

// Below v0.4.0: lifts provider-level routing_preferences to the top level (grouped by name,
// top level wins) and bumps the version to v0.4.0.
void migrate_inline_preferences(Document& doc, Diagnostics& diag);

// Ensures exactly one model listener: rejects a second one, appends the default egress_traffic
// listener when there is none.
void normalise_listeners(Document& doc, Diagnostics& diag);

}  // namespace gw::config::detail
