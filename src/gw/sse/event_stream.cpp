#include "gw/sse/event_stream.hpp"

#include "gw/sse/crc32.hpp"

#include <algorithm>
#include <charconv>

namespace gw::sse {
namespace {

// A carry buffer that grew past this for one large message is released afterwards, so an idle
// stream does not keep megabytes alive.
constexpr size_t kKeptCarryCapacity = 64 * 1024;

uint64_t read_be(std::string_view bytes, size_t width) {
    uint64_t value = 0;
    for (size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    return value;
}

uint32_t read_u32(std::string_view bytes) { return static_cast<uint32_t>(read_be(bytes, 4)); }

// The signed value of a big-endian two's-complement integer of `width` bytes (1, 2, 4 or 8).
int64_t read_signed(std::string_view bytes, size_t width) {
    const uint64_t raw = read_be(bytes, width);
    const unsigned shift = static_cast<unsigned>(64 - 8 * width);
    // Moving the sign bit to bit 63 and back extends it (C++20 defines both conversions).
    return static_cast<int64_t>(raw << shift) >> shift;
}

void append_be(std::string& out, uint64_t value, size_t width) {
    for (size_t i = width; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
}

std::string hex32(uint32_t value) {
    char digits[8];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), value, 16).ptr;
    return "0x" + std::string(std::begin(digits), end);
}

std::string crc_mismatch(std::string_view what, uint32_t computed, uint32_t received) {
    return std::string(what) + " CRC mismatch (computed " + hex32(computed) + ", received " +
           hex32(received) + ")";
}

// Bytes of the value of a fixed-size type; nullopt for the variable-length and unknown ones.
std::optional<size_t> fixed_value_size(uint8_t type) {
    switch (static_cast<EventStreamValueType>(type)) {
        case EventStreamValueType::kBoolTrue:
        case EventStreamValueType::kBoolFalse:
            return 0;
        case EventStreamValueType::kByte:
            return 1;
        case EventStreamValueType::kShort:
            return 2;
        case EventStreamValueType::kInt:
            return 4;
        case EventStreamValueType::kLong:
        case EventStreamValueType::kTimestamp:
            return 8;
        case EventStreamValueType::kUuid:
            return 16;
        case EventStreamValueType::kByteArray:
        case EventStreamValueType::kString:
            break;
    }
    return std::nullopt;
}

void set_value(EventStreamField& field, std::string_view value) {
    switch (field.type) {
        case EventStreamValueType::kBoolTrue:
            field.number = 1;
            break;
        case EventStreamValueType::kBoolFalse:
            field.number = 0;
            break;
        case EventStreamValueType::kByte:
        case EventStreamValueType::kShort:
        case EventStreamValueType::kInt:
        case EventStreamValueType::kLong:
        case EventStreamValueType::kTimestamp:
            field.number = read_signed(value, value.size());
            break;
        case EventStreamValueType::kByteArray:
        case EventStreamValueType::kString:
        case EventStreamValueType::kUuid:
            field.bytes = value;
            break;
    }
}

// Takes one header off the front of `rest` (the rest of the headers section) into `field`.
// Returns the reason when the header is malformed or overruns the section.
std::optional<std::string> take_header(std::string_view& rest, EventStreamField& field) {
    const size_t name_length = static_cast<unsigned char>(rest[0]);
    if (name_length == 0) return "event-stream header with an empty name";
    // Name length byte, name, value type byte.
    if (rest.size() < name_length + 2)
        return "event-stream header name overruns the headers section";
    field.name = rest.substr(1, name_length);
    const auto type = static_cast<uint8_t>(rest[name_length + 1]);
    rest.remove_prefix(name_length + 2);
    if (type > static_cast<uint8_t>(EventStreamValueType::kUuid)) {
        return "event-stream header value type " + std::to_string(type) + " is unknown";
    }
    field.type = static_cast<EventStreamValueType>(type);
    const std::optional<size_t> fixed = fixed_value_size(type);
    const size_t prefix = fixed ? 0 : 2;  // the u16 length in front of variable-length values
    if (rest.size() < prefix) return "event-stream header value overruns the headers section";
    const size_t value_length = fixed ? *fixed : static_cast<size_t>(read_be(rest, 2));
    if (rest.size() < prefix + value_length) {
        return "event-stream header value overruns the headers section";
    }
    set_value(field, rest.substr(prefix, value_length));
    rest.remove_prefix(prefix + value_length);
    return std::nullopt;
}

}  // namespace

std::optional<std::string_view> EventStreamMessage::string_header(std::string_view name) const {
    for (const auto& field : headers) {
        if (field.type == EventStreamValueType::kString && field.name == name) return field.bytes;
    }
    return std::nullopt;
}

std::string_view EventStreamMessage::message_type() const {
    return string_header(":message-type").value_or("");
}
std::string_view EventStreamMessage::event_type() const {
    return string_header(":event-type").value_or("");
}
std::string_view EventStreamMessage::exception_type() const {
    return string_header(":exception-type").value_or("");
}
std::string_view EventStreamMessage::content_type() const {
    return string_header(":content-type").value_or("");
}
std::string_view EventStreamMessage::error_code() const {
    return string_header(":error-code").value_or("");
}
std::string_view EventStreamMessage::error_message() const {
    return string_header(":error-message").value_or("");
}

bool EventStreamDecoder::next_frame(std::string_view& bytes, std::string_view& frame) {
    if (carry_.empty() && bytes.size() >= kPreludeBytes) {
        // Usual case: the message starts at the slice start; no copy when it ends in the slice.
        size_t total = 0;
        if (!check_prelude(bytes.substr(0, kPreludeBytes), total)) return false;
        if (bytes.size() >= total) {
            frame = bytes.substr(0, total);
            bytes.remove_prefix(total);
            return true;
        }
        carry_total_ = total;
    }
    if (carry_total_ == 0) {
        const size_t take = std::min(kPreludeBytes - carry_.size(), bytes.size());
        carry_.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (carry_.size() < kPreludeBytes) return false;
        if (!check_prelude(carry_, carry_total_)) return false;
    }
    // check_prelude bounded carry_total_ by max_message_bytes_, which bounds the carry buffer.
    const size_t take = std::min(carry_total_ - carry_.size(), bytes.size());
    carry_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (carry_.size() < carry_total_) return false;
    frame = carry_;
    return true;
}

bool EventStreamDecoder::check_prelude(std::string_view prelude, size_t& total) {
    const uint32_t total_length = read_u32(prelude);
    const uint32_t headers_length = read_u32(prelude.substr(4));
    const uint32_t received = read_u32(prelude.substr(8));
    const uint32_t computed = crc32(prelude.substr(0, 8));
    // The CRC comes first: until it matches, the lengths are noise, not a limit violation.
    if (computed != received) {
        fail(crc_mismatch("event-stream prelude", computed, received));
    } else if (total_length < kMinMessageBytes) {
        fail("event-stream message length " + std::to_string(total_length) +
             " is below the minimum of " + std::to_string(kMinMessageBytes));
    } else if (total_length > max_message_bytes_) {
        fail("event-stream message length " + std::to_string(total_length) +
             " exceeds the limit of " + std::to_string(max_message_bytes_));
    } else if (headers_length > kMaxHeadersBytes) {
        fail("event-stream headers length " + std::to_string(headers_length) +
             " exceeds the limit of " + std::to_string(kMaxHeadersBytes));
    } else if (headers_length > total_length - kMinMessageBytes) {
        fail("event-stream headers length " + std::to_string(headers_length) +
             " does not fit in a message of " + std::to_string(total_length) + " bytes");
    } else {
        total = total_length;
        return true;
    }
    return false;
}

bool EventStreamDecoder::decode(std::string_view frame) {
    const size_t body = frame.size() - 4;
    const uint32_t received = read_u32(frame.substr(body));
    const uint32_t computed = crc32(frame.substr(0, body));
    if (computed != received) {
        fail(crc_mismatch("event-stream message", computed, received));
        return false;
    }
    const size_t headers_length = read_u32(frame.substr(4));
    if (!parse_headers(frame.substr(kPreludeBytes, headers_length))) return false;
    payload_ = frame.substr(kPreludeBytes + headers_length, body - kPreludeBytes - headers_length);
    return true;
}

bool EventStreamDecoder::parse_headers(std::string_view headers) {
    fields_.clear();
    while (!headers.empty()) {
        EventStreamField field;
        if (std::optional<std::string> error = take_header(headers, field)) {
            fail(std::move(*error));
            return false;
        }
        fields_.push_back(field);
    }
    return true;
}

void EventStreamDecoder::end_message() {
    fields_.clear();
    payload_ = {};
    if (carry_.capacity() > kKeptCarryCapacity) {
        carry_ = std::string();
    } else {
        carry_.clear();
    }
    carry_total_ = 0;
}

void EventStreamDecoder::fail(std::string reason) {
    failed_ = true;
    error_ = std::move(reason);
    carry_ = std::string();
    carry_total_ = 0;
    fields_.clear();
    payload_ = {};
}

void EventStreamDecoder::reset() {
    end_message();
    carry_ = std::string();
    error_.clear();
    failed_ = false;
}

void append_event_stream_message(std::string& out,
                                 std::span<const EventStreamHeader> string_headers,
                                 std::string_view payload) {
    size_t headers_length = 0;
    for (const auto& header : string_headers) {
        headers_length += 1 + std::min(header.name.size(), kMaxEventStreamNameBytes) + 1 + 2 +
                          std::min(header.value.size(), kMaxEventStreamStringBytes);
    }
    const size_t total = EventStreamDecoder::kMinMessageBytes + headers_length + payload.size();
    const size_t start = out.size();
    out.reserve(start + total);
    append_be(out, total, 4);
    append_be(out, headers_length, 4);
    append_be(out, crc32(std::string_view(out).substr(start, 8)), 4);
    for (const auto& header : string_headers) {
        const std::string_view name = header.name.substr(0, kMaxEventStreamNameBytes);
        const std::string_view value = header.value.substr(0, kMaxEventStreamStringBytes);
        append_be(out, name.size(), 1);
        out.append(name);
        out.push_back(static_cast<char>(EventStreamValueType::kString));
        append_be(out, value.size(), 2);
        out.append(value);
    }
    out.append(payload);
    append_be(out, crc32(std::string_view(out).substr(start)), 4);
}

}  // namespace gw::sse
