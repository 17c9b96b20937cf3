#include "gw/telemetry/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace gw::telemetry {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";
constexpr std::size_t kReplacementSize = 3;

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed sequence (Unicode Table 3-7) starting at text[i], or 0.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    const std::size_t left = text.size() - i;
    if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(byte(1)) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(byte(1)) || !continuation(byte(2))) return 0;
        if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
        if (lead == 0xED && byte(1) > 0x9F) return 0;  // surrogate
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(byte(1)) || !continuation(byte(2)) || !continuation(byte(3)))
            return 0;
        if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
        if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

// Attribute strings are mostly ASCII: skip 8 bytes per step while no high bit is set.
std::size_t ascii_prefix(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        if ((word & 0x8080808080808080ULL) != 0) break;
    }
    while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
    return i;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = ascii_prefix(text); i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::size_t sanitized_utf8_size(std::string_view text) {
    std::size_t size = ascii_prefix(text);
    for (std::size_t i = size; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        size += n == 0 ? kReplacementSize : n;
        i += n == 0 ? 1 : n;
    }
    return size;
}

char* write_sanitized_utf8(std::string_view text, char* out) {
    const std::size_t ascii = ascii_prefix(text);
    if (ascii > 0) std::memcpy(out, text.data(), ascii);  // never memcpy from a null view
    out += ascii;
    for (std::size_t i = ascii; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) {
            std::memcpy(out, kReplacement, kReplacementSize);
            out += kReplacementSize;
            ++i;
        } else {
            std::memcpy(out, text.data() + i, n);
            out += n;
            i += n;
        }
    }
    return out;
}

std::string sanitize_utf8(std::string_view text) {
    std::string out(sanitized_utf8_size(text), '\0');
    write_sanitized_utf8(text, out.data());
    return out;
}

}  // namespace gw::telemetry
