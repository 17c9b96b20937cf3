#pragma once
// Internal to gw_json: word-at-a-time byte tests shared by the writer's escaping and the
// cursor's string scanning (the tricks of "Bit Twiddling Hacks": a byte below n sets its top bit
// in (x - n*0x01..) & ~x, exactly when one exists), and UTF-8 validation that skips simdjson's
// dispatch for ASCII.

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace gw::json::detail {

inline constexpr uint64_t kEveryByte = 0x0101010101010101ULL;
inline constexpr uint64_t kTopBits = 0x8080808080808080ULL;

inline uint64_t load_word(const char* p) {
    uint64_t word = 0;
    std::memcpy(&word, p, 8);
    return word;
}

inline bool has_byte_below(uint64_t word, uint8_t n) {
    return ((word - kEveryByte * n) & ~word & kTopBits) != 0;
}

inline bool has_byte(uint64_t word, char c) {
    return has_byte_below(word ^ (kEveryByte * static_cast<uint8_t>(c)), 1);
}

// A byte that cannot stand as it is inside a JSON string: a control character, '"' or '\\'.
inline bool has_string_special(uint64_t word) {
    return has_byte_below(word, 0x20) || has_byte(word, '"') || has_byte(word, '\\');
}

inline constexpr std::array<bool, 256> kStringSpecial = [] {
    std::array<bool, 256> table{};
    for (size_t c = 0; c < 0x20; ++c) table[c] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
}();

inline bool is_string_special(char c) { return kStringSpecial[static_cast<uint8_t>(c)]; }

inline bool is_valid_utf8(std::string_view text) {
    size_t i = 0;
    uint64_t high_bits = 0;
    for (; i + 8 <= text.size(); i += 8) high_bits |= load_word(text.data() + i);
    for (; i < text.size(); ++i) high_bits |= static_cast<uint8_t>(text[i]);
    return (high_bits & kTopBits) == 0 || simdjson::validate_utf8(text.data(), text.size());
}

}  // namespace gw::json::detail
