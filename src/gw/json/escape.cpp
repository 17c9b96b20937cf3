#include "gw/json/escape.hpp"

#include "gw/json/byte_scan.hpp"

#include <simdjson.h>

#include <array>
#include <cstdint>

namespace gw::json {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// For each byte: 0 = copy as is, 'u' = \u00XX, otherwise the character after the backslash.
constexpr std::array<char, 256> kEscapes = [] {
    std::array<char, 256> table{};
    for (size_t c = 0; c < 0x20; ++c) table[c] = 'u';
    table['\b'] = 'b';
    table['\f'] = 'f';
    table['\n'] = 'n';
    table['\r'] = 'r';
    table['\t'] = 't';
    table['"'] = '"';
    table['\\'] = '\\';
    return table;
}();

void append_escaped(std::string& out, std::string_view text) {
    constexpr std::string_view kHex = "0123456789abcdef";
    size_t run_start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char escape = kEscapes[static_cast<uint8_t>(text[i])];
        if (escape == 0) continue;
        out.append(text.data() + run_start, i - run_start);
        out.push_back('\\');
        out.push_back(escape);
        if (escape == 'u') {
            const auto byte = static_cast<uint8_t>(text[i]);
            out.append("00");
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
        }
        run_start = i + 1;
    }
    out.append(text.data() + run_start, text.size() - run_start);
}

// Length of the valid UTF-8 sequence starting at text[0], or 0 when it is invalid.
size_t utf8_sequence_length(std::string_view text) {
    const auto lead = static_cast<uint8_t>(text[0]);
    size_t length = 0;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4;
    else
        return 0;
    if (text.size() < length) return 0;
    return simdjson::validate_utf8(text.data(), length) ? length : 0;
}

// Slow path for text that is not valid UTF-8: copy valid sequences, replace each bad byte.
void append_repaired(std::string& out, std::string_view text) {
    std::string repaired;
    repaired.reserve(text.size() + 8);
    while (!text.empty()) {
        const size_t length = utf8_sequence_length(text);
        if (length == 0) {
            repaired.append(kReplacementCharacter);
            text.remove_prefix(1);
        } else {
            repaired.append(text.substr(0, length));
            text.remove_prefix(length);
        }
    }
    append_escaped(out, repaired);
}

// Printable ASCII without quote or backslash: copied as it is, which most keys and text are.
bool is_plain(std::string_view text) {
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        const uint64_t word = detail::load_word(text.data() + i);
        if ((word & detail::kTopBits) != 0 || detail::has_string_special(word)) return false;
    }
    for (; i < text.size(); ++i) {
        if (static_cast<uint8_t>(text[i]) >= 0x80 || detail::is_string_special(text[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

void append_quoted(std::string& out, std::string_view text) {
    out.push_back('"');
    if (is_plain(text)) {
        out.append(text);
        out.push_back('"');
        return;
    }
    if (detail::is_valid_utf8(text)) {
        append_escaped(out, text);
    } else {
        append_repaired(out, text);
    }
    out.push_back('"');
}

}  // namespace gw::json
