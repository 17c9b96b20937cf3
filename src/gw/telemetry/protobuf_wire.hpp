#pragma once
// The few pieces of the protobuf wire format the OTLP encoder needs
// (https://protobuf.dev/programming-guides/encoding/). Writing is into a buffer already sized
// exactly, so there are no bounds checks on the hot path: callers compute sizes first.

#include "gw/telemetry/utf8.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace gw::telemetry::wire {

// The writer uses the first three; a reader of foreign input meets all of them.
enum class WireType : std::uint8_t {
    Varint = 0,
    Fixed64 = 1,
    Len = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5
};

[[nodiscard]] constexpr std::size_t varint_size(std::uint64_t value) {
    if (value < 0x80) return 1;  // every tag the encoder writes and most lengths: no bit scan
    return static_cast<std::size_t>(std::bit_width(value) + 6) / 7;
}
[[nodiscard]] constexpr std::uint64_t tag(std::uint32_t field, WireType type) {
    return (static_cast<std::uint64_t>(field) << 3) | static_cast<std::uint64_t>(type);
}
[[nodiscard]] constexpr std::size_t tag_size(std::uint32_t field) {
    return varint_size(tag(field, WireType::Varint));
}
// A length-delimited field: tag, length, payload.
[[nodiscard]] constexpr std::size_t len_field_size(std::uint32_t field, std::size_t payload) {
    return tag_size(field) + varint_size(payload) + payload;
}
[[nodiscard]] constexpr std::size_t varint_field_size(std::uint32_t field, std::uint64_t value) {
    return tag_size(field) + varint_size(value);
}
[[nodiscard]] constexpr std::size_t fixed64_field_size(std::uint32_t field) {
    return tag_size(field) + 8;
}

class Writer {
  public:
    explicit Writer(char* out) : out_(out) {}

    void varint(std::uint64_t value) {
        // Through a local: a store through char* may alias out_ itself, which would otherwise be
        // reloaded and stored again for every byte.
        char* p = out_;
        while (value >= 0x80) {
            *p++ = static_cast<char>((value & 0x7f) | 0x80);
            value >>= 7;
        }
        *p++ = static_cast<char>(value);
        out_ = p;
    }
    void varint_field(std::uint32_t field, std::uint64_t value) {
        varint(tag(field, WireType::Varint));
        varint(value);
    }
    void fixed64_field(std::uint32_t field, std::uint64_t value) {
        varint(tag(field, WireType::Fixed64));
        char* p = out_;
        for (int i = 0; i < 8; ++i, value >>= 8) *p++ = static_cast<char>(value & 0xff);
        out_ = p;
    }
    // Tag and length of a length-delimited field; the caller writes `payload` bytes next.
    void len_header(std::uint32_t field, std::size_t payload) {
        varint(tag(field, WireType::Len));
        varint(payload);
    }
    void bytes_field(std::uint32_t field, std::string_view bytes) {
        len_header(field, bytes.size());
        raw(bytes);
    }
    // A string field; `size` is sanitized_utf8_size(text). Every invalid byte grows by two when
    // replaced, so an unchanged size means valid UTF-8 and a plain copy.
    void text_field(std::uint32_t field, std::string_view text, std::size_t size) {
        len_header(field, size);
        if (size == text.size()) {
            raw(text);
        } else {
            out_ = write_sanitized_utf8(text, out_);
        }
    }
    void raw(std::string_view bytes) {
        if (bytes.empty()) return;  // a default string_view has a null data()
        std::memcpy(out_, bytes.data(), bytes.size());
        out_ += bytes.size();
    }
    // Lets a caller write through a function that takes and returns a raw pointer.
    char*& cursor() { return out_; }
    [[nodiscard]] const char* position() const { return out_; }

  private:
    char* out_;
};

}  // namespace gw::telemetry::wire
