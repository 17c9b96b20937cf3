#include "gw/routing/router_conversation.hpp"

#include "gw/routing/message_text.hpp"

namespace gw::routing {
namespace {

const char* role_name(translate::Role role) {
    return role == translate::Role::User ? "user" : "assistant";
}

}  // namespace

std::vector<RouterTurn> router_conversation(const translate::Request& request) {
    std::vector<RouterTurn> turns;
    for (const translate::Message& message : request.messages) {
        if (message.role == translate::Role::Tool) continue;
        std::string text = joined_text(message.parts);
        if (text.empty()) continue;
        turns.push_back({role_name(message.role), std::move(text)});
    }
    return turns;
}

}  // namespace gw::routing
