// Anthropic Messages request -> Request.

#include "gw/translate/request_codecs.hpp"
#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;

Result<void> read_block(element value, std::vector<ContentPart>& parts);

// {"type":"base64","media_type","data"} or {"type":"url","url"}.
Result<ContentPart> read_image(const object& block) {
    auto source = required_object(block, "source");
    if (!source) return source.error();
    auto type = string_member(*source, "type");
    if (!type) return type.error();
    if (*type == "url") {
        auto url = string_member(*source, "url");
        if (!url) return url.error();
        return image_part(*url);
    }
    if (*type != "base64") return unsupported("image source type", *type);
    auto media_type = string_member(*source, "media_type");
    if (!media_type) return media_type.error();
    auto data = string_member(*source, "data");
    if (!data) return data.error();
    ContentPart part = image_part({});
    part.media_type = *media_type;
    part.data = *data;
    return part;
}

// The result's content (a string or blocks) is flattened to its text: Chat tool messages and
// Responses outputs carry text only.
Result<ContentPart> read_tool_result(const object& block) {
    auto id = string_member(block, "tool_use_id");
    if (!id) return id.error();
    ContentPart part = tool_result_part(*id, {});
    if (auto content = member(block, "content")) {
        auto parts = read_content(*content, "content", read_block);
        if (!parts) return parts.error();
        part.text = joined_text(*parts);
    }
    if (auto is_error = member(block, "is_error")) {
        auto flag = as_bool(*is_error, "is_error");
        if (!flag) return flag.error();
        part.is_error = *flag;
    }
    return part;
}

// Assistant blocks are spelled as in answers, so the response decoder's readers serve.
Result<ContentPart> read_typed_block(const object& block, std::string_view type) {
    if (type == "text") return read_text_object(block);
    if (type == "image") return read_image(block);
    if (type == "tool_use") return read_messages_tool_use_block(block);
    if (type == "tool_result") return read_tool_result(block);
    if (type == "thinking") return read_messages_thinking_block(block);
    return unsupported("content block type", type);
}

// Appends the block to `parts`. Redacted thinking is encrypted for Anthropic alone, and every
// upstream we translate to is another API, so it is dropped.
Result<void> read_block(element value, std::vector<ContentPart>& parts) {
    auto block = as_object(value, "content");
    if (!block) return block.error();
    auto type = string_member(*block, "type");
    if (!type) return type.error();
    if (*type == "redacted_thinking") return {};
    auto part = read_typed_block(*block, *type);
    if (!part) return part.error();
    part->cache_control = cache_control_of(*block);
    parts.push_back(std::move(*part));
    return {};
}

Result<void> read_system(element value, Request& request) {
    auto parts = read_content(value, "system", read_block);
    if (!parts) return parts.error();
    add_system_text(*parts, request);
    return {};
}

// Tool results travel in user turns; the IR keeps them in Tool messages of their own, in order.
Result<void> read_message(element value, Request& request) {
    auto item = read_role_message(value);
    if (!item) return item.error();
    const auto& [message, role] = *item;
    if (role != "user" && role != "assistant") return invalid_value("role", role);
    auto content = required(message, "content");
    if (!content) return content.error();
    auto parts = read_content(*content, "content", read_block);
    if (!parts) return parts.error();
    // Consecutive turns of one role are merged, as Anthropic itself does.
    const Role turn = role == "user" ? Role::User : Role::Assistant;
    for (ContentPart& part : *parts) {
        const Role part_role = part.kind == Kind::ToolResult ? Role::Tool : turn;
        message_for(request, part_role, true).parts.push_back(std::move(part));
    }
    return {};
}

// Server tools (web_search_20250305, bash_..., ...) run inside Anthropic; other APIs have none.
Result<void> read_tool(element value, Request& request) {
    auto tool = read_tool_item(value, "custom", AbsentType::Accepted);
    if (!tool) return tool.error();
    auto definition = read_tool_definition(*tool, "input_schema");
    if (!definition) return definition.error();
    definition->cache_control = cache_control_of(*tool);
    request.tools.push_back(std::move(*definition));
    return {};
}

Result<ToolChoice> choice_of_type(const object& choice) {
    auto type = string_member(choice, "type");
    if (!type) return type.error();
    if (*type == "auto") return ToolChoice{ToolChoice::Kind::Auto, {}};
    if (*type == "any") return ToolChoice{ToolChoice::Kind::Required, {}};
    if (*type == "none") return ToolChoice{ToolChoice::Kind::None, {}};
    if (*type != "tool") return invalid_value("tool_choice.type", *type);
    return named_tool_choice(choice);
}

// {"type":"auto"|"any"|"tool"|"none","name"?,"disable_parallel_tool_use"?}.
Result<void> read_tool_choice(element value, Request& request) {
    auto choice = as_object(value, "tool_choice");
    if (!choice) return choice.error();
    if (auto ok = assign(choice_of_type(*choice), request.tool_choice); !ok) return ok;
    auto disable_parallel = member(*choice, "disable_parallel_tool_use");
    if (!disable_parallel) return {};
    auto flag = as_bool(*disable_parallel, "disable_parallel_tool_use");
    if (!flag) return flag.error();
    request.parallel_tool_calls = !*flag;
    return {};
}

Result<void> read_metadata(element value, Request& request) {
    auto metadata = as_object(value, "metadata");
    if (!metadata) return metadata.error();
    auto user = member(*metadata, "user_id");
    if (!user) return {};
    return assign(as_string(*user, "user_id"), request.user);
}

// {"type":"enabled","budget_tokens":N}; any other type asks for no thinking.
Result<void> read_thinking_config(element value, Request& request) {
    auto thinking = as_object(value, "thinking");
    if (!thinking) return thinking.error();
    auto type = string_member(*thinking, "type");
    if (!type) return type.error();
    if (*type != "enabled") return {};
    auto budget = required(*thinking, "budget_tokens");
    if (!budget) return budget.error();
    return assign(as_integer(*budget, "budget_tokens"), request.thinking_budget);
}

constexpr FieldReader kMessagesFields[] = {
    kModelField,
    {"system", read_system},
    {"messages", [](element v, Request& r) { return read_each(v, "messages", read_message, r); }},
    {"tools", [](element v, Request& r) { return read_each(v, "tools", read_tool, r); }},
    {"tool_choice", read_tool_choice},
    kTemperatureField,
    kTopPField,
    {"top_k", [](element v, Request& r) { return assign(as_number_token(v, "top_k"), r.top_k); }},
    kMaxTokensField,
    {"stop_sequences",
     [](element v, Request& r) { return assign(read_string_list(v, "stop_sequences"), r.stop); }},
    kStreamField,
    {"metadata", read_metadata},
    {"thinking", read_thinking_config},
};

}  // namespace

Result<Request> decode_messages_request(std::string_view body) {
    return decode_request_body(body, {"messages", "max_tokens"}, kMessagesFields);
}

}  // namespace gw::translate::detail
