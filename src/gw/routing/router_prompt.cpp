#include "gw/routing/router_prompt.hpp"

#include "gw/json/escape.hpp"
#include "gw/json/writer.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace gw::routing {
namespace {

// ARCH_ORCHESTRATOR_V1_SYSTEM_PROMPT of the reference, byte for byte. The doubled braces of the
// response format are sent literally: the reference fills it by replacement, not by formatting.
constexpr std::string_view kTemplate = R"PROMPT(
You are a helpful assistant that selects the most suitable routes based on user intent.
You are provided with a list of available routes enclosed within <routes></routes> XML tags:
<routes>
{routes}
</routes>

You are also given the conversation context enclosed within <conversation></conversation> XML tags:
<conversation>
{conversation}
</conversation>

## Instructions
1. Analyze the latest user intent from the conversation.
2. Compare it against the available routes to find which routes can help fulfill the request.
3. Respond only with the exact route names from <routes>.
4. If no routes can help or the intent is already fulfilled, return an empty list.

## Response Format
Return your answer strictly in JSON as follows:
{{"route": ["route_name_1", "route_name_2", "..."]}}
If no routes are needed, return an empty list for `route`.
)PROMPT";
constexpr std::string_view kRoutesPlaceholder = "{routes}";
constexpr std::string_view kConversationPlaceholder = "{conversation}";
constexpr std::size_t kRoutesAt = kTemplate.find(kRoutesPlaceholder);
constexpr std::size_t kConversationAt = kTemplate.find(kConversationPlaceholder);
// The reference's token budget starts from this length (placeholders included).
static_assert(kTemplate.size() == 846);
static_assert(kRoutesAt < kConversationAt && kConversationAt != std::string_view::npos);

constexpr std::size_t kBytesPerToken = 4;                 // the reference's cheap token estimate
constexpr std::string_view kTrimMarker = "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
constexpr std::string_view kIndent = "    ";

// Where a cut may fall: not inside a UTF-8 sequence (the rule of Rust's str::is_char_boundary,
// which also holds, harmlessly, for invalid bytes).
bool is_boundary(std::string_view text, std::size_t index) {
    if (index == 0 || index >= text.size()) return true;
    return (static_cast<uint8_t>(text[index]) & 0xC0) != 0x80;
}

std::size_t boundary_at_or_before(std::string_view text, std::size_t index) {
    while (!is_boundary(text, index)) --index;
    return index;
}

std::size_t boundary_at_or_after(std::string_view text, std::size_t index) {
    while (!is_boundary(text, index)) ++index;
    return index;
}

std::size_t estimated_tokens(std::string_view text) { return text.size() / kBytesPerToken; }

std::size_t tokens_to_bytes(std::size_t tokens) {
    constexpr std::size_t kMaxTokens = std::numeric_limits<std::size_t>::max() / kBytesPerToken;
    return std::min(tokens, kMaxTokens) * kBytesPerToken;
}

// {"name": "...", "description": "...", "parameters": {...}} with Python's separators.
void append_route_line(std::string& out, const RouteSpec& route) {
    out.append(R"({"name": )");
    json::append_quoted(out, route.name);
    out.append(R"(, "description": )");
    json::append_quoted(out, route.description);
    out.append(R"(, "parameters": {"type": "object", "properties": {}, "required": []}})");
}

void append_routes(std::string& out, std::span<const RouteSpec> routes) {
    for (std::size_t i = 0; i < routes.size(); ++i) {
        if (i > 0) out.push_back('\n');
        append_route_line(out, routes[i]);
    }
}

// json.dumps(turns, indent=4): one member per line, nested levels indented by four spaces.
void append_conversation(std::string& out, std::span<const RouterTurn> turns) {
    if (turns.empty()) {
        out.append("[]");
        return;
    }
    out.append("[\n");
    for (std::size_t i = 0; i < turns.size(); ++i) {
        out.append(kIndent).append("{\n");
        out.append(kIndent).append(kIndent).append(R"("role": )");
        json::append_quoted(out, turns[i].role);
        out.append(",\n");
        out.append(kIndent).append(kIndent).append(R"("content": )");
        json::append_quoted(out, turns[i].text);
        out.push_back('\n');
        out.append(kIndent).push_back('}');
        out.append(i + 1 < turns.size() ? ",\n" : "\n");
    }
    out.push_back(']');
}

}  // namespace

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
    return text.substr(0, boundary_at_or_before(text, std::min(max_bytes, text.size())));
}

std::string trim_middle(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    if (max_bytes <= kTrimMarker.size()) return std::string(utf8_prefix(text, max_bytes));
    const std::size_t available = max_bytes - kTrimMarker.size();
    // The head gets more: users frame the task first and often put the actual ask at the end.
    const std::size_t head_length = utf8_prefix(text, available * 3 / 5).size();
    const std::size_t tail_start =
        boundary_at_or_after(text, text.size() - (available - head_length));
    std::string out;
    out.reserve(max_bytes);
    out.append(text.substr(0, head_length));
    out.append(kTrimMarker);
    out.append(text.substr(tail_start));
    return out;
}

std::vector<RouterTurn> select_router_turns(std::span<const RouterTurn> conversation,
                                            std::size_t context_length) {
    const std::span<const RouterTurn> recent =
        conversation.last(std::min(conversation.size(), kMaxRouterTurns));
    std::vector<RouterTurn> newest_first;
    std::size_t tokens = estimated_tokens(kTemplate);
    for (auto turn = recent.rbegin(); turn != recent.rend(); ++turn) {
        const std::size_t turn_tokens = estimated_tokens(turn->text);
        if (tokens + turn_tokens > context_length) {
            const std::size_t remaining = context_length - std::min(tokens, context_length);
            // The newest user intent must reach the router, if only in part.
            if (turn->role == "user" && remaining > 0) {
                newest_first.push_back(
                    {"user", trim_middle(turn->text, tokens_to_bytes(remaining))});
            }
            break;
        }
        tokens += turn_tokens;
        newest_first.push_back(*turn);
    }
    if (newest_first.empty() && !recent.empty()) newest_first.push_back(recent.back());
    std::reverse(newest_first.begin(), newest_first.end());
    return newest_first;
}

std::string build_router_prompt(std::span<const RouteSpec> routes,
                                std::span<const RouterTurn> conversation,
                                std::size_t context_length) {
    const std::vector<RouterTurn> turns = select_router_turns(conversation, context_length);
    const std::size_t conversation_end = kConversationAt + kConversationPlaceholder.size();
    std::string out;
    out.append(kTemplate.substr(0, kRoutesAt));
    append_routes(out, routes);
    out.append(kTemplate.substr(kRoutesAt + kRoutesPlaceholder.size(),
                                kConversationAt - kRoutesAt - kRoutesPlaceholder.size()));
    append_conversation(out, turns);
    out.append(kTemplate.substr(conversation_end));
    return out;
}

std::string router_request_body(std::string_view router_model, std::string_view prompt) {
    std::string body;
    body.reserve(prompt.size() + router_model.size() + 96);
    json::JsonWriter writer(body);
    writer.begin_object().key("messages").begin_array();
    writer.begin_object().key("role").string("user").key("content").string(prompt).end_object();
    writer.end_array();
    writer.key("model").string(router_model);
    writer.key("temperature").raw("0.01");
    writer.end_object();
    return body;
}

}  // namespace gw::routing
