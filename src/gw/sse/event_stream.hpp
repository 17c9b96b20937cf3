#pragma once
// AWS event-stream framing (content type application/vnd.amazon.eventstream), the binary message
// framing of Bedrock ConverseStream, with no I/O (stack.md §2.5). Like SseScanner, the decoder
// takes bytes in arbitrary slices and reports each complete message through a callback. Memory
// is bounded: a message announcing more than the configured limit, a checksum mismatch or a
// malformed header puts the decoder in a failed state with a reason, instead of buffering on.
//
// Wire format of one message (all integers big-endian):
//   prelude  total length u32 | headers length u32 | CRC-32 of the preceding 8 bytes u32
//   headers  repeated: name length u8 | name | value type u8 | value (see EventStreamValueType)
//   payload  total - headers length - 16 bytes
//   trailer  CRC-32 of every preceding byte of the message u32

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gw::sse {

// Header value types and the size of their value on the wire.
enum class EventStreamValueType : uint8_t {
    kBoolTrue = 0,   // no value bytes
    kBoolFalse = 1,  // no value bytes
    kByte = 2,       // 1 byte, signed
    kShort = 3,      // 2 bytes, signed
    kInt = 4,        // 4 bytes, signed
    kLong = 5,       // 8 bytes, signed
    kByteArray = 6,  // u16 length + bytes
    kString = 7,     // u16 length + UTF-8 bytes
    kTimestamp = 8,  // 8 bytes: milliseconds since the Unix epoch, signed
    kUuid = 9,       // 16 bytes
};

// One decoded header. The views point into the decoder (or the fed bytes) and are valid only
// during the callback.
struct EventStreamField {
    std::string_view name;
    EventStreamValueType type = EventStreamValueType::kString;
    // kBoolTrue 1, kBoolFalse 0; kByte, kShort, kInt, kLong and kTimestamp: the value.
    int64_t number = 0;
    // kByteArray and kString: the value bytes; kUuid: the 16 raw bytes.
    std::string_view bytes;
};

// A string-typed header for append_event_stream_message().
struct EventStreamHeader {
    std::string_view name;
    std::string_view value;
};

// One complete message whose checksums matched. Valid only during the callback.
struct EventStreamMessage {
    std::span<const EventStreamField> headers;  // in wire order
    std::string_view payload;

    // The value of the first string-typed header named exactly `name` (AWS sends lowercase
    // names); nullopt when there is none.
    [[nodiscard]] std::optional<std::string_view> string_header(std::string_view name) const;

    // The headers Bedrock uses; each is empty when absent.
    [[nodiscard]] std::string_view message_type()
        const;                                          // ":message-type": event, exception, error
    [[nodiscard]] std::string_view event_type() const;  // ":event-type", e.g. contentBlockDelta
    [[nodiscard]] std::string_view exception_type() const;  // ":exception-type" (exceptions)
    [[nodiscard]] std::string_view content_type() const;    // ":content-type"
    [[nodiscard]] std::string_view error_code() const;      // ":error-code" (message type error)
    [[nodiscard]] std::string_view error_message() const;   // ":error-message"
};

class EventStreamDecoder {
  public:
    static constexpr size_t kPreludeBytes = 12;
    // Prelude plus message CRC: the size of a message without headers and payload.
    static constexpr size_t kMinMessageBytes = 16;
    static constexpr size_t kDefaultMaxMessageBytes = 16 * 1024 * 1024;
    static constexpr size_t kMaxHeadersBytes = 128 * 1024;

    explicit EventStreamDecoder(size_t max_message_bytes = kDefaultMaxMessageBytes)
        : max_message_bytes_(max_message_bytes) {}

    // Consumes `bytes` and calls on_message(const EventStreamMessage&) for every message they
    // complete. Returns false once the decoder has failed (see error()); later calls do nothing.
    // The callback must not feed this decoder.
    template <class Fn>
    bool feed(std::string_view bytes, Fn&& on_message);

    // True when no part of a message is buffered and the decoder has not failed: the bytes fed so
    // far ended exactly after a message, so the stream may end (or a message be injected) here.
    [[nodiscard]] bool at_message_boundary() const { return !failed_ && carry_.empty(); }

    // True after a framing error; the stream cannot be decoded further.
    [[nodiscard]] bool failed() const { return failed_; }

    // Why the decoder failed, for logs and the client's error message; empty unless failed().
    [[nodiscard]] std::string_view error() const { return error_; }

    // Back to the initial state, for reuse on a new stream.
    void reset();

  private:
    // Takes the next complete message from `bytes` (or from the carry buffer completed by
    // `bytes`) into `frame`. Returns false when `bytes` is used up without completing one, or on
    // a prelude error (then failed()).
    bool next_frame(std::string_view& bytes, std::string_view& frame);
    // Checks the 12 prelude bytes and sets `total` to the message length; false after fail().
    bool check_prelude(std::string_view prelude, size_t& total);
    // Verifies the message CRC and splits a complete frame into headers and payload; false after
    // fail().
    bool decode(std::string_view frame);
    bool parse_headers(std::string_view headers);
    void end_message();
    [[nodiscard]] EventStreamMessage current_message() const {
        return EventStreamMessage{fields_, payload_};
    }
    void fail(std::string reason);

    size_t max_message_bytes_;
    std::string carry_;       // the first bytes of a message that did not arrive in one slice
    size_t carry_total_ = 0;  // the carried message's total length, once its prelude is in
    std::vector<EventStreamField> fields_;
    std::string_view payload_;
    std::string error_;
    bool failed_ = false;
};

template <class Fn>
bool EventStreamDecoder::feed(std::string_view bytes, Fn&& on_message) {
    std::string_view frame;
    while (!failed_ && next_frame(bytes, frame)) {
        if (decode(frame)) on_message(std::as_const(*this).current_message());
        end_message();
    }
    return !failed_;
}

// Longest header name and string value the wire format can carry.
inline constexpr size_t kMaxEventStreamNameBytes = 255;
inline constexpr size_t kMaxEventStreamStringBytes = 65535;

// Appends one message with string-typed `string_headers` (in the given order) and `payload` to
// `out`. A name longer than kMaxEventStreamNameBytes or a value longer than
// kMaxEventStreamStringBytes is cut to that length, so the frame stays decodable; callers (the
// mock provider) use short, fixed names and values.
void append_event_stream_message(std::string& out,
                                 std::span<const EventStreamHeader> string_headers,
                                 std::string_view payload);

}  // namespace gw::sse
