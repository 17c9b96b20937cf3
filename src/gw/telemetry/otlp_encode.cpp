#include "gw/telemetry/otlp_encode.hpp"

#include "gw/telemetry/protobuf_wire.hpp"
#include "gw/telemetry/utf8.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <variant>
#include <vector>

// The message is walked twice by the same traversal (emit_request): once with a SizePass that
// records, in walk order, the length of every nested message and of every (sanitized) string,
// then with a WritePass that replays those lengths while writing into a buffer of the exact size.
// One traversal means sizes and bytes cannot drift apart, and each string is scanned only once.
namespace gw::telemetry {
namespace {

using wire::len_field_size;

// Field numbers of opentelemetry/proto/{collector/trace,trace,resource,common}/v1/*.proto.
namespace field {
constexpr std::uint32_t kRequestResourceSpans = 1;
constexpr std::uint32_t kResourceSpansResource = 1, kResourceSpansScopeSpans = 2;
constexpr std::uint32_t kResourceAttributes = 1;
constexpr std::uint32_t kScopeSpansScope = 1, kScopeSpansSpans = 2;
constexpr std::uint32_t kScopeName = 1;
constexpr std::uint32_t kSpanTraceId = 1, kSpanSpanId = 2, kSpanTraceState = 3, kSpanParentId = 4,
                        kSpanName = 5, kSpanKind = 6, kSpanStart = 7, kSpanEnd = 8,
                        kSpanAttributes = 9, kSpanDroppedAttributes = 10, kSpanEvents = 11,
                        kSpanDroppedEvents = 12, kSpanStatus = 15;
constexpr std::uint32_t kEventTime = 1, kEventName = 2, kEventAttributes = 3,
                        kEventDroppedAttributes = 4;
constexpr std::uint32_t kStatusMessage = 2, kStatusCode = 3;
constexpr std::uint32_t kKeyValueKey = 1, kKeyValueValue = 2;
constexpr std::uint32_t kAnyString = 1, kAnyBool = 2, kAnyInt = 3, kAnyDouble = 4, kAnyArray = 5;
constexpr std::uint32_t kArrayValues = 1;
}  // namespace field

constexpr std::string_view kServiceNameKey = "service.name";

// proto3 omits a field holding its default value, except a oneof member (AnyValue's value).
enum class Presence { OmitDefault, Always };

class SizePass {
  public:
    explicit SizePass(std::vector<std::size_t>& lengths) : lengths_(lengths) {}

    void begin(std::uint32_t) {
        open_.push_back({lengths_.size(), total_});
        lengths_.push_back(0);
        total_ = 0;
    }
    void end(std::uint32_t number) {
        const Open o = open_.back();
        open_.pop_back();
        lengths_[o.slot] = total_;
        total_ = o.outer_total + len_field_size(number, total_);
    }
    void string(std::uint32_t number, std::string_view text, Presence presence) {
        if (text.empty() && presence == Presence::OmitDefault) return;
        const std::size_t n = sanitized_utf8_size(text);
        lengths_.push_back(n);
        total_ += len_field_size(number, n);
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
    struct Open {
        std::size_t slot;
        std::size_t outer_total;
    };
    std::vector<std::size_t>& lengths_;
    std::vector<Open> open_;
    std::size_t total_ = 0;
};

class WritePass {
  public:
    WritePass(const std::vector<std::size_t>& lengths, char* out) : lengths_(lengths), w_(out) {}

    void begin(std::uint32_t number) { w_.len_header(number, lengths_[next_++]); }
    void end(std::uint32_t) {}
    void string(std::uint32_t number, std::string_view text, Presence presence) {
        if (text.empty() && presence == Presence::OmitDefault) return;
        const std::size_t n = lengths_[next_++];
        w_.len_header(number, n);
        // Every invalid byte grows by two when replaced, so an unchanged size means valid UTF-8.
        if (n == text.size()) {
            w_.raw(text);
        } else {
            w_.cursor() = write_sanitized_utf8(text, w_.cursor());
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
    const std::vector<std::size_t>& lengths_;
    std::size_t next_ = 0;
    wire::Writer w_;
};

std::string_view id_bytes(const auto& id) {
    return {reinterpret_cast<const char*>(id.bytes().data()), id.bytes().size()};
}

template <class Pass>
void emit_any_value(Pass& p, const AttributeValue& value) {
    if (const auto* s = std::get_if<std::string>(&value)) {
        p.string(field::kAnyString, *s, Presence::Always);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        p.varint(field::kAnyInt, static_cast<std::uint64_t>(*i), Presence::Always);
    } else if (const auto* d = std::get_if<double>(&value)) {
        p.fixed64(field::kAnyDouble, std::bit_cast<std::uint64_t>(*d), Presence::Always);
    } else if (const auto* b = std::get_if<bool>(&value)) {
        p.varint(field::kAnyBool, *b ? 1 : 0, Presence::Always);
    } else {
        p.begin(field::kAnyArray);
        for (const std::string& item : std::get<StringArray>(value)) {
            p.begin(field::kArrayValues);
            p.string(field::kAnyString, item, Presence::Always);
            p.end(field::kArrayValues);
        }
        p.end(field::kAnyArray);
    }
}

template <class Pass>
void emit_key_value(Pass& p, std::uint32_t number, std::string_view key, const auto& emit_value) {
    p.begin(number);
    p.string(field::kKeyValueKey, key, Presence::OmitDefault);
    p.begin(field::kKeyValueValue);
    emit_value();
    p.end(field::kKeyValueValue);
    p.end(number);
}

template <class Pass>
void emit_attributes(Pass& p, std::uint32_t number, const Attributes& attributes) {
    for (const Attribute& a : attributes) {
        emit_key_value(p, number, a.key, [&] { emit_any_value(p, a.value); });
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

// The spans of one service name, as indices into the batch in batch order.
struct ResourceGroup {
    std::string_view service;
    std::vector<std::size_t> members;
};

std::vector<ResourceGroup> group_by_service(std::span<const Span> spans) {
    std::vector<ResourceGroup> groups;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::string_view service = spans[i].service_name;
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const ResourceGroup& g) { return g.service == service; });
        if (it == groups.end()) it = groups.insert(groups.end(), ResourceGroup{service, {}});
        it->members.push_back(i);
    }
    return groups;
}

template <class Pass>
void emit_request(Pass& p, const std::vector<ResourceGroup>& groups, std::span<const Span> spans) {
    for (const ResourceGroup& g : groups) {
        p.begin(field::kRequestResourceSpans);
        p.begin(field::kResourceSpansResource);
        emit_key_value(p, field::kResourceAttributes, kServiceNameKey,
                       [&] { p.string(field::kAnyString, g.service, Presence::Always); });
        p.end(field::kResourceSpansResource);
        p.begin(field::kResourceSpansScopeSpans);
        p.begin(field::kScopeSpansScope);
        p.string(field::kScopeName, kScopeName, Presence::OmitDefault);
        p.end(field::kScopeSpansScope);
        for (const std::size_t i : g.members) emit_span(p, spans[i]);
        p.end(field::kResourceSpansScopeSpans);
        p.end(field::kRequestResourceSpans);
    }
}

}  // namespace

void encode_export_request(std::span<const Span> spans, std::string& out) {
    const std::vector<ResourceGroup> groups = group_by_service(spans);
    std::vector<std::size_t> lengths;
    lengths.reserve(spans.size() * 64);
    SizePass sizes(lengths);
    emit_request(sizes, groups, spans);

    out.resize(sizes.total());
    WritePass writer(lengths, out.data());
    emit_request(writer, groups, spans);
    assert(writer.position() == out.data() + out.size());
}

std::string encode_export_request(std::span<const Span> spans) {
    std::string out;
    encode_export_request(spans, out);
    return out;
}

}  // namespace gw::telemetry
