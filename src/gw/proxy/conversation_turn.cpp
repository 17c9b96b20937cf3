#include "gw/proxy/conversation_turn.hpp"

#include "gw/base/log.hpp"
#include "gw/state/history.hpp"

namespace gw::proxy {

bool keeps_conversation(llm::ApiFormat client_api, llm::ApiFormat upstream_api) {
    return client_api == llm::ApiFormat::OpenAiResponses &&
           upstream_api != llm::ApiFormat::OpenAiResponses;
}

boost::asio::awaitable<std::variant<ErrorReply, ConversationTurn>> begin_turn(
    state::ConversationStore& store, std::string_view client_body,
    std::optional<std::string> previous_response_id) {
    ConversationTurn turn{std::string(client_body), {}};
    if (previous_response_id) {
        auto stored = co_await store.load(*previous_response_id);
        if (!stored) {
            log::warn("conversation state unavailable: {}", stored.error().message);
        } else if (!*stored) {
            co_return ErrorReply{
                409,
                "Conversation state not found for previous_response_id: " + *previous_response_id,
                "invalid_request_error", "conversation_not_found"};
        } else if (auto merged = state::prepend_history(client_body, (*stored)->items_json)) {
            turn.request_body = std::move(*merged);
        } else {
            log::warn("conversation state unusable: {}", merged.error().message);
        }
    }
    if (auto items = state::request_input_items(turn.request_body)) {
        turn.sent_items = std::move(*items);
    }
    co_return turn;
}

void end_turn(state::ConversationStore& store, const ConversationTurn& turn,
              std::string_view completed_response, std::string model, std::string provider) {
    if (turn.sent_items.empty()) return;
    auto output = state::response_output_items(completed_response);
    if (!output) return;
    store.save(output->response_id,
               state::StoredConversation{
                   .items_json = state::join_items(turn.sent_items, output->items_json),
                   .created_at = state::WallClock::now(),
                   .model = std::move(model),
                   .provider = std::move(provider),
               });
}

}  // namespace gw::proxy
