#include "gw/json/splice.hpp"

#include "gw/json/escape.hpp"
#include "gw/json/padded_input.hpp"

#include <simdjson.h>

#include <optional>

namespace gw::json {
namespace {

namespace ondemand = simdjson::ondemand;

struct Span {
    size_t offset = 0;
    size_t length = 0;
};

// simdjson's raw views run up to the next token, so they may end in whitespace.
std::string_view trim_trailing_space(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

// The exact bytes of `value`, whatever its type; consumes the value.
std::optional<std::string_view> raw_value(ondemand::value& value) {
    ondemand::json_type type{};
    if (value.type().get(type) != simdjson::SUCCESS) return std::nullopt;
    std::string_view raw;
    simdjson::error_code error = simdjson::SUCCESS;
    if (type == ondemand::json_type::object) {
        ondemand::object obj;
        error = value.get_object().get(obj);
        if (error == simdjson::SUCCESS) error = obj.raw_json().get(raw);
    } else if (type == ondemand::json_type::array) {
        ondemand::array arr;
        error = value.get_array().get(arr);
        if (error == simdjson::SUCCESS) error = arr.raw_json().get(raw);
    } else {
        raw = value.raw_json_token();
    }
    if (error != simdjson::SUCCESS) return std::nullopt;
    return trim_trailing_space(raw);
}

struct Lookup {
    bool is_object = false;
    std::optional<Span> value;  // the first top-level member named `key`
};

// Stops at the first match: members after it (usually the large "messages") are not walked.
Lookup find_value(detail::ParseInput<ondemand::parser>& input, std::string_view key) {
    ondemand::document doc;
    ondemand::object obj;
    if (input.parser().iterate(input.view()).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(obj) != simdjson::SUCCESS) {
        return {};
    }
    for (auto member : obj) {
        std::string_view name;
        if (member.error() != simdjson::SUCCESS) return {};
        ondemand::field& field = member.value_unsafe();
        if (field.unescaped_key().get(name) != simdjson::SUCCESS) return {};
        if (name != key) continue;
        auto raw = raw_value(field.value());
        if (!raw) return {};
        return {true, Span{input.offset_of(*raw), raw->size()}};
    }
    return {true, std::nullopt};
}

std::string insert_first_member(std::string_view body, std::string_view key,
                                std::string_view value) {
    const size_t brace = body.find('{');
    const size_t next = body.find_first_not_of(" \t\r\n", brace + 1);
    const bool empty_object = next != std::string_view::npos && body[next] == '}';
    std::string out;
    out.reserve(body.size() + key.size() + value.size() + 8);
    out.append(body.substr(0, brace + 1));
    append_quoted(out, key);
    out.push_back(':');
    append_quoted(out, value);
    if (!empty_object) out.push_back(',');
    out.append(body.substr(brace + 1));
    return out;
}

}  // namespace

std::string replace_string_field(std::string_view body, std::string_view key,
                                 std::string_view new_value) {
    detail::ParseInput<ondemand::parser> input(body);
    const Lookup found = find_value(input, key);
    if (!found.is_object) return std::string(body);
    if (!found.value) return insert_first_member(body, key, new_value);
    const Span span = *found.value;
    std::string out;
    out.reserve(body.size() + new_value.size() + 2);
    out.append(body.substr(0, span.offset));
    append_quoted(out, new_value);
    out.append(body.substr(span.offset + span.length));
    return out;
}

}  // namespace gw::json
