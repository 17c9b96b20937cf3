// OpenAI Responses request -> Request.

#include "gw/json/writer.hpp"
#include "gw/translate/request_codecs.hpp"
#include "gw/translate/request_decode.hpp"

namespace gw::translate::detail {
namespace {

Result<ContentPart> read_input_image(const object& part) {
    auto url = string_member(part, "image_url");
    if (!url) return url.error();
    // Uploaded files live at OpenAI; nothing else can resolve a file_id.
    if (url->empty()) return unsupported("input_image source", "file_id");
    return image_part(*url);
}

Result<ContentPart> read_typed_part(const object& part) {
    auto type = string_member(part, "type");
    if (!type) return type.error();
    if (*type == "input_text" || *type == "output_text") return read_text_object(part);
    if (*type == "input_image") return read_input_image(part);
    return unsupported("content part type", *type);
}

Result<Role> conversation_role(std::string_view role) {
    if (role == "user") return Role::User;
    if (role == "assistant") return Role::Assistant;
    return invalid_value("role", role);
}

// Assistant messages absorb the function calls that follow them (one Chat message with
// content and tool_calls).
Result<void> read_message_item(const object& item, Request& request) {
    auto role = string_member(item, "role");
    if (!role) return role.error();
    auto content = required(item, "content");
    if (!content) return content.error();
    auto parts = read_content(*content, "content", read_object_part<read_typed_part>);
    if (!parts) return parts.error();
    if (*role == "system" || *role == "developer") {
        add_system_text(*parts, request);
        return {};
    }
    auto turn = conversation_role(*role);
    if (!turn) return turn.error();
    Message& message = message_for(request, *turn, *turn == Role::Assistant);
    for (ContentPart& part : *parts) message.parts.push_back(std::move(part));
    return {};
}

Result<void> read_function_call_item(const object& item, Request& request) {
    auto call_id = string_member(item, "call_id");
    if (!call_id) return call_id.error();
    auto name = string_member(item, "name");
    if (!name) return name.error();
    auto arguments = string_member(item, "arguments");
    if (!arguments) return arguments.error();
    message_for(request, Role::Assistant, true)
        .parts.push_back(tool_call_part(*call_id, *name, std::string(*arguments)));
    return {};
}

Result<void> read_function_output_item(const object& item, Request& request) {
    auto call_id = string_member(item, "call_id");
    if (!call_id) return call_id.error();
    auto output = required(item, "output");
    if (!output) return output.error();
    auto parts = read_content(*output, "output", read_object_part<read_typed_part>);
    if (!parts) return parts.error();
    add_tool_result(*call_id, *parts, request);
    return {};
}

// Reasoning items are the model's own summaries (and OpenAI-encrypted content): Chat and
// Messages upstreams cannot take them back, so they are dropped.
Result<void> read_item(element value, Request& request) {
    auto item = as_object(value, "input");
    if (!item) return item.error();
    auto type = string_member(*item, "type");
    if (!type) return type.error();
    if (type->empty() || *type == "message") return read_message_item(*item, request);
    if (*type == "function_call") return read_function_call_item(*item, request);
    if (*type == "function_call_output") return read_function_output_item(*item, request);
    if (*type == "reasoning") return {};
    return unsupported("input item type", *type);
}

Result<void> read_input(element value, Request& request) {
    if (auto text = as_string(value, "input")) {
        message_for(request, Role::User, false).parts.push_back(text_part(*text));
        return {};
    }
    if (!value.is_array()) return wrong_type("input", "a string or an array of input items");
    return read_each(value, "input", read_item, request);
}

Result<void> read_instructions(element value, Request& request) {
    auto text = as_string(value, "instructions");
    if (!text) return text.error();
    request.system.push_back(text_part(*text));
    return {};
}

// Built-in tools (web_search, file_search, computer_use, ...) run inside OpenAI.
Result<void> read_tool(element value, Request& request) {
    auto tool = read_tool_item(value, "function", AbsentType::Refused);
    if (!tool) return tool.error();
    return assign(read_tool_definition(*tool, "parameters"), request.tools.emplace_back());
}

// {"type":"function","name":...}: flat, unlike Chat's.
Result<ToolChoice> read_function_choice_object(const object& choice) {
    if (auto ok = check_function_choice_type(choice); !ok) return ok.error();
    return named_tool_choice(choice);
}

// "auto" | "none" | "required" | {"type":"function","name":...}.
Result<ToolChoice> read_tool_choice(element value) {
    return read_keyword_or_object_choice(value, "tool_choice", read_function_choice_object);
}

Result<void> read_reasoning(element value, Request& request) {
    auto reasoning = as_object(value, "reasoning");
    if (!reasoning) return reasoning.error();
    auto effort = member(*reasoning, "effort");
    if (!effort) return {};
    return assign(as_string(*effort, "effort"), request.reasoning_effort);
}

// Responses' flat {"type":"json_schema","name","schema","strict"?,"description"?} as Chat's
// response_format, which nests all but the type under "json_schema".
Result<std::string> json_schema_format(const object& format) {
    auto name = string_member(format, "name");
    if (!name) return name.error();
    auto schema = required(format, "schema");
    if (!schema) return schema.error();
    std::string out;
    json::JsonWriter writer(out);
    writer.begin_object().key("type").string("json_schema").key("json_schema").begin_object();
    writer.key("name").string(*name);
    for (std::string_view key : {"description", "strict"}) {
        if (auto value = member(format, key)) writer.key(key).raw(compact_json(*value));
    }
    writer.key("schema").raw(compact_json(*schema)).end_object().end_object();
    return out;
}

// text.format: "text" is the default; json_object and json_schema become Chat response_format.
Result<void> read_text_config(element value, Request& request) {
    auto text = as_object(value, "text");
    if (!text) return text.error();
    auto format_value = member(*text, "format");
    if (!format_value) return {};
    auto format = as_object(*format_value, "format");
    if (!format) return format.error();
    auto type = string_member(*format, "type");
    if (!type) return type.error();
    if (*type == "text") return {};
    if (*type == "json_object") {
        request.response_format = R"({"type":"json_object"})";
        return {};
    }
    if (*type != "json_schema") return invalid_value("text.format.type", *type);
    return assign(json_schema_format(*format), request.response_format);
}

constexpr FieldReader kResponsesFields[] = {
    kModelField,
    {"instructions", read_instructions},
    {"input", read_input},
    {"tools", [](element v, Request& r) { return read_each(v, "tools", read_tool, r); }},
    {"tool_choice",
     [](element v, Request& r) { return assign(read_tool_choice(v), r.tool_choice); }},
    kParallelToolCallsField,
    kTemperatureField,
    kTopPField,
    {"max_output_tokens",
     [](element v, Request& r) {
         return assign(as_integer(v, "max_output_tokens"), r.max_tokens);
     }},
    kStreamField,
    kUserField,
    {"reasoning", read_reasoning},
    {"text", read_text_config},
    {"previous_response_id",
     [](element v, Request& r) {
         return assign(as_string(v, "previous_response_id"), r.previous_response_id);
     }},
};

}  // namespace

Result<Request> decode_responses_request(std::string_view body) {
    return decode_request_body(body, {"input"}, kResponsesFields);
}

}  // namespace gw::translate::detail
