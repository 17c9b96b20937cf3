#pragma once
// The route_on_user_only gate (dataplane.md §4.7): whether a request opens a new user turn, which
// goes through the router, or continues one (an agent posting tool results, reminders), which
// may replay the session's prior decision.

#include "gw/translate/ir.hpp"

namespace gw::routing {

// True when the last message is a User message with an image, or with text that is left once
// the harness envelopes (<system-reminder>…</system-reminder>,
// <user-prompt-submit-hook>…</user-prompt-submit-hook>; an unterminated one runs to the end) are
// removed. A tool result, an assistant tail, an empty or envelope-only user text, or no messages
// at all is not a user turn.
[[nodiscard]] bool is_user_turn(const translate::Request& request);

}  // namespace gw::routing
