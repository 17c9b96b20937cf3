#pragma once
// Builds the conversation store that `state_storage` asks for.

#include "gw/config/model.hpp"
#include "gw/state/conversation_store.hpp"

#include <memory>

namespace gw::state {

// Memory needs nothing; Postgres connects and creates its table here, blocking for up to a few
// seconds, so call it at startup (a failure should stop the gateway, as in the reference).
[[nodiscard]] Result<std::unique_ptr<ConversationStore>> make_conversation_store(
    const config::StateStorage& storage);

}  // namespace gw::state
