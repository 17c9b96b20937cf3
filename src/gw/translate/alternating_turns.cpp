#include "gw/translate/request_codecs.hpp"

namespace gw::translate::detail {
namespace {

bool becomes_block(const ContentPart& part) {
    if (part.kind == ContentPart::Kind::Text) return !part.text.empty();
    if (part.kind == ContentPart::Kind::Thinking) return !part.signature.empty();
    return true;
}

}  // namespace

std::vector<AlternatingTurn> alternating_turns(const Request& request) {
    std::vector<AlternatingTurn> turns;
    for (const Message& message : request.messages) {
        const bool assistant = message.role == Role::Assistant;
        for (const ContentPart& part : message.parts) {
            if (!becomes_block(part)) continue;
            if (turns.empty() || turns.back().assistant != assistant) {
                turns.push_back(AlternatingTurn{assistant, {}});
            }
            turns.back().blocks.push_back(&part);
        }
    }
    return turns;
}

}  // namespace gw::translate::detail
