#pragma once
// CRC-32 as used by zlib, PNG and the AWS event-stream framing (IEEE 802.3 polynomial,
// bit-reflected 0xEDB88320, initial value and final XOR 0xFFFFFFFF). Table-driven, one byte per
// step: event streams carry LLM deltas of a few hundred bytes, so a slicing variant would not pay
// for itself.

#include <cstdint>
#include <string_view>

namespace gw::sse {

// CRC-32 of `bytes`. Pass the CRC of the preceding bytes as `crc` to continue a running checksum:
// crc32(b, crc32(a)) == crc32(a + b), and crc32("") == 0.
[[nodiscard]] uint32_t crc32(std::string_view bytes, uint32_t crc = 0);

}  // namespace gw::sse
