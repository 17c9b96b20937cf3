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

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A member of an object: from the opening quote of its key to the end of its value.
struct MemberSpan {
    size_t key_offset = 0;
    Span value;
};

std::optional<MemberSpan> find_member(detail::ParseInput<ondemand::parser>& input,
                                      std::string_view key) {
    ondemand::document doc;
    ondemand::object obj;
    if (input.parser().iterate(input.view()).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(obj) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    for (auto member : obj) {
        if (member.error() != simdjson::SUCCESS) return std::nullopt;
        ondemand::field& field = member.value_unsafe();
        // The raw key starts just after its opening quote; read it before unescaping consumes it.
        const size_t key_offset = input.offset_of({field.key().raw(), 0}) - 1;
        std::string_view name;
        if (field.unescaped_key().get(name) != simdjson::SUCCESS) return std::nullopt;
        if (name != key) continue;
        auto raw = raw_value(field.value());
        if (!raw) return std::nullopt;
        return MemberSpan{key_offset, Span{input.offset_of(*raw), raw->size()}};
    }
    return std::nullopt;
}

// The bytes [begin, end) that removing `member` from `body` takes out: the comma before it, or,
// for the first member, the comma after it together with the whitespace up to the next member.
Span removal_span(std::string_view body, const MemberSpan& member) {
    const size_t value_end = member.value.offset + member.value.length;
    size_t before = member.key_offset;
    while (before > 0 && is_space(body[before - 1])) --before;
    if (before > 0 && body[before - 1] == ',') return {before - 1, value_end - (before - 1)};
    size_t after = value_end;
    while (after < body.size() && is_space(body[after])) ++after;
    if (after == body.size() || body[after] != ',') {
        return {member.key_offset, value_end - member.key_offset};
    }
    ++after;
    while (after < body.size() && is_space(body[after])) ++after;
    return {member.key_offset, after - member.key_offset};
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

std::optional<RemovedField> remove_field(std::string_view body, std::string_view key) {
    detail::ParseInput<ondemand::parser> input(body);
    const std::optional<MemberSpan> member = find_member(input, key);
    if (!member) return std::nullopt;
    const Span removed = removal_span(body, *member);
    RemovedField out;
    out.value.assign(body.substr(member->value.offset, member->value.length));
    out.body.reserve(body.size() - removed.length);
    out.body.append(body.substr(0, removed.offset));
    out.body.append(body.substr(removed.offset + removed.length));
    return out;
}

}  // namespace gw::json
