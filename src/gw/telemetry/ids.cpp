#include "gw/telemetry/ids.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <random>
#include <utility>

namespace gw::telemetry {
namespace detail {
namespace {

// splitmix64: one add and three multiply-xorshift rounds per 64 bits, full period, and good enough
// statistically for ids (it is the seeding generator of xoshiro). Not cryptographic: ids are
// correlation handles, not secrets.
class SplitMix64 {
  public:
    SplitMix64() {
        std::random_device device;
        state_ = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    }
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

  private:
    std::uint64_t state_ = 0;
};

// Whole words at a time: ids are 8 and 16 bytes, so one or two generator steps and copies.
void fill_random(std::span<std::uint8_t> out) {
    thread_local SplitMix64 generator;
    for (std::size_t i = 0; i < out.size(); i += sizeof(std::uint64_t)) {
        const std::uint64_t word = generator.next();
        std::memcpy(out.data() + i, &word, std::min(sizeof word, out.size() - i));
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

constexpr char kHexDigits[] = "0123456789abcdef";

}  // namespace

void fill_random_nonzero(std::span<std::uint8_t> out) {
    auto nonzero = [&] {
        return std::any_of(out.begin(), out.end(), [](std::uint8_t b) { return b != 0; });
    };
    do {
        fill_random(out);
    } while (!out.empty() && !nonzero());
}

bool decode_lower_hex(std::string_view hex, std::span<std::uint8_t> out) {
    if (hex.size() != 2 * out.size()) return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int high = hex_value(hex[2 * i]);
        const int low = hex_value(hex[2 * i + 1]);
        if (high < 0 || low < 0) return false;
        out[i] = static_cast<std::uint8_t>((high << 4) | low);
    }
    return true;
}

char* encode_lower_hex(std::span<const std::uint8_t> bytes, char* out) {
    for (const std::uint8_t b : bytes) {
        *out++ = kHexDigits[b >> 4];
        *out++ = kHexDigits[b & 0x0f];
    }
    return out;
}

}  // namespace detail

std::uint64_t random_part(const TraceId& id) {
    std::uint64_t value = 0;
    for (std::size_t i = 8; i < TraceId::kSize; ++i) value = (value << 8) | id.bytes()[i];
    return value;
}

std::string random_uuid_v4() {
    std::array<std::uint8_t, 16> bytes{};
    detail::fill_random_nonzero(bytes);
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
    std::string out(36, '-');
    char* at = out.data();
    const std::span<const std::uint8_t> all(bytes);
    constexpr std::array<std::pair<std::size_t, std::size_t>, 5> kGroups{
        {{0, 4}, {4, 2}, {6, 2}, {8, 2}, {10, 6}}};
    for (auto [from, count] : kGroups) {
        at = detail::encode_lower_hex(all.subspan(from, count), at) + 1;
    }
    return out;
}

}  // namespace gw::telemetry
