#include "gw/routing/router_conversation.hpp"

namespace gw::routing {
namespace {

std::string joined_text(const translate::Message& message) {
    std::string text;
    bool first = true;
    for (const translate::ContentPart& part : message.parts) {
        if (part.kind != translate::ContentPart::Kind::Text) continue;
        if (!first) text.push_back('\n');
        text.append(part.text);
        first = false;
    }
    return text;
}

const char* role_name(translate::Role role) {
    return role == translate::Role::User ? "user" : "assistant";
}

}  // namespace

std::vector<RouterTurn> router_conversation(const translate::Request& request) {
    std::vector<RouterTurn> turns;
    for (const translate::Message& message : request.messages) {
        if (message.role == translate::Role::Tool) continue;
        std::string text = joined_text(message);
        if (text.empty()) continue;
        turns.push_back({role_name(message.role), std::move(text)});
    }
    return turns;
}

}  // namespace gw::routing
