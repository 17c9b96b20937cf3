// OpenAI Chat Completions request -> Request.

#include "gw/translate/request_codecs.hpp"
#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"

namespace gw::translate::detail {
namespace {

// {"url": ...}, or the URL string itself as some older clients send it.
Result<std::string_view> image_url_of(element image) {
    if (image.is_string()) return as_string(image, "image_url");
    auto url_object = as_object(image, "image_url");
    if (!url_object) return url_object.error();
    return string_member(*url_object, "url");
}

Result<ContentPart> read_image_part(const object& part) {
    auto image = required(part, "image_url");
    if (!image) return image.error();
    auto url = image_url_of(*image);
    if (!url) return url.error();
    return image_part(*url);
}

Result<ContentPart> read_text_part(const object& part) {
    auto text = read_text_object(part);
    if (!text) return text.error();
    // OpenAI-compatible gateways in front of Claude accept Anthropic's marker on Chat parts.
    text->cache_control = cache_control_of(part);
    return text;
}

Result<ContentPart> read_typed_part(const object& part) {
    auto type = string_member(part, "type");
    if (!type) return type.error();
    if (*type == "text") return read_text_part(part);
    if (*type == "image_url") return read_image_part(part);
    return unsupported("content part type", *type);
}

// Absent or null content has no parts.
Result<std::vector<ContentPart>> read_message_content(const object& message) {
    auto content = member(message, "content");
    if (!content) return std::vector<ContentPart>{};
    return read_content(*content, "content", read_object_part<read_typed_part>);
}

Result<void> read_system_message(const object& message, Request& request) {
    auto parts = read_message_content(message);
    if (!parts) return parts.error();
    add_system_text(*parts, request);
    return {};
}

Result<void> read_conversation_message(const object& message, Role role, Request& request) {
    auto parts = read_message_content(message);
    if (!parts) return parts.error();
    Message& out = message_for(request, role, false);
    out.parts = std::move(*parts);
    // Assistant turns are spelled as in answers, so the response decoder's reader serves.
    if (role == Role::Assistant) return read_chat_tool_calls(message, out.parts);
    return {};
}

// A `tool` message answers the call named by `id_key` (`tool_call_id`; legacy `function`
// messages answer by function `name`, which read_chat_tool_calls uses as a legacy call's id).
Result<void> read_tool_result(const object& message, std::string_view id_key, Request& request) {
    auto id = string_member(message, id_key);
    if (!id) return id.error();
    auto parts = read_message_content(message);
    if (!parts) return parts.error();
    add_tool_result(*id, *parts, request);
    return {};
}

Result<void> read_message(element value, Request& request) {
    auto item = read_role_message(value);
    if (!item) return item.error();
    const auto& [message, role] = *item;
    if (role == "system" || role == "developer") return read_system_message(message, request);
    if (role == "user") return read_conversation_message(message, Role::User, request);
    if (role == "assistant") return read_conversation_message(message, Role::Assistant, request);
    if (role == "tool") return read_tool_result(message, "tool_call_id", request);
    if (role == "function") return read_tool_result(message, "name", request);
    return invalid_value("role", role);
}

Result<void> read_function_definition(element value, std::string_view field, Request& request) {
    auto function = as_object(value, field);
    if (!function) return function.error();
    auto tool = read_tool_definition(*function, "parameters");
    if (!tool) return tool.error();
    request.tools.push_back(std::move(*tool));
    return {};
}

Result<void> read_tool(element value, Request& request) {
    auto tool = read_tool_item(value, "function", AbsentType::Accepted);
    if (!tool) return tool.error();
    auto function = required(*tool, "function");
    if (!function) return function.error();
    return read_function_definition(*function, "function", request);
}

// Legacy `functions`: the function objects without the tool wrapper.
Result<void> read_legacy_function(element value, Request& request) {
    return read_function_definition(value, "functions", request);
}

// {"type":"function","function":{"name":...}}.
Result<ToolChoice> read_function_choice_object(const object& choice) {
    if (auto ok = check_function_choice_type(choice); !ok) return ok.error();
    auto function = required_object(choice, "function");
    if (!function) return function.error();
    return named_tool_choice(*function);
}

// "auto" | "none" | "required" | {"type":"function","function":{"name":...}}.
Result<ToolChoice> read_tool_choice(element value) {
    return read_keyword_or_object_choice(value, "tool_choice", read_function_choice_object);
}

// Legacy `function_call`: "auto" | "none" | {"name":...}.
Result<ToolChoice> read_function_choice(element value) {
    return read_keyword_or_object_choice(value, "function_call", named_tool_choice);
}

constexpr FieldReader kChatFields[] = {
    kModelField,
    {"messages", [](element v, Request& r) { return read_each(v, "messages", read_message, r); }},
    {"tools", [](element v, Request& r) { return read_each(v, "tools", read_tool, r); }},
    {"functions",
     [](element v, Request& r) { return read_each(v, "functions", read_legacy_function, r); }},
    {"tool_choice",
     [](element v, Request& r) { return assign(read_tool_choice(v), r.tool_choice); }},
    {"function_call",
     [](element v, Request& r) { return assign(read_function_choice(v), r.tool_choice); }},
    kParallelToolCallsField,
    kTemperatureField,
    kTopPField,
    kMaxTokensField,
    // The newer name; `max_tokens` wins when a client sends both, whatever their order.
    {"max_completion_tokens",
     [](element v, Request& r) -> Result<void> {
         if (r.max_tokens) return {};
         return assign(as_integer(v, "max_completion_tokens"), r.max_tokens);
     }},
    {"stop", [](element v, Request& r) { return assign(read_string_list(v, "stop"), r.stop); }},
    kStreamField,
    kUserField,
    {"reasoning_effort",
     [](element v, Request& r) {
         return assign(as_string(v, "reasoning_effort"), r.reasoning_effort);
     }},
    {"response_format",
     [](element v, Request& r) {
         return assign(as_object_json(v, "response_format"), r.response_format);
     }},
};

}  // namespace

Result<Request> decode_chat_request(std::string_view body) {
    return decode_request_body(body, {"messages"}, kChatFields);
}

}  // namespace gw::translate::detail
