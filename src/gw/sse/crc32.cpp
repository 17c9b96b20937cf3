#include "gw/sse/crc32.hpp"

#include <array>

namespace gw::sse {
namespace {

constexpr uint32_t kReflectedPolynomial = 0xEDB88320u;

// CRC of each byte value on its own, built at compile time.
constexpr std::array<uint32_t, 256> make_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t n = 0; n < table.size(); ++n) {
        uint32_t c = n;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) != 0 ? kReflectedPolynomial ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

constexpr std::array<uint32_t, 256> kTable = make_table();

}  // namespace

uint32_t crc32(std::string_view bytes, uint32_t crc) {
    // The stored value is the complement of the register, so that continuing from 0 is a fresh
    // start.
    uint32_t c = ~crc;
    for (const char ch : bytes) {
        c = kTable[(c ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (c >> 8);
    }
    return ~c;
}

}  // namespace gw::sse
