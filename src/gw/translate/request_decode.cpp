#include "gw/translate/request_decode.hpp"

#include "gw/translate/request_codecs.hpp"

#include <fmt/format.h>

namespace gw::translate::detail {
namespace {

Error missing_field(std::string_view field) {
    return Error::invalid(fmt::format("missing field `{}`", field));
}

// What the reference answers for request bodies it cannot read.
constexpr BodyErrors kRequestBodyErrors{
    .kind = Error::Kind::InvalidArgument,
    .prefix = "Failed to parse request: ",
    .syntax_prefix = "Failed to parse JSON: ",
    .not_an_object = "the body must be a JSON object",
};

Result<void> check_required(const object& root, std::initializer_list<std::string_view> keys) {
    for (std::string_view key : keys) {
        if (auto value = required(root, key); !value) return value.error();
    }
    return {};
}

}  // namespace

Error wrong_type(std::string_view field, std::string_view expected) {
    return Error::invalid(fmt::format("invalid type for `{}`: expected {}", field, expected));
}

Error invalid_value(std::string_view field, std::string_view value) {
    return Error::invalid(fmt::format("invalid value for `{}`: `{}`", field, value));
}

Error unsupported(std::string_view what, std::string_view name) {
    return Error::invalid(fmt::format(
        "unsupported {} `{}`: it cannot be translated to the provider's API", what, name));
}

Result<std::string_view> as_string(element value, std::string_view field) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return wrong_type(field, "a string");
    return text;
}

Result<bool> as_bool(element value, std::string_view field) {
    bool flag = false;
    if (value.get_bool().get(flag) != simdjson::SUCCESS) return wrong_type(field, "a boolean");
    return flag;
}

Result<int64_t> as_integer(element value, std::string_view field) {
    int64_t number = 0;
    if (value.get_int64().get(number) != simdjson::SUCCESS) return wrong_type(field, "an integer");
    return number;
}

Result<array> as_array(element value, std::string_view field) {
    array items;
    if (value.get_array().get(items) != simdjson::SUCCESS) return wrong_type(field, "an array");
    return items;
}

Result<object> as_object(element value, std::string_view field) {
    object obj;
    if (value.get_object().get(obj) != simdjson::SUCCESS) return wrong_type(field, "an object");
    return obj;
}

Result<std::string> as_number_token(element value, std::string_view field) {
    if (!value.is_number()) return wrong_type(field, "a number");
    return compact_json(value);
}

Result<std::string> as_object_json(element value, std::string_view field) {
    if (!value.is_object()) return wrong_type(field, "an object");
    return compact_json(value);
}

std::string compact_json(element value) { return simdjson::minify(value); }

std::optional<element> member(const object& obj, std::string_view key) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    return value;
}

Result<element> required(const object& obj, std::string_view key) {
    auto value = member(obj, key);
    if (!value) return missing_field(key);
    return *value;
}

Result<object> required_object(const object& obj, std::string_view key) {
    auto value = required(obj, key);
    if (!value) return value.error();
    return as_object(*value, key);
}

Result<std::string_view> required_string(const object& obj, std::string_view key) {
    auto value = required(obj, key);
    if (!value) return value.error();
    return as_string(*value, key);
}

Result<std::string_view> string_member(const object& obj, std::string_view key) {
    auto value = member(obj, key);
    if (!value) return std::string_view{};
    return as_string(*value, key);
}

Result<void> read_fields(const object& obj, std::span<const FieldReader> readers,
                         Request& request) {
    for (const auto [key, value] : obj) {
        if (value.is_null()) continue;
        for (const FieldReader& reader : readers) {
            if (reader.key != key) continue;
            if (auto ok = reader.read(value, request); !ok) return ok.error();
            break;
        }
    }
    return {};
}

Error body_error(const BodyErrors& errors, std::string_view detail) {
    return Error{errors.kind, fmt::format("{}{}", errors.prefix, detail)};
}

Result<object> parse_root_object(ParsedBody& input, const BodyErrors& errors) {
    element root;
    if (auto error = input.parser().parse(input.view()).get(root); error != simdjson::SUCCESS) {
        return body_error(
            errors, fmt::format("{}{}", errors.syntax_prefix, simdjson::error_message(error)));
    }
    object obj;
    if (root.get_object().get(obj) != simdjson::SUCCESS) {
        return body_error(errors, errors.not_an_object);
    }
    return obj;
}

Result<Request> decode_request_body(std::string_view body,
                                    std::initializer_list<std::string_view> required_keys,
                                    std::span<const FieldReader> readers) {
    return decode_json_object(body, kRequestBodyErrors, [&](const object& root) -> Result<Request> {
        if (auto ok = check_required(root, required_keys); !ok) return ok.error();
        Request request;
        if (auto ok = read_fields(root, readers, request); !ok) return ok.error();
        return request;
    });
}

Result<RoleMessage> read_role_message(element value) {
    auto message = as_object(value, "messages");
    if (!message) return message.error();
    auto role = required_string(*message, "role");
    if (!role) return role.error();
    return RoleMessage{*message, *role};
}

Result<void> read_each(element value, std::string_view field,
                       Result<void> (*read)(element item, Request& request), Request& request) {
    auto items = as_array(value, field);
    if (!items) return items.error();
    for (element item : *items) {
        if (auto ok = read(item, request); !ok) return ok;
    }
    return {};
}

Result<std::vector<ContentPart>> read_content(element value, std::string_view field,
                                              PartReader read_part) {
    std::vector<ContentPart> parts;
    if (auto text = as_string(value, field)) {
        parts.push_back(text_part(*text));
        return parts;
    }
    auto items = as_array(value, field);
    if (!items) return wrong_type(field, "a string or an array");
    for (element item : *items) {
        if (auto ok = read_part(item, parts); !ok) return ok.error();
    }
    return parts;
}

Result<object> read_tool_item(element value, std::string_view accepted_type, AbsentType absent) {
    auto tool = as_object(value, "tools");
    if (!tool) return tool.error();
    auto type = string_member(*tool, "type");
    if (!type) return type.error();
    const bool accepted =
        *type == accepted_type || (type->empty() && absent == AbsentType::Accepted);
    if (!accepted) return unsupported("tool type", *type);
    return *tool;
}

Result<ToolDefinition> read_tool_definition(const object& tool, std::string_view schema_key) {
    ToolDefinition definition;
    if (auto ok = assign(string_member(tool, "name"), definition.name); !ok) return ok.error();
    if (auto ok = assign(string_member(tool, "description"), definition.description); !ok) {
        return ok.error();
    }
    if (auto schema = member(tool, schema_key)) {
        auto schema_json = as_object_json(*schema, schema_key);
        if (!schema_json) return schema_json.error();
        definition.parameters = std::move(*schema_json);
    }
    return definition;
}

Result<std::vector<std::string>> read_string_list(element value, std::string_view field) {
    std::vector<std::string> list;
    if (auto text = as_string(value, field)) {
        list.emplace_back(*text);
        return list;
    }
    auto items = as_array(value, field);
    if (!items) return wrong_type(field, "a string or an array of strings");
    for (element item : *items) {
        auto text = as_string(item, field);
        if (!text) return text.error();
        list.emplace_back(*text);
    }
    return list;
}

Result<ToolChoice> tool_choice_keyword(std::string_view keyword) {
    if (keyword == "auto") return ToolChoice{ToolChoice::Kind::Auto, {}};
    if (keyword == "none") return ToolChoice{ToolChoice::Kind::None, {}};
    if (keyword == "required") return ToolChoice{ToolChoice::Kind::Required, {}};
    return invalid_value("tool_choice", keyword);
}

Result<ToolChoice> read_keyword_or_object_choice(
    element value, std::string_view field,
    Result<ToolChoice> (*read_object)(const object& choice)) {
    if (auto keyword = as_string(value, field)) return tool_choice_keyword(*keyword);
    auto choice = as_object(value, field);
    if (!choice) return wrong_type(field, "a string or an object");
    return read_object(*choice);
}

Result<void> check_function_choice_type(const object& choice) {
    auto type = string_member(choice, "type");
    if (!type) return type.error();
    if (*type != "function") return unsupported("tool_choice type", *type);
    return {};
}

Result<ToolChoice> named_tool_choice(const object& holder) {
    auto name = string_member(holder, "name");
    if (!name) return name.error();
    return ToolChoice{ToolChoice::Kind::Named, std::string(*name)};
}

Result<ContentPart> read_text_object(const object& item) {
    auto text = string_member(item, "text");
    if (!text) return text.error();
    return text_part(*text);
}

std::string cache_control_of(const object& item) {
    auto cache = member(item, "cache_control");
    return cache ? compact_json(*cache) : std::string();
}

ContentPart text_part(std::string_view text) {
    ContentPart part;
    part.text = text;
    return part;
}

ContentPart image_part(std::string_view url) {
    ContentPart part;
    part.kind = ContentPart::Kind::Image;
    part.image_url = url;
    return part;
}

ContentPart tool_call_part(std::string_view id, std::string_view name, std::string arguments) {
    ContentPart part;
    part.kind = ContentPart::Kind::ToolCall;
    part.tool_call_id = id;
    part.tool_name = name;
    part.arguments = std::move(arguments);
    return part;
}

ContentPart tool_result_part(std::string_view id, std::string text) {
    ContentPart part;
    part.kind = ContentPart::Kind::ToolResult;
    part.tool_call_id = id;
    part.text = std::move(text);
    return part;
}

Message& message_for(Request& request, Role role, bool merge) {
    if (!merge || request.messages.empty() || request.messages.back().role != role) {
        request.messages.push_back(Message{role, {}});
    }
    return request.messages.back();
}

void add_system_text(std::vector<ContentPart>& parts, Request& request) {
    for (ContentPart& part : parts) {
        if (part.kind == ContentPart::Kind::Text) request.system.push_back(std::move(part));
    }
}

void add_tool_result(std::string_view call_id, const std::vector<ContentPart>& content,
                     Request& request) {
    message_for(request, Role::Tool, true)
        .parts.push_back(tool_result_part(call_id, joined_text(content)));
}

}  // namespace gw::translate::detail
