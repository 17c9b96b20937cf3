#pragma once
// One /v1/responses turn under gateway-kept conversation state (agents.md §4.1), for upstreams
// that do not keep it themselves: the stored history goes in front of the request's input, and
// the answer is saved under its id for the next turn's `previous_response_id`.

#include "gw/llm/api.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/state/conversation_store.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gw::proxy {

struct ConversationTurn {
    std::string request_body;  // the client's body, with the history when it continues one
    std::string sent_items;    // the input items of this turn (history included), to save
};

// Only Responses clients of upstreams that do not speak Responses keep state here.
[[nodiscard]] bool keeps_conversation(llm::ApiFormat client_api, llm::ApiFormat upstream_api);

// 409 when `previous_response_id` is unknown (or expired). A store that cannot answer, or
// history that cannot be used, is logged and the turn goes on without it, as the reference does.
boost::asio::awaitable<std::variant<ErrorReply, ConversationTurn>> begin_turn(
    state::ConversationStore& store, std::string_view client_body,
    std::optional<std::string> previous_response_id);

// Saves the turn under the id of `completed_response`, the Responses object the client gets.
void end_turn(state::ConversationStore& store, const ConversationTurn& turn,
              std::string_view completed_response, std::string model, std::string provider);

}  // namespace gw::proxy
