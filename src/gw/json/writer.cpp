#include "gw/json/writer.hpp"

#include "gw/json/escape.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gw::json {

void JsonWriter::before_value() {
    if (need_comma_) out_.push_back(',');
    need_comma_ = true;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_.push_back('{');
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_.push_back('}');
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_.push_back('[');
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_.push_back(']');
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_quoted(out_, name);
    out_.push_back(':');
    // The member's value follows the colon directly.
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
    before_value();
    append_quoted(out_, text);
    return *this;
}

JsonWriter& JsonWriter::signed_number(int64_t value) {
    before_value();
    const fmt::format_int text(value);
    out_.append(text.data(), text.size());
    return *this;
}

JsonWriter& JsonWriter::unsigned_number(uint64_t value) {
    before_value();
    const fmt::format_int text(value);
    out_.append(text.data(), text.size());
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    if (!std::isfinite(value)) return null();
    before_value();
    fmt::memory_buffer text;
    fmt::format_to(std::back_inserter(text), "{}", value);
    out_.append(text.data(), text.size());
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
    before_value();
    out_.append(value ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_.append("null");
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    out_.append(json);
    return *this;
}

}  // namespace gw::json
