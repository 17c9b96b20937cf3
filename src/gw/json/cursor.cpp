#include "gw/json/cursor.hpp"

#include "gw/json/byte_scan.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace gw::json {
namespace {

// Beyond these the DOM decides (big integers, doubles near the edge of their range).
constexpr int kMaxIntegerDigits = 18;
constexpr int kMaxFractionDigits = 18;
constexpr int kMaxExponentDigits = 2;

bool is_whitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The four hex digits at text[at..at+4) as a code unit, or -1.
int32_t code_unit_at(std::string_view text, size_t at) {
    if (at + 4 > text.size()) return -1;
    int32_t unit = 0;
    for (size_t i = at; i < at + 4; ++i) {
        const int digit = hex_value(text[i]);
        if (digit < 0) return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

// Writes the UTF-8 form of `code_point` at `out`; returns the end of what was written.
char* write_utf8(char* out, uint32_t code_point) {
    const auto byte = [](uint32_t bits) { return static_cast<char>(bits); };
    if (code_point < 0x80) {
        *out++ = byte(code_point);
    } else if (code_point < 0x800) {
        *out++ = byte(0xC0 | (code_point >> 6));
        *out++ = byte(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        *out++ = byte(0xE0 | (code_point >> 12));
        *out++ = byte(0x80 | ((code_point >> 6) & 0x3F));
        *out++ = byte(0x80 | (code_point & 0x3F));
    } else {
        *out++ = byte(0xF0 | (code_point >> 18));
        *out++ = byte(0x80 | ((code_point >> 12) & 0x3F));
        *out++ = byte(0x80 | ((code_point >> 6) & 0x3F));
        *out++ = byte(0x80 | (code_point & 0x3F));
    }
    return out;
}

char simple_escape(char c) {
    switch (c) {
        case '"':
        case '\\':
        case '/':
            return c;
        case 'b':
            return '\b';
        case 'f':
            return '\f';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        default:
            return 0;
    }
}

// The code point of the \u escape at raw[at] ('u' at raw[at]), consuming a following low
// surrogate; `length` gets the bytes read after the backslash. -1 for a bad or lone surrogate.
int32_t unicode_escape(std::string_view raw, size_t at, size_t& length) {
    const int32_t unit = code_unit_at(raw, at + 1);
    length = 5;
    if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return -1;
    if (unit < 0xD800 || unit > 0xDBFF) return unit;
    if (at + 6 >= raw.size() || raw[at + 5] != '\\' || raw[at + 6] != 'u') return -1;
    const int32_t low = code_unit_at(raw, at + 7);
    if (low < 0xDC00 || low > 0xDFFF) return -1;
    length = 11;
    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
}

// The first '"', '\\' or control character at or after `p`, or `end`. Most strings of a
// stream event are short: bytes first, words once the string proves long.
const char* find_string_special(const char* p, const char* end) {
    for (const char* stop = p + std::min<ptrdiff_t>(end - p, 16); p < stop; ++p) {
        if (detail::is_string_special(*p)) return p;
    }
    for (; end - p >= 8; p += 8) {
        if (detail::has_string_special(detail::load_word(p))) break;
    }
    while (p < end && !detail::is_string_special(*p)) ++p;
    return p;
}

}  // namespace

JsonCursor::JsonCursor(std::string_view json, std::string& scratch)
    : begin_(json.data()), pos_(json.data()), end_(json.data() + json.size()), scratch_(scratch) {
    scratch_.clear();
    if (!detail::is_valid_utf8(json)) fail();
}

JsonCursor::JsonCursor(std::string_view json, std::string& scratch, RootMember resume)
    : begin_(json.data()),
      pos_(json.data() + std::min(resume.offset, json.size())),
      end_(json.data() + json.size()),
      scratch_(scratch),
      has_members_(resume.after_member ? 2U : 0U),
      depth_(1) {
    scratch_.clear();
    // The prefix ends on ASCII, so the rest is valid UTF-8 exactly when the text is.
    if (resume.offset > json.size() ||
        !detail::is_valid_utf8({pos_, static_cast<size_t>(end_ - pos_)})) {
        fail();
    }
}

bool JsonCursor::fail() {
    failed_ = true;
    return false;
}

void JsonCursor::skip_whitespace() {
    const bool compact = pos_<end_&& static_cast<uint8_t>(*pos_)> ' ';
    if (compact) return;
    const char* p = pos_;
    while (p < end_ && is_whitespace(*p)) ++p;
    pos_ = p;
}

JsonCursor::Kind JsonCursor::peek() {
    skip_whitespace();
    if (failed_ || pos_ >= end_) return Kind::Invalid;
    const char c = *pos_;
    if (c == '{') return Kind::Object;
    if (c == '[') return Kind::Array;
    if (c == '"') return Kind::String;
    if (c == '-' || is_digit(c)) return Kind::Number;
    if (c == 't' || c == 'f' || c == 'n') return Kind::Literal;
    return Kind::Invalid;
}

bool JsonCursor::push() {
    if (depth_ + 1 >= kMaxDepth) return fail();
    ++pos_;
    ++depth_;
    has_members_ &= ~(1U << depth_);
    return true;
}

bool JsonCursor::enter_object() { return peek() == Kind::Object ? push() : fail(); }

bool JsonCursor::enter_array() { return peek() == Kind::Array ? push() : fail(); }

bool JsonCursor::separator() {
    const uint32_t bit = 1U << depth_;
    if ((has_members_ & bit) == 0) {
        has_members_ |= bit;
        return true;
    }
    if (!next_is(',')) return fail();
    ++pos_;
    skip_whitespace();
    return true;
}

// Closes the open container when `bracket` is next; false either way (the loop ends).
bool JsonCursor::close(char bracket) {
    if (depth_ == 0) return fail();
    if (next_is(bracket)) {
        ++pos_;
        if (--depth_ == 0) complete_ = true;
        return false;
    }
    return true;
}

bool JsonCursor::next_key(std::string_view& key) {
    skip_whitespace();
    if (failed_ || !close('}')) return false;
    if (depth_ == 1) {
        last_root_member_ = {static_cast<size_t>(pos_ - begin_), (has_members_ & 2U) != 0};
    }
    if (!separator()) return false;
    if (!next_is('"')) return fail();
    const char* start = pos_ + 1;
    const char* quote = find_string_special(start, end_);
    if (quote >= end_ || *quote != '"') return fail();  // escaped keys are the DOM's
    key = std::string_view(start, static_cast<size_t>(quote - start));
    pos_ = quote + 1;
    skip_whitespace();
    if (!next_is(':')) return fail();
    ++pos_;
    skip_whitespace();
    return true;
}

bool JsonCursor::next_element() {
    skip_whitespace();
    if (failed_ || !close(']')) return false;
    return separator();
}

bool JsonCursor::string(std::string_view& value) {
    return peek() == Kind::String ? scan_string(value) : fail();
}

std::optional<size_t> JsonCursor::read_string_at(std::string_view json, size_t offset,
                                                 std::string& scratch, std::string_view& value) {
    if (offset >= json.size() || json[offset] != '"') return std::nullopt;
    JsonCursor cursor(json.substr(offset), scratch);
    if (!cursor.string(value)) return std::nullopt;
    return offset + cursor.last_string_.end;
}

bool JsonCursor::scan_string(std::string_view& value) {
    const char* start = pos_ + 1;
    const char* p = find_string_special(start, end_);
    bool escaped = false;
    while (p < end_ && *p == '\\') {
        escaped = true;
        if (end_ - p < 2) return fail();
        p = find_string_special(p + 2, end_);  // the escaped character cannot end the string
    }
    if (p >= end_ || *p != '"') return fail();  // unterminated, or a control character
    const std::string_view raw(start, static_cast<size_t>(p - start));
    pos_ = p + 1;
    last_string_ = {static_cast<size_t>(start - 1 - begin_), static_cast<size_t>(pos_ - begin_)};
    if (!escaped) {
        value = raw;
        return true;
    }
    return unescape(raw, value);
}

// Unescaped text is never longer than its escaped form, and the strings of one text never
// longer than the text: one reservation keeps every earlier view valid.
bool JsonCursor::unescape(std::string_view raw, std::string_view& value) {
    const auto size = static_cast<size_t>(end_ - begin_);
    if (scratch_.capacity() < size) scratch_.reserve(size);
    const size_t begin = scratch_.size();
    scratch_.resize(begin + raw.size());
    char* out = scratch_.data() + begin;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            *out++ = raw[i];
            continue;
        }
        if (i + 1 >= raw.size()) return fail();
        if (raw[i + 1] == 'u') {
            size_t length = 0;
            const int32_t code_point = unicode_escape(raw, i + 1, length);
            if (code_point < 0) return fail();
            out = write_utf8(out, static_cast<uint32_t>(code_point));
            i += length;
            continue;
        }
        const char c = simple_escape(raw[i + 1]);
        if (c == 0) return fail();
        *out++ = c;
        ++i;
    }
    scratch_.resize(static_cast<size_t>(out - scratch_.data()));
    value = std::string_view(scratch_).substr(begin);
    return true;
}

bool JsonCursor::scan_number(bool& is_integer) {
    const char* p = pos_;
    const auto digits = [&p, this](int limit) {
        const char* start = p;
        while (p < end_ && is_digit(*p)) ++p;
        const auto count = static_cast<int>(p - start);
        return count > limit ? -1 : count;
    };
    if (*p == '-') ++p;
    if (p >= end_) return fail();
    if (*p == '0') {
        ++p;
    } else if (digits(kMaxIntegerDigits) <= 0) {
        return fail();
    }
    is_integer = true;
    if (p < end_ && *p == '.') {
        ++p;
        is_integer = false;
        if (digits(kMaxFractionDigits) <= 0) return fail();
    }
    if (p < end_ && (*p == 'e' || *p == 'E')) {
        ++p;
        is_integer = false;
        if (p < end_ && (*p == '+' || *p == '-')) ++p;
        if (digits(kMaxExponentDigits) <= 0) return fail();
    }
    pos_ = p;
    return true;
}

bool JsonCursor::integer(int64_t& value) {
    if (peek() != Kind::Number) return fail();
    const char* start = pos_;
    bool is_integer = false;
    if (!scan_number(is_integer)) return false;
    if (!is_integer) return fail();
    const bool negative = *start == '-';
    int64_t magnitude = 0;
    for (const char* p = start + (negative ? 1 : 0); p < pos_; ++p) {
        magnitude = magnitude * 10 + (*p - '0');
    }
    value = negative ? -magnitude : magnitude;
    return true;
}

bool JsonCursor::scan_literal() {
    const auto left = static_cast<size_t>(end_ - pos_);
    for (std::string_view literal : {"true", "false", "null"}) {
        if (left >= literal.size() && std::memcmp(pos_, literal.data(), literal.size()) == 0) {
            pos_ += literal.size();
            return true;
        }
    }
    return fail();
}

bool JsonCursor::skip_scalar() {
    std::string_view ignored;
    bool is_integer = false;
    switch (peek()) {
        case Kind::String:
            return scan_string(ignored);
        case Kind::Number:
            return scan_number(is_integer);
        case Kind::Literal:
            return scan_literal();
        case Kind::Object:
        case Kind::Array:
        case Kind::Invalid:
            break;
    }
    return fail();
}

bool JsonCursor::at_end() {
    skip_whitespace();
    return !failed_ && complete_ && pos_ == end_;
}

}  // namespace gw::json
