// gw::sse::EventStreamDecoder: framing must not depend on how the bytes are sliced. The first
// input byte picks a split point (and a slice size), the second a message size limit and whether
// the checksums are repaired; the rest is the stream. Random bytes almost never carry matching
// CRC-32s, so in repair mode every frame the stream announces gets correct prelude and message
// CRCs first: that lets the fuzzer reach the header parser. The stream is fed whole, in two
// slices, in slices of 1-16 bytes, and whole again after reset(); every run must dispatch the
// same messages and end in the same state with the same error. Messages whose headers are all
// strings must survive a round trip through append_event_stream_message().

#include "gw/sse/crc32.hpp"
#include "gw/sse/event_stream.hpp"

#include "fuzz_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using gw::fuzz::check;
using gw::sse::EventStreamDecoder;
using gw::sse::EventStreamMessage;
using gw::sse::EventStreamValueType;

struct Field {
    std::string name;
    EventStreamValueType type;
    int64_t number;
    std::string bytes;
    bool operator==(const Field&) const = default;
};

struct Message {
    std::vector<Field> headers;
    std::string payload;
    bool operator==(const Message&) const = default;
};

struct Outcome {
    std::vector<Message> messages;
    bool failed = false;
    bool at_boundary = false;
    std::string error;
    bool operator==(const Outcome&) const = default;
};

Message copy(const EventStreamMessage& m) {
    Message out;
    for (const auto& f : m.headers) {
        out.headers.push_back({std::string(f.name), f.type, f.number, std::string(f.bytes)});
    }
    out.payload.assign(m.payload);
    return out;
}

uint32_t read_u32(const std::string& s, size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

void write_u32(std::string& s, size_t at, uint32_t v) {
    for (size_t i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * (3 - i))) & 0xFF);
}

// Gives every frame the stream announces (while the lengths fit) correct CRCs.
std::string repair_checksums(std::string stream) {
    size_t at = 0;
    while (stream.size() - at >= EventStreamDecoder::kPreludeBytes) {
        const std::string_view view(stream);
        write_u32(stream, at + 8, gw::sse::crc32(view.substr(at, 8)));
        const size_t total = read_u32(stream, at);
        if (total < EventStreamDecoder::kMinMessageBytes || total > stream.size() - at) break;
        write_u32(stream, at + total - 4, gw::sse::crc32(view.substr(at, total - 4)));
        at += total;
    }
    return stream;
}

// Feeds `stream` cut at every offset in `cuts` (ascending, within the stream).
Outcome decode(EventStreamDecoder& decoder, std::string_view stream,
               const std::vector<size_t>& cuts, size_t max_message_bytes) {
    Outcome out;
    auto on_message = [&](const EventStreamMessage& m) {
        // A dispatched message never exceeds the limit it was decoded under.
        size_t size = EventStreamDecoder::kMinMessageBytes + m.payload.size();
        for (const auto& f : m.headers) size += 2 + f.name.size();
        check(size <= max_message_bytes);
        out.messages.push_back(copy(m));
    };
    size_t from = 0;
    bool ok = true;
    for (size_t cut : cuts) {
        ok = decoder.feed(stream.substr(from, cut - from), on_message);
        from = cut;
    }
    const bool last_ok = decoder.feed(stream.substr(from), on_message);
    // feed() reports failure, and once failed stays failed.
    check(!(!ok && last_ok));
    check(last_ok == !decoder.failed());
    check(decoder.failed() == !decoder.error().empty());
    check(!(decoder.failed() && decoder.at_message_boundary()));
    out.failed = decoder.failed();
    out.at_boundary = decoder.at_message_boundary();
    out.error = std::string(decoder.error());
    return out;
}

// A message whose headers are all strings re-encodes to bytes that decode to it again.
void check_round_trip(const Message& message) {
    std::vector<gw::sse::EventStreamHeader> headers;
    for (const auto& f : message.headers) {
        if (f.type != EventStreamValueType::kString) return;
        headers.push_back({f.name, f.bytes});
    }
    std::string bytes;
    gw::sse::append_event_stream_message(bytes, headers, message.payload);
    EventStreamDecoder decoder;
    std::vector<Message> again;
    decoder.feed(bytes, [&](const EventStreamMessage& m) { again.push_back(copy(m)); });
    check(again.size() == 1 && again[0] == message);
    check(decoder.at_message_boundary());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input = gw::fuzz::as_view(data, size);
    const uint8_t split_control = gw::fuzz::take_control(input);
    const uint8_t mode_control = gw::fuzz::take_control(input);
    // Half the inputs run with a tiny limit, so the oversize path is exercised too.
    const size_t max_message_bytes = (mode_control & 0x80) != 0
                                         ? 16 + static_cast<size_t>(mode_control & 0x3f) * 4
                                         : EventStreamDecoder::kDefaultMaxMessageBytes;
    const std::string stream =
        (mode_control & 0x40) != 0 ? repair_checksums(std::string(input)) : std::string(input);

    EventStreamDecoder whole_decoder(max_message_bytes);
    const Outcome whole = decode(whole_decoder, stream, {}, max_message_bytes);

    EventStreamDecoder split_decoder(max_message_bytes);
    const size_t split = gw::fuzz::split_point(split_control, stream.size());
    check(decode(split_decoder, stream, {split}, max_message_bytes) == whole);

    // Small slices: every prelude, header and checksum straddles a slice boundary somewhere.
    const size_t slice = 1 + split_control % 16;
    std::vector<size_t> slices;
    for (size_t cut = slice; cut < stream.size(); cut += slice) slices.push_back(cut);
    EventStreamDecoder slice_decoder(max_message_bytes);
    check(decode(slice_decoder, stream, slices, max_message_bytes) == whole);

    // reset() restores the initial state, whatever state the decoder was left in.
    split_decoder.reset();
    check(decode(split_decoder, stream, {}, max_message_bytes) == whole);

    for (const auto& message : whole.messages) check_round_trip(message);
    return 0;
}
