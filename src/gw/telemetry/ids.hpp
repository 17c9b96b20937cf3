#pragma once
// W3C trace and span identifiers: fixed-size byte strings, all-zero meaning "invalid". Fresh ids
// come from a per-thread PRNG (no lock, no syscall after the first id of a thread).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gw::telemetry {
namespace detail {

// Fills `out` with random bytes, never all zero. Thread-safe: each thread owns its generator,
// seeded once from std::random_device.
void fill_random_nonzero(std::span<std::uint8_t> out);
// Decodes exactly 2*out.size() lowercase hex digits; uppercase is rejected as W3C requires.
bool decode_lower_hex(std::string_view hex, std::span<std::uint8_t> out);
char* encode_lower_hex(std::span<const std::uint8_t> bytes, char* out);

}  // namespace detail

template <std::size_t N, class Tag>
class BasicId {
  public:
    static constexpr std::size_t kSize = N;
    static constexpr std::size_t kHexSize = 2 * N;
    using Bytes = std::array<std::uint8_t, N>;

    constexpr BasicId() = default;
    constexpr explicit BasicId(const Bytes& bytes) : bytes_(bytes) {}

    [[nodiscard]] static BasicId random() {
        BasicId id;
        detail::fill_random_nonzero(id.bytes_);
        return id;
    }
    // Exactly kHexSize lowercase hex digits, not all zero; anything else is nullopt.
    [[nodiscard]] static std::optional<BasicId> from_hex(std::string_view hex) {
        BasicId id;
        if (!detail::decode_lower_hex(hex, id.bytes_) || !id.valid()) return std::nullopt;
        return id;
    }

    [[nodiscard]] bool valid() const {
        return std::any_of(bytes_.begin(), bytes_.end(), [](std::uint8_t b) { return b != 0; });
    }
    [[nodiscard]] const Bytes& bytes() const { return bytes_; }
    // Writes kHexSize characters at `out` and returns the end; for allocation-free formatting.
    char* write_hex(char* out) const { return detail::encode_lower_hex(bytes_, out); }
    [[nodiscard]] std::string to_hex() const {
        std::string text(kHexSize, '\0');
        write_hex(text.data());
        return text;
    }

    friend bool operator==(const BasicId&, const BasicId&) = default;

  private:
    Bytes bytes_{};
};

using TraceId = BasicId<16, struct TraceIdTag>;
using SpanId = BasicId<8, struct SpanIdTag>;

// The trace id's last 8 bytes read as a big-endian integer: the random part that trace-id-ratio
// sampling compares against its threshold (as OpenTelemetry's TraceIdRatioBased does).
[[nodiscard]] std::uint64_t random_part(const TraceId& id);

// A random RFC 4122 version-4 UUID in its 36-character text form: the `request_id` of a request
// that arrived without `x-request-id`, as the reference's Envoy generates one.
[[nodiscard]] std::string random_uuid_v4();

}  // namespace gw::telemetry
