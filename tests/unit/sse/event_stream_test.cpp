#include "gw/sse/event_stream.hpp"

#include "gw/sse/crc32.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace gw::sse {
namespace {

using Type = EventStreamValueType;

struct Field {
    std::string name;
    Type type = Type::kString;
    int64_t number = 0;
    std::string bytes;
    bool operator==(const Field&) const = default;
};

struct Message {
    std::vector<Field> headers;
    std::string payload;
    bool operator==(const Message&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Message& m) {
    os << "{headers=[";
    for (const auto& f : m.headers) {
        os << f.name << ":" << static_cast<int>(f.type) << ":" << f.number << ":" << f.bytes << " ";
    }
    return os << "] payload=" << m.payload << "}";
}

using Messages = std::vector<Message>;

struct Outcome {
    Messages messages;
    bool failed = false;
    std::string error;
    bool at_boundary = false;
};

Message copy(const EventStreamMessage& m) {
    Message out;
    for (const auto& f : m.headers) {
        out.headers.push_back({std::string(f.name), f.type, f.number, std::string(f.bytes)});
    }
    out.payload.assign(m.payload);
    return out;
}

// Feeds `bytes` cut at the ascending offsets `cuts`.
Outcome decode(std::string_view bytes, const std::vector<size_t>& cuts = {},
               size_t max_message_bytes = EventStreamDecoder::kDefaultMaxMessageBytes) {
    EventStreamDecoder decoder(max_message_bytes);
    Outcome out;
    auto collect = [&](const EventStreamMessage& m) { out.messages.push_back(copy(m)); };
    size_t from = 0;
    for (size_t cut : cuts) {
        decoder.feed(bytes.substr(from, cut - from), collect);
        from = cut;
    }
    decoder.feed(bytes.substr(from), collect);
    out.failed = decoder.failed();
    out.error = std::string(decoder.error());
    out.at_boundary = decoder.at_message_boundary();
    return out;
}

std::string from_hex(std::string_view hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    }
    return out;
}

std::string be(uint64_t value, size_t width) {
    std::string out;
    for (size_t i = width; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    return out;
}

// One raw header: name length, name, type, then `value` exactly as given (with its length
// prefix for the variable-length types).
std::string header(std::string_view name, Type type, std::string_view value = {}) {
    return be(name.size(), 1) + std::string(name) + be(static_cast<uint8_t>(type), 1) +
           std::string(value);
}

std::string string_header(std::string_view name, std::string_view value) {
    return header(name, Type::kString, be(value.size(), 2) + std::string(value));
}

// A message around raw header bytes with correct checksums; `total` and `headers_length`
// override the prelude's lengths (the prelude CRC still matches them).
std::string frame(std::string_view headers, std::string_view payload,
                  std::optional<uint32_t> total = std::nullopt,
                  std::optional<uint32_t> headers_length = std::nullopt) {
    std::string out =
        be(total.value_or(static_cast<uint32_t>(16 + headers.size() + payload.size())), 4) +
        be(headers_length.value_or(static_cast<uint32_t>(headers.size())), 4);
    out += be(crc32(out), 4);
    out += std::string(headers) + std::string(payload);
    return out + be(crc32(out), 4);
}

// --- Test vectors of awslabs/aws-c-event-stream (tests/message_deserializer_test.c and
// tests/message_streaming_decoder_test.c, commit d47b14c6ef0cc51701671f99e7e3ff504f730381).

const std::string kCrtEmpty = from_hex("000000100000000005c248eb7d98c8ff");
const std::string kCrtPayloadOnly =
    from_hex("0000001d00000000fd528c5a7b27666f6f273a27626172277dc3653936");
const std::string kCrtContentTypeHeader = from_hex(
    "0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e"
    "7b27666f6f273a27626172277d8d9c08b1");
const std::string kCrtInt32Header = from_hex(
    "0000001b"    // total length
    "0000000b"    // headers length
    "e5c0a072"    // prelude CRC
    "05"          // name length
    "6576656e74"  // "event"
    "04"          // int
    "00000020"    // 0x20
    "04a1d47c");  // message CRC
const std::string kCrtEmptyVariableHeaders = from_hex(
    "00000022"
    "00000012"
    "2d9ad245"
    "04"
    "62756666"
    "06"
    "0000"  // "buff": empty byte array
    "06"
    "737472696e67"
    "07"
    "0000"  // "string": empty string
    "c84cf853");
const std::string kCrtBoolHeader = from_hex(
    "00000017"
    "00000007"
    "29860158"
    "05"
    "6576656e74"
    "00"  // "event": true
    "4b4d2be7");

// --- Test vectors of smithy-lang/smithy-rs (rust-runtime/aws-smithy-eventstream/test_data/,
// commit 56ee88c5c6edd967967656f1e29f46b229105e79).

const std::string kSmithyAllHeaders = from_hex(
    "000000960000007a8bb495fb0474727565000566616c736501046279746502320573686f7274034e"
    "2003696e74040007a120046c6f6e67050000000ba43b740005627974657306000a736f6d65206279"
    "74657303737472070008736f6d65207374720474696d6508000000012a05f200047575696409b79b"
    "c914de214e13b8b2bc47e85b7f0b736f6d65207061796c6f616401a05860");
const std::string kSmithyEmptyPayload =
    from_hex("0000001f0000000f172dc2ab0b736f6d652d6865616465720301f4933c5cad");
const std::string kSmithyNoHeaders =
    from_hex("0000002400000000516356ad616e6f746865722074657374207061796c6f61648df80e65");
const std::string kSmithyInvalidPreludeChecksum = from_hex(
    "000000960000007adeadbeef0474727565000566616c736501046279746502320573686f7274034e"
    "2003696e74040007a120046c6f6e67050000000ba43b740005627974657306000a736f6d65206279"
    "74657303737472070008736f6d65207374720474696d6508000000012a05f200047575696409b79b"
    "c914de214e13b8b2bc47e85b7f0b736f6d65207061796c6f616401a05860");
const std::string kSmithyInvalidMessageChecksum = from_hex(
    "000000960000007a8bb495fb0474727565000566616c736501046279746502320573686f7274034e"
    "2003696e74040007a120046c6f6e67050000000ba43b740005627974657306000a736f6d65206279"
    "74657303737472070008736f6d65207374720474696d6508000000012a05f200047575696409b79b"
    "c914de214e13b8b2bc47e85b7f0b736f6d65207061796c6f6164deadbeef");
const std::string kSmithyInvalidHeadersLength = from_hex(
    "000000590000004d584c4ffe0474727565000566616c736501046279746502320573686f7274034e"
    "2003696e74040007a120046c6f6e67050000000ba43b740005627974657306000a736f6d65206279"
    "7465730373747207ff");
const std::string kSmithyInvalidHeaderValueType = from_hex(
    "000000960000007a8bb495fb0474727565000566616c736501046279746560320573686f7274034e"
    "2003696e74040007a120046c6f6e67050000000ba43b740005627974657306000a736f6d65206279"
    "74657303737472070008736f6d65207374720474696d6508000000012a05f200047575696409b79b"
    "c914de214e13b8b2bc47e85b7f0b736f6d65207061796c6f616401a05860");

const Message kSmithyAllHeadersMessage{
    {{"true", Type::kBoolTrue, 1, ""},
     {"false", Type::kBoolFalse, 0, ""},
     {"byte", Type::kByte, 50, ""},
     {"short", Type::kShort, 20'000, ""},
     {"int", Type::kInt, 500'000, ""},
     {"long", Type::kLong, 50'000'000'000, ""},
     {"bytes", Type::kByteArray, 0, "some bytes"},
     {"str", Type::kString, 0, "some str"},
     {"time", Type::kTimestamp, 5'000'000'000, ""},  // 5,000,000 s in milliseconds
     {"uuid", Type::kUuid, 0, from_hex("b79bc914de214e13b8b2bc47e85b7f0b")}},
    "some payload"};

TEST(EventStreamVectors, CrtMessagesDecode) {
    EXPECT_EQ(decode(kCrtEmpty).messages, (Messages{{{}, ""}}));
    EXPECT_EQ(decode(kCrtPayloadOnly).messages, (Messages{{{}, "{'foo':'bar'}"}}));
    EXPECT_EQ(
        decode(kCrtContentTypeHeader).messages,
        (Messages{{{{"content-type", Type::kString, 0, "application/json"}}, "{'foo':'bar'}"}}));
    EXPECT_EQ(decode(kCrtInt32Header).messages,
              (Messages{{{{"event", Type::kInt, 0x20, ""}}, ""}}));
    EXPECT_EQ(
        decode(kCrtEmptyVariableHeaders).messages,
        (Messages{{{{"buff", Type::kByteArray, 0, ""}, {"string", Type::kString, 0, ""}}, ""}}));
    EXPECT_EQ(decode(kCrtBoolHeader).messages,
              (Messages{{{{"event", Type::kBoolTrue, 1, ""}}, ""}}));
}

TEST(EventStreamVectors, SmithyMessageWithEveryHeaderType) {
    const Outcome out = decode(kSmithyAllHeaders);
    EXPECT_FALSE(out.failed) << out.error;
    EXPECT_EQ(out.messages, Messages{kSmithyAllHeadersMessage});
    EXPECT_TRUE(out.at_boundary);
}

TEST(EventStreamVectors, SmithyEmptyPayloadAndNoHeaders) {
    EXPECT_EQ(decode(kSmithyEmptyPayload).messages,
              (Messages{{{{"some-header", Type::kShort, 500, ""}}, ""}}));
    EXPECT_EQ(decode(kSmithyNoHeaders).messages, (Messages{{{}, "another test payload"}}));
}

TEST(EventStreamVectors, SmithyInvalidMessagesFail) {
    for (const std::string* bytes :
         {&kSmithyInvalidPreludeChecksum, &kSmithyInvalidMessageChecksum,
          &kSmithyInvalidHeadersLength, &kSmithyInvalidHeaderValueType}) {
        const Outcome out = decode(*bytes);
        EXPECT_TRUE(out.failed);
        EXPECT_TRUE(out.messages.empty());
        EXPECT_FALSE(out.error.empty());
    }
    EXPECT_EQ(decode(kSmithyInvalidPreludeChecksum).error,
              "event-stream prelude CRC mismatch (computed 0x8bb495fb, received 0xdeadbeef)");
    EXPECT_EQ(decode(kSmithyInvalidMessageChecksum).error,
              "event-stream message CRC mismatch (computed 0x1a05860, received 0xdeadbeef)");
    EXPECT_EQ(decode(kSmithyInvalidHeadersLength).error,
              "event-stream headers length 77 does not fit in a message of 89 bytes");
}

// The encoder produces the CRT's vectors byte for byte, so a real SDK can read the mock's streams.
TEST(EventStreamEncoder, MatchesCrtVectors) {
    std::string out;
    append_event_stream_message(out, {}, "");
    EXPECT_EQ(out, kCrtEmpty);
    out.clear();
    append_event_stream_message(out, {}, "{'foo':'bar'}");
    EXPECT_EQ(out, kCrtPayloadOnly);
    out.clear();
    const EventStreamHeader content_type[] = {{"content-type", "application/json"}};
    append_event_stream_message(out, content_type, "{'foo':'bar'}");
    EXPECT_EQ(out, kCrtContentTypeHeader);
}

TEST(EventStreamEncoder, AppendsAfterExistingBytes) {
    std::string out = "prefix";
    append_event_stream_message(out, {}, "");
    EXPECT_EQ(out, "prefix" + kCrtEmpty);
}

TEST(EventStreamEncoder, CutsOverlongNamesAndValues) {
    const std::string name(300, 'n');
    const std::string value(70'000, 'v');
    const EventStreamHeader headers[] = {{name, value}};
    std::string out;
    append_event_stream_message(out, headers, "p");
    const Outcome decoded = decode(out);
    ASSERT_EQ(decoded.messages.size(), 1u) << decoded.error;
    EXPECT_EQ(decoded.messages[0].headers[0].name, name.substr(0, 255));
    EXPECT_EQ(decoded.messages[0].headers[0].bytes, value.substr(0, 65535));
    EXPECT_EQ(decoded.messages[0].payload, "p");
}

// A ConverseStream answer as the mock provider sends it (synthetic, written for this test).
std::string bedrock_stream() {
    struct Event {
        const char* type;
        const char* payload;
    };
    const Event events[] = {
        {"messageStart", R"({"p":"abcd","role":"assistant"})"},
        {"contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hel"},"p":"ab"})"},
        {"contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"lo"},"p":"abcdef"})"},
        {"contentBlockStop", R"({"contentBlockIndex":0,"p":"a"})"},
        {"messageStop", R"({"p":"abc","stopReason":"end_turn"})"},
        {"metadata", R"({"metrics":{"latencyMs":120},"p":"ab","usage":{"inputTokens":5,)"
                     R"("outputTokens":2,"totalTokens":7}})"},
    };
    std::string out;
    for (const auto& e : events) {
        const EventStreamHeader headers[] = {{":event-type", e.type},
                                             {":content-type", "application/json"},
                                             {":message-type", "event"}};
        append_event_stream_message(out, headers, e.payload);
    }
    return out;
}

TEST(EventStreamDecoder, RoundTripsBedrockEvents) {
    const Outcome out = decode(bedrock_stream());
    ASSERT_EQ(out.messages.size(), 6u);
    EXPECT_TRUE(out.at_boundary);
    const Message& delta = out.messages[1];
    EXPECT_EQ(delta.headers,
              (std::vector<Field>{{":event-type", Type::kString, 0, "contentBlockDelta"},
                                  {":content-type", Type::kString, 0, "application/json"},
                                  {":message-type", Type::kString, 0, "event"}}));
    EXPECT_EQ(delta.payload, R"({"contentBlockIndex":0,"delta":{"text":"Hel"},"p":"ab"})");
}

TEST(EventStreamDecoder, NamedHeaderAccessors) {
    std::string bytes;
    const EventStreamHeader exception[] = {{":message-type", "exception"},
                                           {":exception-type", "throttlingException"},
                                           {":content-type", "application/json"}};
    append_event_stream_message(bytes, exception, R"({"message":"slow down"})");
    const EventStreamHeader error[] = {
        {":message-type", "error"}, {":error-code", "InternalFailure"}, {":error-message", "boom"}};
    append_event_stream_message(bytes, error, "");
    // A non-string header of the same name is skipped by the string accessors.
    bytes +=
        frame(header(":event-type", Type::kInt, be(7, 4)) + string_header(":event-type", "x"), "");

    EventStreamDecoder decoder;
    std::vector<std::vector<std::string>> seen;
    decoder.feed(bytes, [&](const EventStreamMessage& m) {
        seen.push_back({std::string(m.message_type()), std::string(m.event_type()),
                        std::string(m.exception_type()), std::string(m.content_type()),
                        std::string(m.error_code()), std::string(m.error_message())});
        EXPECT_FALSE(m.string_header("missing").has_value());
    });
    EXPECT_EQ(seen, (std::vector<std::vector<std::string>>{
                        {"exception", "", "throttlingException", "application/json", "", ""},
                        {"error", "", "", "", "InternalFailure", "boom"},
                        {"", "x", "", "", "", ""}}));
}

TEST(EventStreamDecoder, EverySplitPointGivesIdenticalMessages) {
    const std::string bytes =
        bedrock_stream() + kSmithyAllHeaders + kSmithyEmptyPayload + kSmithyNoHeaders + kCrtEmpty;
    const Outcome whole = decode(bytes);
    ASSERT_EQ(whole.messages.size(), 10u);
    for (size_t split = 0; split <= bytes.size(); ++split) {
        const Outcome halves = decode(bytes, {split});
        EXPECT_EQ(halves.messages, whole.messages) << "split at " << split;
        EXPECT_FALSE(halves.failed) << "split at " << split;
    }
    for (size_t slice : {size_t{1}, size_t{3}, size_t{11}, size_t{12}, size_t{13}, size_t{100}}) {
        std::vector<size_t> cuts;
        for (size_t cut = slice; cut < bytes.size(); cut += slice) cuts.push_back(cut);
        EXPECT_EQ(decode(bytes, cuts).messages, whole.messages) << "slice " << slice;
    }
}

TEST(EventStreamDecoder, AtMessageBoundaryExactlyBetweenMessages) {
    const std::string bytes = kCrtPayloadOnly + kSmithyAllHeaders + kCrtEmpty;
    const std::vector<size_t> ends = {
        kCrtPayloadOnly.size(), kCrtPayloadOnly.size() + kSmithyAllHeaders.size(), bytes.size()};
    EventStreamDecoder decoder;
    size_t messages = 0;
    EXPECT_TRUE(decoder.at_message_boundary());
    for (size_t offset = 1; offset <= bytes.size(); ++offset) {
        decoder.feed(std::string_view(bytes).substr(offset - 1, 1),
                     [&](const auto&) { ++messages; });
        const bool is_end = std::find(ends.begin(), ends.end(), offset) != ends.end();
        EXPECT_EQ(decoder.at_message_boundary(), is_end) << "after " << offset << " bytes";
    }
    EXPECT_EQ(messages, 3u);
}

TEST(EventStreamDecoder, TruncatedStreamDispatchesNothingAndDoesNotFail) {
    for (size_t keep :
         {size_t{1}, size_t{11}, size_t{12}, size_t{13}, kSmithyAllHeaders.size() - 1}) {
        const Outcome out = decode(std::string_view(kSmithyAllHeaders).substr(0, keep));
        EXPECT_TRUE(out.messages.empty()) << keep;
        EXPECT_FALSE(out.failed) << keep;
        EXPECT_FALSE(out.at_boundary) << keep;
    }
    // A complete message followed by a partial one: only the first is dispatched.
    const Outcome out = decode(kCrtPayloadOnly + kCrtEmpty.substr(0, 15));
    EXPECT_EQ(out.messages, (Messages{{{}, "{'foo':'bar'}"}}));
    EXPECT_FALSE(out.at_boundary);
}

TEST(EventStreamDecoder, EachHeaderTypeIncludingNegativeNumbers) {
    const std::string headers =
        header("t", Type::kBoolTrue) + header("f", Type::kBoolFalse) +
        header("b", Type::kByte, be(0xFF, 1)) + header("s", Type::kShort, be(0xFFFE, 2)) +
        header("i", Type::kInt, be(0x80000000u, 4)) +
        header("l", Type::kLong, be(0x8000000000000000u, 8)) +
        header("ba", Type::kByteArray, be(3, 2) + std::string("\x00\x01\x02", 3)) +
        string_header("st", "caf\xC3\xA9") +
        header("ts", Type::kTimestamp, be(static_cast<uint64_t>(-1000), 8)) +
        header("u", Type::kUuid, std::string(16, '\x7F'));
    const Outcome out = decode(frame(headers, "body"));
    ASSERT_FALSE(out.failed) << out.error;
    EXPECT_EQ(out.messages, (Messages{{{{"t", Type::kBoolTrue, 1, ""},
                                        {"f", Type::kBoolFalse, 0, ""},
                                        {"b", Type::kByte, -1, ""},
                                        {"s", Type::kShort, -2, ""},
                                        {"i", Type::kInt, INT32_MIN, ""},
                                        {"l", Type::kLong, INT64_MIN, ""},
                                        {"ba", Type::kByteArray, 0, std::string("\x00\x01\x02", 3)},
                                        {"st", Type::kString, 0, "caf\xC3\xA9"},
                                        {"ts", Type::kTimestamp, -1000, ""},
                                        {"u", Type::kUuid, 0, std::string(16, '\x7F')}},
                                       "body"}}));
}

TEST(EventStreamDecoder, BadPreludeCrcFails) {
    std::string bytes = kCrtPayloadOnly;
    bytes[9] = static_cast<char>(bytes[9] ^ 0x01);
    const Outcome out = decode(bytes);
    EXPECT_TRUE(out.failed);
    EXPECT_TRUE(out.messages.empty());
    EXPECT_NE(out.error.find("prelude CRC mismatch"), std::string::npos) << out.error;
    // A flipped length bit is caught by the same CRC, before the length is trusted.
    bytes = kCrtPayloadOnly;
    bytes[3] = static_cast<char>(bytes[3] ^ 0x40);
    EXPECT_NE(decode(bytes).error.find("prelude CRC mismatch"), std::string::npos);
}

TEST(EventStreamDecoder, BadMessageCrcFails) {
    for (size_t pos : {size_t{12}, size_t{20}, kCrtContentTypeHeader.size() - 1}) {
        std::string bytes = kCrtContentTypeHeader;
        bytes[pos] = static_cast<char>(bytes[pos] ^ 0x80);
        const Outcome out = decode(bytes);
        EXPECT_TRUE(out.failed) << pos;
        EXPECT_TRUE(out.messages.empty()) << pos;
        EXPECT_NE(out.error.find("message CRC mismatch"), std::string::npos) << out.error;
    }
}

TEST(EventStreamDecoder, TotalLengthBelowSixteenFails) {
    for (uint32_t total : {0u, 12u, 15u}) {
        const Outcome out = decode(frame("", "", total));
        EXPECT_TRUE(out.failed) << total;
        EXPECT_EQ(out.error, "event-stream message length " + std::to_string(total) +
                                 " is below the minimum of 16");
    }
}

TEST(EventStreamDecoder, OversizeMessageFailsAfterThePrelude) {
    const std::string big = frame("", std::string(100, 'x'));  // 116 bytes
    EXPECT_EQ(decode(big, {}, 116).messages.size(), 1u);       // exactly the limit passes
    const Outcome out = decode(big, {}, 115);
    EXPECT_TRUE(out.failed);
    EXPECT_EQ(out.error, "event-stream message length 116 exceeds the limit of 115");

    // With the default 16 MiB limit, a prelude announcing more fails on its own 12 bytes: nothing
    // of the body needs to arrive (or be buffered) first.
    const std::string huge = frame("", "", 16 * 1024 * 1024 + 1).substr(0, 12);
    const Outcome default_limit = decode(huge, {1, 5});
    EXPECT_TRUE(default_limit.failed);
    EXPECT_EQ(default_limit.error,
              "event-stream message length 16777217 exceeds the limit of 16777216");
    EXPECT_FALSE(decode(frame("", "", 16 * 1024 * 1024).substr(0, 12)).failed);
}

TEST(EventStreamDecoder, HeadersLongerThanTheLimitFail) {
    const Outcome out = decode(frame("", "", 200'000, 128 * 1024 + 1).substr(0, 12));
    EXPECT_TRUE(out.failed);
    EXPECT_EQ(out.error, "event-stream headers length 131073 exceeds the limit of 131072");
    // Exactly 128 KiB of headers is fine.
    std::string headers;
    while (headers.size() + 3 + 255 + 3 <= 128 * 1024) {
        headers += string_header(std::string(255, 'h'), "");
    }
    headers += header(std::string(128 * 1024 - headers.size() - 2, 'z'), Type::kBoolTrue);
    ASSERT_EQ(headers.size(), 128u * 1024);
    EXPECT_FALSE(decode(frame(headers, "")).failed);
}

TEST(EventStreamDecoder, HeadersLengthBeyondTheMessageFails) {
    const Outcome out = decode(frame("", "abc", 19, 4));
    EXPECT_TRUE(out.failed);
    EXPECT_EQ(out.error, "event-stream headers length 4 does not fit in a message of 19 bytes");
}

TEST(EventStreamDecoder, MalformedHeadersFail) {
    struct Case {
        std::string headers;
        std::string error;
    };
    const Case cases[] = {
        {header("x", static_cast<Type>(10)), "event-stream header value type 10 is unknown"},
        {header("x", static_cast<Type>(0xFF)), "event-stream header value type 255 is unknown"},
        {std::string("\x00\x07", 2), "event-stream header with an empty name"},
        {"\x05"
         "abc",
         "event-stream header name overruns the headers section"},
        {"\x03"
         "abc",
         "event-stream header name overruns the headers section"},
        {header("x", Type::kInt, be(1, 3)),
         "event-stream header value overruns the headers section"},
        {header("x", Type::kUuid, std::string(15, 'u')),
         "event-stream header value overruns the headers section"},
        {header("x", Type::kString, be(5, 2) + "abcd"),
         "event-stream header value overruns the headers section"},
        {header("x", Type::kByteArray, be(1, 1)),
         "event-stream header value overruns the headers section"},
        {header("x", Type::kString), "event-stream header value overruns the headers section"},
    };
    for (const auto& c : cases) {
        // The payload right after the headers must not be read as header bytes.
        const Outcome out = decode(frame(c.headers, "payload-bytes"));
        EXPECT_TRUE(out.failed) << c.error;
        EXPECT_TRUE(out.messages.empty()) << c.error;
        EXPECT_EQ(out.error, c.error);
    }
}

TEST(EventStreamDecoder, FailureIsStickyUntilReset) {
    EventStreamDecoder decoder(64);
    size_t messages = 0;
    auto count = [&](const EventStreamMessage&) { ++messages; };
    EXPECT_TRUE(decoder.feed(kCrtEmpty, count));
    EXPECT_FALSE(decoder.feed(frame("", std::string(100, 'x')), count));
    EXPECT_TRUE(decoder.failed());
    EXPECT_FALSE(decoder.at_message_boundary());
    EXPECT_FALSE(decoder.feed(kCrtEmpty, count));
    EXPECT_EQ(messages, 1u);
    decoder.reset();
    EXPECT_FALSE(decoder.failed());
    EXPECT_TRUE(decoder.error().empty());
    EXPECT_TRUE(decoder.at_message_boundary());
    EXPECT_TRUE(decoder.feed(kCrtEmpty, count));
    EXPECT_EQ(messages, 2u);
}

TEST(EventStreamDecoder, ResetDropsAPartialMessage) {
    EventStreamDecoder decoder;
    size_t messages = 0;
    auto count = [&](const EventStreamMessage&) { ++messages; };
    decoder.feed(std::string_view(kSmithyAllHeaders).substr(0, 40), count);
    EXPECT_FALSE(decoder.at_message_boundary());
    decoder.reset();
    EXPECT_TRUE(decoder.at_message_boundary());
    EXPECT_TRUE(decoder.feed(kCrtPayloadOnly, count));
    EXPECT_EQ(messages, 1u);
}

TEST(EventStreamDecoder, LargeMessageAcrossManySlices) {
    const std::string payload(3 * 1024 * 1024, 'q');
    std::string bytes;
    append_event_stream_message(bytes, {}, payload);
    bytes += kCrtEmpty;
    std::vector<size_t> cuts;
    for (size_t cut = 16 * 1024; cut < bytes.size(); cut += 16 * 1024) cuts.push_back(cut);
    const Outcome out = decode(bytes, cuts);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].payload, payload);
    EXPECT_TRUE(out.at_boundary);
}

}  // namespace
}  // namespace gw::sse
