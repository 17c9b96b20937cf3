#include "gw/routing/message_text.hpp"

namespace gw::routing {

std::string joined_text(const std::vector<translate::ContentPart>& parts) {
    std::string text;
    bool first = true;
    for (const translate::ContentPart& part : parts) {
        if (part.kind != translate::ContentPart::Kind::Text) continue;
        if (!first) text.push_back('\n');
        text.append(part.text);
        first = false;
    }
    return text;
}

}  // namespace gw::routing
