#include "gw/routing/user_turn.hpp"

#include "gw/routing/message_text.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace gw::routing {
namespace {

using translate::ContentPart;

// Written next to tool results by agent harnesses (Claude Code), not typed by the user.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kInjectedEnvelopes{{
    {"<system-reminder>", "</system-reminder>"},
    {"<user-prompt-submit-hook>", "</user-prompt-submit-hook>"},
}};

constexpr std::string_view kWhitespace = " \t\n\r\f\v";

void strip_envelopes(std::string& text, std::string_view open, std::string_view close) {
    for (size_t start = text.find(open); start != std::string::npos; start = text.find(open)) {
        const size_t close_at = text.find(close, start + open.size());
        const size_t end = close_at == std::string::npos ? text.size() : close_at + close.size();
        text.erase(start, end - start);
    }
}

bool has_user_text(const std::vector<ContentPart>& parts) {
    std::string text = joined_text(parts);
    for (const auto& [open, close] : kInjectedEnvelopes) strip_envelopes(text, open, close);
    return text.find_first_not_of(kWhitespace) != std::string::npos;
}

// A pasted screenshot without a caption is still the user speaking.
bool has_attachment(const std::vector<ContentPart>& parts) {
    return std::ranges::any_of(
        parts, [](const ContentPart& part) { return part.kind == ContentPart::Kind::Image; });
}

}  // namespace

bool is_user_turn(const translate::Request& request) {
    if (request.messages.empty()) return false;
    const translate::Message& last = request.messages.back();
    if (last.role != translate::Role::User) return false;
    return has_attachment(last.parts) || has_user_text(last.parts);
}

}  // namespace gw::routing
