#include "gw/translate/request_decode.hpp"

#include "gw/json/padded_input.hpp"

#include <fmt/format.h>

namespace gw::translate::detail {

Error missing_field(std::string_view field) {
    return Error::invalid(fmt::format("missing field `{}`", field));
}

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

Result<Request> decode_object(std::string_view body,
                              Result<Request> (*decode)(const object& root)) {
    json::detail::ParseInput<simdjson::dom::parser> input(body);
    element root;
    if (auto error = input.parser().parse(input.view()).get(root); error != simdjson::SUCCESS) {
        return Error::invalid(fmt::format("Failed to parse request: Failed to parse JSON: {}",
                                          simdjson::error_message(error)));
    }
    object obj;
    if (root.get_object().get(obj) != simdjson::SUCCESS) {
        return Error::invalid("Failed to parse request: the body must be a JSON object");
    }
    auto request = decode(obj);
    if (!request) return Error::invalid("Failed to parse request: " + request.error().message);
    return request;
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

}  // namespace gw::translate::detail
