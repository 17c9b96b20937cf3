#include "gw/telemetry/otlp_encode.hpp"

#include "gw/telemetry/encoded_spans.hpp"
#include "gw/telemetry/otlp_fields.hpp"
#include "gw/telemetry/protobuf_wire.hpp"
#include "gw/telemetry/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

// A span is written in one pass, front to back, into storage the thread keeps. Its attributes are
// already encoded (attributes.hpp) and copied as they are; strings have lengths known before they
// are written (a string's sanitized size is one scan; valid text is then copied as is). A nested
// message of unknown length (event, status) gets a one-byte length slot that is widened, moving
// its bytes, in the rare case it reaches 128 bytes. The span itself is written after headroom for
// its tag and length, filled in last, so the ~1 KB of a span is never moved.
namespace gw::telemetry {
namespace {

namespace field = otlp_field;

// proto3 omits a field holding its default value, except a oneof member (AnyValue's value).
enum class Presence { OmitDefault, Always };

// The most a field's tag and length can take (a 64-bit length is at most 10 varint bytes).
constexpr std::size_t kMaxFieldHead = 2 + 10;
constexpr std::size_t kMaxFixedField = 2 + 8;
// Before the span: room for the ScopeSpans.spans tag and the span's length.
constexpr std::size_t kSpanHeadroom = kMaxFieldHead;

class SpanEncoder {
  public:
    // `storage` is only ever grown, so a warm thread encodes without allocating.
    explicit SpanEncoder(std::string& storage) : storage_(storage) {}

    std::string_view encode(const Span& s) {
        used_ = kSpanHeadroom;
        fixed_fields(s);
        attributes(field::kSpanAttributes, s.attributes);
        varint(field::kSpanDroppedAttributes, s.attributes.dropped(), Presence::OmitDefault);
        for (const SpanEvent& e : s.events) event(e);
        varint(field::kSpanDroppedEvents, s.dropped_events, Presence::OmitDefault);
        if (s.status.code != StatusCode::Unset || !s.status.message.empty()) status(s.status);
        const std::size_t length = used_ - kSpanHeadroom;
        const std::size_t head =
            wire::tag_size(field::kScopeSpansSpans) + wire::varint_size(length);
        char* begin = storage_.data() + kSpanHeadroom - head;
        wire::Writer(begin).len_header(field::kScopeSpansSpans, length);
        return {begin, head + length};
    }

  private:
    // A Writer at the end of what is written, with room for `n` more bytes; commit() after.
    wire::Writer room(std::size_t n) {
        if (storage_.size() < used_ + n) [[unlikely]]
            grow(used_ + n);
        return wire::Writer(storage_.data() + used_);
    }
    [[gnu::noinline]] void grow(std::size_t size) {
        storage_.resize(std::max(2 * storage_.size(), size));
    }
    void commit(const wire::Writer& w) {
        used_ = static_cast<std::size_t>(w.position() - storage_.data());
    }

    // Opens a nested message of unknown length; returns the slot end() fills.
    std::size_t begin(std::uint32_t number) {
        wire::Writer w = room(kMaxFieldHead);
        w.varint(wire::tag(number, wire::WireType::Len));
        commit(w);
        return used_++;  // one byte for the length, the common case
    }
    void end(std::size_t slot) {
        const std::size_t length = used_ - slot - 1;
        const std::size_t extra = wire::varint_size(length) - 1;
        if (extra > 0) {
            room(extra);
            char* body = storage_.data() + slot + 1;
            std::memmove(body + extra, body, length);
            used_ += extra;
        }
        wire::Writer(storage_.data() + slot).varint(length);
    }

    void string(std::uint32_t number, std::string_view text, Presence presence) {
        if (text.empty() && presence == Presence::OmitDefault) return;
        const std::size_t size = sanitized_utf8_size(text);
        wire::Writer w = room(kMaxFieldHead + size);
        w.text_field(number, text, size);
        commit(w);
    }
    void varint(std::uint32_t number, std::uint64_t value, Presence presence) {
        if (value == 0 && presence == Presence::OmitDefault) return;
        wire::Writer w = room(kMaxFieldHead);
        w.varint_field(number, value);
        commit(w);
    }

    static std::string_view id_bytes(const auto& id) {
        return {reinterpret_cast<const char*>(id.bytes().data()), id.bytes().size()};
    }

    // The span's fields before its attributes, in field order.
    void fixed_fields(const Span& s) {
        wire::Writer w = room(2 * kMaxFieldHead + 24);  // the trace id and the span id
        w.bytes_field(field::kSpanTraceId, id_bytes(s.trace_id));
        w.bytes_field(field::kSpanSpanId, id_bytes(s.span_id));
        commit(w);
        string(field::kSpanTraceState, s.trace_state, Presence::OmitDefault);
        if (s.parent_span_id) {
            w = room(kMaxFieldHead + 8);
            w.bytes_field(field::kSpanParentId, id_bytes(*s.parent_span_id));
            commit(w);
        }
        string(field::kSpanName, s.name, Presence::OmitDefault);
        varint(field::kSpanKind, static_cast<std::uint64_t>(s.kind), Presence::OmitDefault);
        fixed64(field::kSpanStart, unix_nanos(s.start_time));
        fixed64(field::kSpanEnd, unix_nanos(s.end_time));
    }
    void fixed64(std::uint32_t number, std::uint64_t value) {
        if (value == 0) return;
        wire::Writer w = room(kMaxFixedField);
        w.fixed64_field(number, value);
        commit(w);
    }

    // Attributes are held encoded: one copy.
    void attributes(std::uint32_t number, const Attributes& list) {
        wire::Writer w = room(list.encoded_size());
        w.cursor() = list.write_fields(number, w.cursor());
        commit(w);
    }

    void event(const SpanEvent& e) {
        const std::size_t slot = begin(field::kSpanEvents);
        fixed64(field::kEventTime, unix_nanos(e.time));
        string(field::kEventName, e.name, Presence::OmitDefault);
        attributes(field::kEventAttributes, e.attributes);
        varint(field::kEventDroppedAttributes, e.attributes.dropped(), Presence::OmitDefault);
        end(slot);
    }
    void status(const SpanStatus& status) {
        const std::size_t slot = begin(field::kSpanStatus);
        string(field::kStatusMessage, status.message, Presence::OmitDefault);
        varint(field::kStatusCode, static_cast<std::uint64_t>(status.code), Presence::OmitDefault);
        end(slot);
    }

    std::string& storage_;
    std::size_t used_ = 0;
};

}  // namespace

std::string_view encode_span_field(const Span& span) {
    thread_local std::string storage;
    return SpanEncoder(storage).encode(span);
}

void encode_export_request(std::span<const Span> spans, std::string& out) {
    EncodedSpans encoded;
    for (const Span& span : spans) encoded.append(span);
    encoded.write_request(0, encoded.size(), out);
}

std::string encode_export_request(std::span<const Span> spans) {
    std::string out;
    encode_export_request(spans, out);
    return out;
}

}  // namespace gw::telemetry
