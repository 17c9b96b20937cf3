#pragma once
// Differential checks of gw::json::JsonCursor against simdjson: both read a text into the same
// canonical form (numbers and literals by kind only, as the cursor skips them), so a test can
// assert that whatever the cursor accepts simdjson accepts, with the same keys and strings.

#include "gw/json/cursor.hpp"
#include "gw/json/writer.hpp"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace gw::testing {

namespace detail {

inline void walk_cursor_value(json::JsonCursor& cursor, json::JsonWriter& out) {
    std::string_view text;
    switch (cursor.peek()) {
        case json::JsonCursor::Kind::Object:
            cursor.enter_object();
            out.begin_object();
            while (cursor.next_key(text)) {
                out.key(text);
                walk_cursor_value(cursor, out);
            }
            out.end_object();
            return;
        case json::JsonCursor::Kind::Array:
            cursor.enter_array();
            out.begin_array();
            while (cursor.next_element()) walk_cursor_value(cursor, out);
            out.end_array();
            return;
        case json::JsonCursor::Kind::String:
            if (cursor.string(text)) out.string(text);
            return;
        case json::JsonCursor::Kind::Number:
            if (cursor.skip_scalar()) out.string("#number");
            return;
        case json::JsonCursor::Kind::Literal:
            if (cursor.skip_scalar()) out.string("#literal");
            return;
        case json::JsonCursor::Kind::Invalid:
            cursor.skip_scalar();  // fails the cursor
            return;
    }
}

inline void walk_dom_value(simdjson::dom::element value, json::JsonWriter& out) {
    switch (value.type()) {
        case simdjson::dom::element_type::OBJECT:
            out.begin_object();
            for (auto member : simdjson::dom::object(value)) {
                out.key(member.key);
                walk_dom_value(member.value, out);
            }
            out.end_object();
            return;
        case simdjson::dom::element_type::ARRAY:
            out.begin_array();
            for (auto element : simdjson::dom::array(value)) walk_dom_value(element, out);
            out.end_array();
            return;
        case simdjson::dom::element_type::STRING:
            out.string(std::string_view(value));
            return;
        case simdjson::dom::element_type::INT64:
        case simdjson::dom::element_type::UINT64:
        case simdjson::dom::element_type::DOUBLE:
            out.string("#number");
            return;
        case simdjson::dom::element_type::BOOL:
        case simdjson::dom::element_type::NULL_VALUE:
            out.string("#literal");
            return;
    }
}

}  // namespace detail

// nullopt when the cursor does not read the text whole.
inline std::optional<std::string> walk_with_cursor(std::string_view json) {
    std::string scratch;
    json::JsonCursor cursor(json, scratch);
    std::string canonical;
    json::JsonWriter out(canonical);
    detail::walk_cursor_value(cursor, out);
    if (!cursor.at_end()) return std::nullopt;
    return canonical;
}

// nullopt when simdjson rejects the text.
inline std::optional<std::string> walk_with_dom(std::string_view json) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::padded_string padded(json);
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) return std::nullopt;
    std::string canonical;
    json::JsonWriter out(canonical);
    detail::walk_dom_value(root, out);
    return canonical;
}

}  // namespace gw::testing
