#include "gw/collector/otlp_decode.hpp"

#include "gw/collector/attribute_text.hpp"
#include "gw/telemetry/protobuf_reader.hpp"
#include "gw/telemetry/utf8.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace gw::collector {
namespace {

using telemetry::AttributeValue;
using telemetry::StringArray;
namespace wire = telemetry::wire;
using wire::Field;
using wire::WireType;

// Field numbers of opentelemetry/proto/{collector/trace,trace,resource,common}/v1/*.proto.
namespace field {
constexpr std::uint32_t kRequestResourceSpans = 1;
constexpr std::uint32_t kResourceSpansResource = 1, kResourceSpansScopeSpans = 2;
constexpr std::uint32_t kResourceAttributes = 1;
constexpr std::uint32_t kScopeSpansSpans = 2;
constexpr std::uint32_t kSpanTraceId = 1, kSpanSpanId = 2, kSpanTraceState = 3, kSpanParentId = 4,
                        kSpanName = 5, kSpanKind = 6, kSpanStart = 7, kSpanEnd = 8,
                        kSpanAttributes = 9, kSpanEvents = 11, kSpanStatus = 15;
constexpr std::uint32_t kEventTime = 1, kEventName = 2, kEventAttributes = 3;
constexpr std::uint32_t kStatusMessage = 2, kStatusCode = 3;
constexpr std::uint32_t kKeyValueKey = 1, kKeyValueValue = 2;
constexpr std::uint32_t kAnyString = 1, kAnyBool = 2, kAnyInt = 3, kAnyDouble = 4, kAnyArray = 5,
                        kAnyKvList = 6, kAnyBytes = 7;
constexpr std::uint32_t kArrayValues = 1, kKvListValues = 1;
}  // namespace field

constexpr std::uint64_t kMaxSpanKind = 5;
constexpr std::uint64_t kMaxStatusCode = 2;

// Every step returns false once error_ holds the first failure; the public entry point turns that
// into an Error and discards whatever was decoded so far.
class Decoder {
  public:
    bool request(std::string_view in, std::vector<StoredSpan>& out) {
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            if (f.number != field::kRequestResourceSpans) continue;
            if (!expect(f, WireType::Len, "ExportTraceServiceRequest.resource_spans") ||
                !resource_spans(f.bytes, out)) {
                return false;
            }
        }
        return finished(r, "ExportTraceServiceRequest");
    }

    [[nodiscard]] const std::string& error() const { return error_; }

  private:
    bool fail(std::string message) {
        if (error_.empty()) error_ = std::move(message);
        return false;
    }
    bool finished(const wire::Reader& r, std::string_view message) {
        return !r.failed() || fail("malformed " + std::string(message) + " (truncated or bad tag)");
    }
    bool expect(const Field& f, WireType type, std::string_view what) {
        return f.type == type || fail(std::string(what) + " has the wrong wire type");
    }
    bool text(const Field& f, std::string_view what, std::string& out) {
        if (!expect(f, WireType::Len, what)) return false;
        if (!telemetry::is_valid_utf8(f.bytes)) return fail(std::string(what) + " is not UTF-8");
        out.assign(f.bytes);
        return true;
    }
    bool time(const Field& f, std::string_view what, telemetry::UnixTime& out) {
        if (!expect(f, WireType::Fixed64, what)) return false;
        if (f.varint > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return fail(std::string(what) + " is out of range");
        }
        out = telemetry::UnixTime{std::chrono::nanoseconds{static_cast<std::int64_t>(f.varint)}};
        return true;
    }
    template <class Id>
    bool id(const Field& f, std::string_view what, Id& out) {
        if (!expect(f, WireType::Len, what)) return false;
        if (f.bytes.size() != Id::kSize) {
            return fail(std::string(what) + " must be " + std::to_string(Id::kSize) + " bytes");
        }
        typename Id::Bytes bytes{};
        std::memcpy(bytes.data(), f.bytes.data(), bytes.size());
        out = Id(bytes);
        return true;
    }

    bool resource_spans(std::string_view in, std::vector<StoredSpan>& out) {
        // The resource may follow its spans on the wire, so it is applied once the message ends.
        const std::size_t first = out.size();
        std::string service;
        AttributeList resource;
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            if (f.number == field::kResourceSpansResource) {
                if (!expect(f, WireType::Len, "ResourceSpans.resource") ||
                    !resource_attributes(f.bytes, resource)) {
                    return false;
                }
            } else if (f.number == field::kResourceSpansScopeSpans) {
                if (!expect(f, WireType::Len, "ResourceSpans.scope_spans") ||
                    !scope_spans(f.bytes, out)) {
                    return false;
                }
            }
        }
        if (!finished(r, "ResourceSpans")) return false;
        for (const telemetry::Attribute& a : resource) {
            const auto* name = std::get_if<std::string>(&a.value);
            if (a.key == "service.name" && name != nullptr) service = *name;
        }
        for (std::size_t i = first; i < out.size(); ++i) {
            out[i].service_name = service;
            out[i].resource_attributes = resource;
        }
        return true;
    }

    bool resource_attributes(std::string_view in, AttributeList& out) {
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            if (f.number != field::kResourceAttributes) continue;
            if (!expect(f, WireType::Len, "Resource.attributes") || !key_value(f.bytes, 0, &out)) {
                return false;
            }
        }
        return finished(r, "Resource");
    }

    bool scope_spans(std::string_view in, std::vector<StoredSpan>& out) {
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            if (f.number != field::kScopeSpansSpans) continue;
            if (!expect(f, WireType::Len, "ScopeSpans.spans")) return false;
            StoredSpan s;
            if (!span(f.bytes, s)) return false;
            out.push_back(std::move(s));
        }
        return finished(r, "ScopeSpans");
    }

    bool span(std::string_view in, StoredSpan& s) {
        bool has_trace_id = false;
        bool has_span_id = false;
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            bool ok = true;
            switch (f.number) {
                case field::kSpanTraceId:
                    ok = id(f, "Span.trace_id", s.trace_id);
                    has_trace_id = true;
                    break;
                case field::kSpanSpanId:
                    ok = id(f, "Span.span_id", s.span_id);
                    has_span_id = true;
                    break;
                case field::kSpanTraceState:
                    ok = text(f, "Span.trace_state", s.trace_state);
                    break;
                case field::kSpanParentId:
                    ok = parent_id(f, s);
                    break;
                case field::kSpanName:
                    ok = text(f, "Span.name", s.name);
                    break;
                case field::kSpanKind:
                    ok = expect(f, WireType::Varint, "Span.kind") &&
                         (f.varint <= kMaxSpanKind || fail("Span.kind is out of range"));
                    s.kind = static_cast<telemetry::SpanKind>(f.varint & 0xff);
                    break;
                case field::kSpanStart:
                    ok = time(f, "Span.start_time_unix_nano", s.start_time);
                    break;
                case field::kSpanEnd:
                    ok = time(f, "Span.end_time_unix_nano", s.end_time);
                    break;
                case field::kSpanAttributes:
                    ok = expect(f, WireType::Len, "Span.attributes") &&
                         key_value(f.bytes, 0, &s.attributes);
                    break;
                case field::kSpanEvents:
                    ok = expect(f, WireType::Len, "Span.events") && event(f.bytes, s);
                    break;
                case field::kSpanStatus:
                    ok = expect(f, WireType::Len, "Span.status") && status(f.bytes, s.status);
                    break;
                default:
                    break;
            }
            if (!ok) return false;
        }
        if (!finished(r, "Span")) return false;
        if (!has_trace_id || !s.trace_id.valid()) return fail("Span.trace_id is missing or zero");
        if (!has_span_id || !s.span_id.valid()) return fail("Span.span_id is missing or zero");
        return true;
    }

    bool parent_id(const Field& f, StoredSpan& s) {
        // Empty means "root" in proto3; an all-zero id is the invalid id, which also means root.
        if (f.type == WireType::Len && f.bytes.empty()) {
            s.parent_span_id.reset();
            return true;
        }
        telemetry::SpanId parent;
        if (!id(f, "Span.parent_span_id", parent)) return false;
        s.parent_span_id = parent.valid() ? std::optional(parent) : std::nullopt;
        return true;
    }

    bool event(std::string_view in, StoredSpan& s) {
        StoredEvent e;
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            bool ok = true;
            if (f.number == field::kEventTime) {
                ok = time(f, "Span.Event.time_unix_nano", e.time);
            } else if (f.number == field::kEventName) {
                ok = text(f, "Span.Event.name", e.name);
            } else if (f.number == field::kEventAttributes) {
                ok = expect(f, WireType::Len, "Span.Event.attributes") &&
                     key_value(f.bytes, 0, &e.attributes);
            }
            if (!ok) return false;
        }
        if (!finished(r, "Span.Event")) return false;
        s.events.push_back(std::move(e));
        return true;
    }

    bool status(std::string_view in, telemetry::SpanStatus& out) {
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            bool ok = true;
            if (f.number == field::kStatusMessage) {
                ok = text(f, "Status.message", out.message);
            } else if (f.number == field::kStatusCode) {
                ok = expect(f, WireType::Varint, "Status.code") &&
                     (f.varint <= kMaxStatusCode || fail("Status.code is out of range"));
                out.code = static_cast<telemetry::StatusCode>(f.varint & 0xff);
            }
            if (!ok) return false;
        }
        return finished(r, "Status");
    }

    // Decodes one KeyValue; with a null `out` (inside a key-value list value) it only validates.
    bool key_value(std::string_view in, std::size_t depth, AttributeList* out) {
        std::string key;
        std::optional<AttributeValue> value;
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            bool ok = true;
            if (f.number == field::kKeyValueKey) {
                ok = text(f, "KeyValue.key", key);
            } else if (f.number == field::kKeyValueValue) {
                ok = expect(f, WireType::Len, "KeyValue.value") && any_value(f.bytes, depth, value);
            }
            if (!ok) return false;
        }
        if (!finished(r, "KeyValue")) return false;
        if (out != nullptr && value) set_attribute(*out, {std::move(key), std::move(*value)});
        return true;
    }

    // `out` is left empty for values that have no AttributeValue form.
    bool any_value(std::string_view in, std::size_t depth, std::optional<AttributeValue>& out) {
        if (depth >= kMaxValueDepth) return fail("AnyValue nests too deep");
        out.reset();
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            bool ok = true;
            switch (f.number) {
                case field::kAnyString: {
                    std::string s;
                    ok = text(f, "AnyValue.string_value", s);
                    out = std::move(s);
                    break;
                }
                case field::kAnyBool:
                    ok = expect(f, WireType::Varint, "AnyValue.bool_value");
                    out = f.varint != 0;
                    break;
                case field::kAnyInt:
                    ok = expect(f, WireType::Varint, "AnyValue.int_value");
                    out = static_cast<std::int64_t>(f.varint);
                    break;
                case field::kAnyDouble:
                    ok = expect(f, WireType::Fixed64, "AnyValue.double_value");
                    out = std::bit_cast<double>(f.varint);
                    break;
                case field::kAnyArray:
                    ok = expect(f, WireType::Len, "AnyValue.array_value") &&
                         array_value(f.bytes, depth + 1, out);
                    break;
                case field::kAnyKvList:
                    ok = expect(f, WireType::Len, "AnyValue.kvlist_value") &&
                         kvlist_value(f.bytes, depth + 1);
                    out.reset();
                    break;
                case field::kAnyBytes:
                    ok = expect(f, WireType::Len, "AnyValue.bytes_value");
                    out.reset();
                    break;
                default:
                    break;
            }
            if (!ok) return false;
        }
        return finished(r, "AnyValue");
    }

    bool array_value(std::string_view in, std::size_t depth, std::optional<AttributeValue>& out) {
        StringArray items;
        bool representable = true;
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            if (f.number != field::kArrayValues) continue;
            std::optional<AttributeValue> item;
            if (!expect(f, WireType::Len, "ArrayValue.values") ||
                !any_value(f.bytes, depth, item)) {
                return false;
            }
            std::optional<std::string> item_text;
            if (item) item_text = scalar_text(*item);
            if (item_text) {
                items.push_back(std::move(*item_text));
            } else {
                representable = false;
            }
        }
        if (!finished(r, "ArrayValue")) return false;
        if (representable) {
            out = std::move(items);
        } else {
            out.reset();
        }
        return true;
    }

    bool kvlist_value(std::string_view in, std::size_t depth) {
        wire::Reader r(in);
        Field f;
        while (r.next(f)) {
            if (f.number != field::kKvListValues) continue;
            if (!expect(f, WireType::Len, "KeyValueList.values") ||
                !key_value(f.bytes, depth, nullptr)) {
                return false;
            }
        }
        return finished(r, "KeyValueList");
    }

    std::string error_;
};

}  // namespace

Result<std::vector<StoredSpan>> decode_export_request(std::string_view bytes) {
    Decoder decoder;
    std::vector<StoredSpan> spans;
    if (!decoder.request(bytes, spans)) {
        return Error::protocol("invalid OTLP protobuf trace export: " + decoder.error());
    }
    return spans;
}

}  // namespace gw::collector
