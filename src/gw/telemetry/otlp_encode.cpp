#include "gw/telemetry/otlp_encode.hpp"

#include "gw/telemetry/encoded_spans.hpp"
#include "gw/telemetry/otlp_fields.hpp"
#include "gw/telemetry/protobuf_wire.hpp"
#include "gw/telemetry/utf8.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

// A span is walked twice by the same traversal (emit_span): once with a SizePass that records, in
// walk order, the length of every nested message and of every (sanitized) string, then with a
// WritePass that replays those lengths while writing into a buffer of the exact size. One
// traversal means sizes and bytes cannot drift apart, and each string is scanned only once.
namespace gw::telemetry {
namespace {

using wire::len_field_size;
namespace field = otlp_field;

// proto3 omits a field holding its default value, except a oneof member (AnyValue's value).
enum class Presence { OmitDefault, Always };

// The sizes around a KeyValue holding a scalar or string value, from the (sanitized) sizes of its
// key and string value. Both passes derive them from the same recorded lengths.
struct KeyValueSizes {
    std::size_t any_value;  // the AnyValue payload
    std::size_t key_value;  // the KeyValue payload
};

KeyValueSizes key_value_sizes(std::size_t key, const AttributeValue& value, std::size_t text) {
    std::size_t any = 0;
    if (std::holds_alternative<std::string>(value)) {
        any = len_field_size(field::kAnyString, text);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        any = wire::varint_field_size(field::kAnyInt, static_cast<std::uint64_t>(*i));
    } else if (std::holds_alternative<double>(value)) {
        any = wire::fixed64_field_size(field::kAnyDouble);
    } else {
        any = wire::varint_field_size(field::kAnyBool, 1);
    }
    const std::size_t key_field = key == 0 ? 0 : len_field_size(field::kKeyValueKey, key);
    return {any, key_field + len_field_size(field::kKeyValueValue, any)};
}

// The gateway's own literal keys are known valid UTF-8: no scan.
std::size_t key_size(const AttributeKey& key) {
    return key.is_literal() ? key.view().size() : sanitized_utf8_size(key.view());
}

// Reused by every span a thread encodes, so encoding allocates nothing once warm.
struct Scratch {
    std::vector<std::size_t> lengths;
    std::vector<std::pair<std::size_t, std::size_t>> open;  // (slot, outer total) per open message
};

class SizePass {
  public:
    explicit SizePass(Scratch& scratch) : lengths_(scratch.lengths), open_(scratch.open) {
        lengths_.clear();
        open_.clear();
    }

    void begin(std::uint32_t) {
        open_.emplace_back(lengths_.size(), total_);
        lengths_.push_back(0);
        total_ = 0;
    }
    void end(std::uint32_t number) {
        const auto [slot, outer_total] = open_.back();
        open_.pop_back();
        lengths_[slot] = total_;
        total_ = outer_total + len_field_size(number, total_);
    }
    void string(std::uint32_t number, std::string_view text, Presence presence) {
        if (text.empty() && presence == Presence::OmitDefault) return;
        const std::size_t n = sanitized_utf8_size(text);
        lengths_.push_back(n);
        total_ += len_field_size(number, n);
    }
    // A KeyValue whose value is not an array, sized in one step: attributes are most of a span,
    // and two nested messages each through begin()/end() cost more than the bytes.
    void scalar_attribute(std::uint32_t number, const Attribute& a) {
        const std::size_t key = key_size(a.key);
        if (key > 0) lengths_.push_back(key);
        std::size_t text = 0;
        if (const auto* s = std::get_if<std::string>(&a.value)) {
            text = sanitized_utf8_size(*s);
            lengths_.push_back(text);
        }
        total_ += len_field_size(number, key_value_sizes(key, a.value, text).key_value);
    }
    void bytes(std::uint32_t number, std::string_view b) {
        total_ += len_field_size(number, b.size());
    }
    void varint(std::uint32_t number, std::uint64_t value, Presence presence) {
        if (value != 0 || presence == Presence::Always) {
            total_ += wire::varint_field_size(number, value);
        }
    }
    void fixed64(std::uint32_t number, std::uint64_t value, Presence presence) {
        if (value != 0 || presence == Presence::Always) total_ += wire::fixed64_field_size(number);
    }
    [[nodiscard]] std::size_t total() const { return total_; }

  private:
    std::vector<std::size_t>& lengths_;
    std::vector<std::pair<std::size_t, std::size_t>>& open_;
    std::size_t total_ = 0;
};

class WritePass {
  public:
    WritePass(const std::vector<std::size_t>& lengths, char* out) : lengths_(lengths), w_(out) {}

    void begin(std::uint32_t number) { w_.len_header(number, lengths_[next_++]); }
    void end(std::uint32_t) {}
    void string(std::uint32_t number, std::string_view text, Presence presence) {
        if (text.empty() && presence == Presence::OmitDefault) return;
        write_text(number, text, lengths_[next_++]);
    }
    void scalar_attribute(std::uint32_t number, const Attribute& a) {
        const std::size_t key = a.key.view().empty() ? 0 : lengths_[next_++];
        const auto* s = std::get_if<std::string>(&a.value);
        const std::size_t text = s ? lengths_[next_++] : 0;
        const KeyValueSizes sizes = key_value_sizes(key, a.value, text);
        w_.len_header(number, sizes.key_value);
        if (key > 0) write_text(field::kKeyValueKey, a.key.view(), key);
        w_.len_header(field::kKeyValueValue, sizes.any_value);
        if (s) {
            write_text(field::kAnyString, *s, text);
        } else if (const auto* i = std::get_if<std::int64_t>(&a.value)) {
            w_.varint_field(field::kAnyInt, static_cast<std::uint64_t>(*i));
        } else if (const auto* d = std::get_if<double>(&a.value)) {
            w_.fixed64_field(field::kAnyDouble, std::bit_cast<std::uint64_t>(*d));
        } else {
            w_.varint_field(field::kAnyBool, std::get<bool>(a.value) ? 1 : 0);
        }
    }
    void bytes(std::uint32_t number, std::string_view b) { w_.bytes_field(number, b); }
    void varint(std::uint32_t number, std::uint64_t value, Presence presence) {
        if (value != 0 || presence == Presence::Always) w_.varint_field(number, value);
    }
    void fixed64(std::uint32_t number, std::uint64_t value, Presence presence) {
        if (value != 0 || presence == Presence::Always) w_.fixed64_field(number, value);
    }
    [[nodiscard]] const char* position() const { return w_.position(); }

  private:
    // `size`: the sanitized size the SizePass recorded. Every invalid byte grows by two when
    // replaced, so an unchanged size means valid UTF-8 and a plain copy.
    void write_text(std::uint32_t number, std::string_view text, std::size_t size) {
        w_.len_header(number, size);
        if (size == text.size()) {
            w_.raw(text);
        } else {
            w_.cursor() = write_sanitized_utf8(text, w_.cursor());
        }
    }

    const std::vector<std::size_t>& lengths_;
    std::size_t next_ = 0;
    wire::Writer w_;
};

std::string_view id_bytes(const auto& id) {
    return {reinterpret_cast<const char*>(id.bytes().data()), id.bytes().size()};
}

template <class Pass>
void emit_array(Pass& p, const StringArray& items) {
    p.begin(field::kAnyArray);
    for (const std::string& item : items) {
        p.begin(field::kArrayValues);
        p.string(field::kAnyString, item, Presence::Always);
        p.end(field::kArrayValues);
    }
    p.end(field::kAnyArray);
}

template <class Pass>
void emit_attributes(Pass& p, std::uint32_t number, const Attributes& attributes) {
    for (const Attribute& a : attributes) {
        if (!std::holds_alternative<StringArray>(a.value)) {
            p.scalar_attribute(number, a);
            continue;
        }
        p.begin(number);
        p.string(field::kKeyValueKey, a.key.view(), Presence::OmitDefault);
        p.begin(field::kKeyValueValue);
        emit_array(p, std::get<StringArray>(a.value));
        p.end(field::kKeyValueValue);
        p.end(number);
    }
}

template <class Pass>
void emit_event(Pass& p, const SpanEvent& e) {
    p.begin(field::kSpanEvents);
    p.fixed64(field::kEventTime, unix_nanos(e.time), Presence::OmitDefault);
    p.string(field::kEventName, e.name, Presence::OmitDefault);
    emit_attributes(p, field::kEventAttributes, e.attributes);
    p.varint(field::kEventDroppedAttributes, e.attributes.dropped(), Presence::OmitDefault);
    p.end(field::kSpanEvents);
}

template <class Pass>
void emit_span(Pass& p, const Span& s) {
    p.begin(field::kScopeSpansSpans);
    p.bytes(field::kSpanTraceId, id_bytes(s.trace_id));
    p.bytes(field::kSpanSpanId, id_bytes(s.span_id));
    p.string(field::kSpanTraceState, s.trace_state, Presence::OmitDefault);
    if (s.parent_span_id) p.bytes(field::kSpanParentId, id_bytes(*s.parent_span_id));
    p.string(field::kSpanName, s.name, Presence::OmitDefault);
    p.varint(field::kSpanKind, static_cast<std::uint64_t>(s.kind), Presence::OmitDefault);
    p.fixed64(field::kSpanStart, unix_nanos(s.start_time), Presence::OmitDefault);
    p.fixed64(field::kSpanEnd, unix_nanos(s.end_time), Presence::OmitDefault);
    emit_attributes(p, field::kSpanAttributes, s.attributes);
    p.varint(field::kSpanDroppedAttributes, s.attributes.dropped(), Presence::OmitDefault);
    for (const SpanEvent& e : s.events) emit_event(p, e);
    p.varint(field::kSpanDroppedEvents, s.dropped_events, Presence::OmitDefault);
    if (s.status.code != StatusCode::Unset || !s.status.message.empty()) {
        p.begin(field::kSpanStatus);
        p.string(field::kStatusMessage, s.status.message, Presence::OmitDefault);
        p.varint(field::kStatusCode, static_cast<std::uint64_t>(s.status.code),
                 Presence::OmitDefault);
        p.end(field::kSpanStatus);
    }
    p.end(field::kScopeSpansSpans);
}

}  // namespace

void encode_span_field(const Span& span, std::string& out) {
    thread_local Scratch scratch;
    SizePass sizes(scratch);
    emit_span(sizes, span);
    out.resize(sizes.total());
    WritePass writer(scratch.lengths, out.data());
    emit_span(writer, span);
    assert(writer.position() == out.data() + out.size());
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
