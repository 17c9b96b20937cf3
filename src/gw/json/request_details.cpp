#include "gw/json/request_details.hpp"

#include "gw/json/request_details_dom.hpp"

#include <simdjson.h>

namespace gw::json {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::optional<std::string_view> string_at(element value, std::string_view key) {
    std::string_view text;
    if (value[key].get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
    return text;
}

// Chat Completions nests the name under "function"; Messages and Responses put it on the tool.
std::optional<std::string_view> tool_name(element tool) {
    if (auto name = string_at(tool, "name")) return name;
    element function;
    if (tool["function"].get(function) != simdjson::SUCCESS) return std::nullopt;
    return string_at(function, "name");
}

void append_tools(element list, std::string& out) {
    array tools;
    if (list.get_array().get(tools) != simdjson::SUCCESS) return;
    for (element tool : tools) {
        auto name = tool_name(tool);
        if (!name) continue;
        if (!out.empty()) out += '\n';
        out.append(*name).append("(...)");
    }
}

std::optional<std::string> tools_of(const object& root) {
    std::string out;
    element list;
    if (root["tools"].get(list) == simdjson::SUCCESS) append_tools(list, out);
    if (root["functions"].get(list) == simdjson::SUCCESS) append_tools(list, out);  // legacy Chat
    if (out.empty()) return std::nullopt;
    return out;
}

// The first text of a content value: a string, or the first part of type `part_type`.
std::optional<std::string_view> first_text(element content, std::string_view part_type) {
    std::string_view text;
    if (content.get_string().get(text) == simdjson::SUCCESS) return text;
    array parts;
    if (content.get_array().get(parts) != simdjson::SUCCESS) return std::nullopt;
    for (element part : parts) {
        if (string_at(part, "type") == part_type) return string_at(part, "text");
    }
    return std::nullopt;
}

std::optional<element> last_user_item(element list) {
    array items;
    if (list.get_array().get(items) != simdjson::SUCCESS) return std::nullopt;
    std::optional<element> found;
    for (element item : items) {
        if (string_at(item, "role") == "user") found = item;
    }
    return found;
}

std::optional<std::string_view> chat_preview(const object& root) {
    array messages;
    if (root["messages"].get_array().get(messages) != simdjson::SUCCESS) return std::nullopt;
    std::optional<element> last;
    for (element message : messages) last = message;
    if (!last) return std::nullopt;
    std::string_view text;
    if ((*last)["content"].get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
    return text;
}

std::optional<std::string_view> messages_preview(const object& root) {
    element messages;
    if (root["messages"].get(messages) != simdjson::SUCCESS) return std::nullopt;
    auto user = last_user_item(messages);
    element content;
    if (!user || (*user)["content"].get(content) != simdjson::SUCCESS) return std::nullopt;
    return first_text(content, "text");
}

std::optional<std::string_view> responses_preview(const object& root) {
    element input;
    if (root["input"].get(input) != simdjson::SUCCESS) return std::nullopt;
    std::string_view text;
    if (input.get_string().get(text) == simdjson::SUCCESS) return text;
    auto user = last_user_item(input);
    element content;
    if (!user || (*user)["content"].get(content) != simdjson::SUCCESS) return std::nullopt;
    return first_text(content, "input_text");
}

std::optional<std::string_view> preview_source(const object& root, llm::ApiFormat api) {
    switch (api) {
        case llm::ApiFormat::OpenAiChat:
            return chat_preview(root);
        case llm::ApiFormat::AnthropicMessages:
            return messages_preview(root);
        case llm::ApiFormat::OpenAiResponses:
            return responses_preview(root);
        case llm::ApiFormat::BedrockConverse:
            return std::nullopt;
    }
    return std::nullopt;
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string preview_of(std::string_view text) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_continuation_byte(text[i])) continue;
        if (chars == kPreviewChars) return std::string(text.substr(0, i)) + "...";
        ++chars;
    }
    return std::string(text);
}

RequestDetails detail::details_of(const object& root, llm::ApiFormat api) {
    RequestDetails details;
    details.tools = tools_of(root);
    if (auto text = preview_source(root, api)) details.user_message_preview = preview_of(*text);
    return details;
}

}  // namespace gw::json
