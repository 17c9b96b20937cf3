#pragma once
// The reading half of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/),
// for untrusted input: every read is bounds-checked and reports failure instead of guessing.
// The mirror of protobuf_wire.hpp; the collector decodes OTLP with it, attribute lists read back
// what they wrote.

#include "gw/telemetry/protobuf_wire.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gw::telemetry::wire {

struct Field {
    std::uint32_t number = 0;
    WireType type = WireType::Varint;
    std::uint64_t varint = 0;  // Varint, Fixed64 and Fixed32 values
    std::string_view bytes;    // Len payload
};

// Reads one message's fields in order. next() returns false at the clean end of the input and on
// malformed input; failed() tells the two apart, and once failed the reader stays failed.
class Reader {
  public:
    explicit Reader(std::string_view input) : rest_(input) {}

    [[nodiscard]] bool next(Field& out) {
        if (failed_ || rest_.empty()) return false;
        std::uint64_t key = 0;
        if (!read_varint(key)) return fail();
        const std::uint64_t number = key >> 3;
        // Field numbers are 1..2^29-1; groups are deprecated and OTLP has none.
        if (number == 0 || number > kMaxFieldNumber) return fail();
        out.number = static_cast<std::uint32_t>(number);
        out.type = static_cast<WireType>(key & 7);
        out.varint = 0;
        out.bytes = {};
        switch (out.type) {
            case WireType::Varint:
                return read_varint(out.varint) || fail();
            case WireType::Fixed64:
                return read_fixed(8, out.varint) || fail();
            case WireType::Fixed32:
                return read_fixed(4, out.varint) || fail();
            case WireType::Len: {
                std::uint64_t size = 0;
                if (!read_varint(size) || size > rest_.size()) return fail();
                out.bytes = rest_.substr(0, static_cast<std::size_t>(size));
                rest_.remove_prefix(static_cast<std::size_t>(size));
                return true;
            }
            case WireType::StartGroup:
            case WireType::EndGroup:
                break;
        }
        return fail();
    }
    [[nodiscard]] bool failed() const { return failed_; }

  private:
    static constexpr std::uint64_t kMaxFieldNumber = (std::uint64_t{1} << 29) - 1;

    bool fail() {
        failed_ = true;
        return false;
    }
    // At most ten bytes, and the tenth may only carry the top bit of a 64-bit value.
    bool read_varint(std::uint64_t& value) {
        value = 0;
        for (std::size_t i = 0; i < 10; ++i) {
            if (i >= rest_.size()) return false;
            const auto byte = static_cast<std::uint8_t>(rest_[i]);
            if (i == 9 && byte > 1) return false;
            value |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
            if ((byte & 0x80) == 0) {
                rest_.remove_prefix(i + 1);
                return true;
            }
        }
        return false;
    }
    bool read_fixed(std::size_t width, std::uint64_t& value) {
        if (rest_.size() < width) return false;
        value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(rest_[i])) << (8 * i);
        }
        rest_.remove_prefix(width);
        return true;
    }

    std::string_view rest_;
    bool failed_ = false;
};

}  // namespace gw::telemetry::wire
