// OpenAI Chat Completions request -> Request.

#include "gw/translate/request_codecs.hpp"
#include "gw/translate/request_decode.hpp"

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;

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
    auto text = string_member(part, "text");
    if (!text) return text.error();
    ContentPart result = text_part(*text);
    // OpenAI-compatible gateways in front of Claude accept Anthropic's marker on Chat parts.
    if (auto cache = member(part, "cache_control")) result.cache_control = compact_json(*cache);
    return result;
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

// `function` of a tool call, or a legacy `function_call`, which has no id of its own.
Result<ContentPart> read_function_call(const object& function, std::string_view id) {
    auto name = string_member(function, "name");
    if (!name) return name.error();
    auto arguments = string_member(function, "arguments");
    if (!arguments) return arguments.error();
    return tool_call_part(id.empty() ? *name : id, *name, std::string(*arguments));
}

Result<ContentPart> read_tool_call(element value) {
    auto call = as_object(value, "tool_calls");
    if (!call) return call.error();
    auto id = string_member(*call, "id");
    if (!id) return id.error();
    auto function = required_object(*call, "function");
    if (!function) return function.error();
    return read_function_call(*function, *id);
}

Result<void> read_tool_calls(const object& message, Message& out) {
    if (auto legacy = member(message, "function_call")) {
        auto function = as_object(*legacy, "function_call");
        if (!function) return function.error();
        if (auto ok = assign(read_function_call(*function, {}), out.parts.emplace_back()); !ok) {
            return ok;
        }
    }
    auto calls = member(message, "tool_calls");
    if (!calls) return {};
    auto items = as_array(*calls, "tool_calls");
    if (!items) return items.error();
    for (element item : *items) {
        if (auto ok = assign(read_tool_call(item), out.parts.emplace_back()); !ok) return ok;
    }
    return {};
}

Result<void> read_system_message(const object& message, Request& request) {
    auto parts = read_message_content(message);
    if (!parts) return parts.error();
    for (ContentPart& part : *parts) {
        if (part.kind == Kind::Text) request.system.push_back(std::move(part));
    }
    return {};
}

Result<void> read_conversation_message(const object& message, Role role, Request& request) {
    auto parts = read_message_content(message);
    if (!parts) return parts.error();
    Message& out = message_for(request, role, false);
    out.parts = std::move(*parts);
    if (role == Role::Assistant) return read_tool_calls(message, out);
    return {};
}

// A `tool` message answers the call named by `id_key` (`tool_call_id`; legacy `function`
// messages answer by function `name`, which read_function_call uses as the call's id).
Result<void> read_tool_result(const object& message, std::string_view id_key, Request& request) {
    auto id = string_member(message, id_key);
    if (!id) return id.error();
    auto parts = read_message_content(message);
    if (!parts) return parts.error();
    message_for(request, Role::Tool, true)
        .parts.push_back(tool_result_part(*id, joined_text(*parts)));
    return {};
}

Result<void> read_message(element value, Request& request) {
    auto message = as_object(value, "messages");
    if (!message) return message.error();
    auto role = required_string(*message, "role");
    if (!role) return role.error();
    if (*role == "system" || *role == "developer") return read_system_message(*message, request);
    if (*role == "user") return read_conversation_message(*message, Role::User, request);
    if (*role == "assistant") return read_conversation_message(*message, Role::Assistant, request);
    if (*role == "tool") return read_tool_result(*message, "tool_call_id", request);
    if (*role == "function") return read_tool_result(*message, "name", request);
    return invalid_value("role", *role);
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
    auto tool = as_object(value, "tools");
    if (!tool) return tool.error();
    auto type = string_member(*tool, "type");
    if (!type) return type.error();
    if (!type->empty() && *type != "function") return unsupported("tool type", *type);
    auto function = required(*tool, "function");
    if (!function) return function.error();
    return read_function_definition(*function, "function", request);
}

// Legacy `functions`: the function objects without the tool wrapper.
Result<void> read_legacy_function(element value, Request& request) {
    return read_function_definition(value, "functions", request);
}

Result<ToolChoice> named_choice(const object& function) {
    auto name = string_member(function, "name");
    if (!name) return name.error();
    return ToolChoice{ToolChoice::Kind::Named, std::string(*name)};
}

// "auto" | "none" | "required" | {"type":"function","function":{"name":...}}.
Result<ToolChoice> read_tool_choice(element value) {
    if (auto keyword = as_string(value, "tool_choice")) return tool_choice_keyword(*keyword);
    auto choice = as_object(value, "tool_choice");
    if (!choice) return wrong_type("tool_choice", "a string or an object");
    auto type = string_member(*choice, "type");
    if (!type) return type.error();
    if (*type != "function") return unsupported("tool_choice type", *type);
    auto function = required_object(*choice, "function");
    if (!function) return function.error();
    return named_choice(*function);
}

// Legacy `function_call`: "auto" | "none" | {"name":...}.
Result<ToolChoice> read_function_choice(element value) {
    if (auto keyword = as_string(value, "function_call")) return tool_choice_keyword(*keyword);
    auto choice = as_object(value, "function_call");
    if (!choice) return wrong_type("function_call", "a string or an object");
    return named_choice(*choice);
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

Result<Request> decode_chat_object(const object& root) {
    Request request;
    if (auto messages = required(root, "messages"); !messages) return messages.error();
    if (auto ok = read_fields(root, kChatFields, request); !ok) return ok.error();
    return request;
}

}  // namespace

Result<Request> decode_chat_request(std::string_view body) {
    return decode_object(body, decode_chat_object);
}

}  // namespace gw::translate::detail
