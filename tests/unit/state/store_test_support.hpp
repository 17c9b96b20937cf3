#pragma once
// Shared helpers for the conversation store tests.

#include "gw/state/conversation_store.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <future>
#include <string>

namespace gw::state::testing {

using LoadResult = Result<std::optional<StoredConversation>>;

// store.load(id) run to completion on a fresh io_context of the calling thread, as a worker would.
inline LoadResult load_now(ConversationStore& store, std::string response_id) {
    boost::asio::io_context context;
    std::future<LoadResult> result =
        boost::asio::co_spawn(context, store.load(std::move(response_id)), boost::asio::use_future);
    context.run();
    return result.get();
}

inline StoredConversation conversation(std::string items_json, WallClock::time_point created_at,
                                       std::string model = "claude-sonnet-4",
                                       std::string provider = "anthropic/claude-sonnet-4") {
    return StoredConversation{std::move(items_json), created_at, std::move(model),
                              std::move(provider)};
}

}  // namespace gw::state::testing
