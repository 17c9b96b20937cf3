#include "gw/collector/otlp_json_decode.hpp"

#include "gw/collector/attribute_text.hpp"
#include "gw/collector/otlp_decode.hpp"

#include <boost/json.hpp>

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace gw::collector {
namespace {

namespace json = boost::json;
using telemetry::AttributeValue;
using telemetry::StringArray;

// OTLP's structure is about ten objects deep; values may add two levels per nesting step.
constexpr std::size_t kMaxJsonDepth = 16 + 2 * kMaxValueDepth;

constexpr std::array<std::string_view, 6> kSpanKindNames = {
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
    "SPAN_KIND_CLIENT",      "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
constexpr std::array<std::string_view, 3> kStatusCodeNames = {"STATUS_CODE_UNSET", "STATUS_CODE_OK",
                                                              "STATUS_CODE_ERROR"};

// Mirrors the protobuf Decoder: each step returns false once error_ holds the first failure.
class Decoder {
  public:
    bool request(const json::value& root, std::vector<StoredSpan>& out) {
        const json::object* o = object(root, "ExportTraceServiceRequest");
        if (o == nullptr) return false;
        return each(*o, "resourceSpans",
                    [&](const json::value& v) { return resource_spans(v, out); });
    }

    [[nodiscard]] const std::string& error() const { return error_; }

  private:
    bool fail(std::string message) {
        if (error_.empty()) error_ = std::move(message);
        return false;
    }
    static const json::value* member(const json::object& o, std::string_view key) {
        const json::value* v = o.if_contains(key);
        return v == nullptr || v->is_null() ? nullptr : v;
    }
    const json::object* object(const json::value& v, std::string_view what) {
        if (const json::object* o = v.if_object()) return o;
        fail(std::string(what) + " must be an object");
        return nullptr;
    }
    // Calls `f` on every element of the array o[key]; an absent key is an empty array.
    template <class F>
    bool each(const json::object& o, std::string_view key, F&& f) {
        const json::value* v = member(o, key);
        if (v == nullptr) return true;
        const json::array* a = v->if_array();
        if (a == nullptr) return fail(std::string(key) + " must be an array");
        for (const json::value& item : *a) {
            if (!f(item)) return false;
        }
        return true;
    }
    bool text(const json::object& o, std::string_view key, std::string& out) {
        const json::value* v = member(o, key);
        if (v == nullptr) return true;
        const json::string* s = v->if_string();
        if (s == nullptr) return fail(std::string(key) + " must be a string");
        out.assign(s->data(), s->size());
        return true;
    }
    // A 64-bit integer as a JSON integer or a decimal string (protobuf JSON's spelling), within
    // [min, INT64_MAX].
    bool integer(const json::value& v, std::string_view what, std::int64_t min, std::int64_t& out) {
        bool ok = false;
        if (const std::int64_t* i = v.if_int64()) {
            out = *i;
            ok = true;
        } else if (v.is_uint64()) {
            ok = false;  // Boost.JSON keeps only integers above INT64_MAX as uint64.
        } else if (const json::string* s = v.if_string()) {
            const char* end = s->data() + s->size();
            const auto result = std::from_chars(s->data(), end, out);
            ok = !s->empty() && result.ec == std::errc{} && result.ptr == end;
        } else {
            return fail(std::string(what) + " must be an integer or a decimal string");
        }
        if (!ok || out < min) return fail(std::string(what) + " is out of range");
        return true;
    }
    bool time(const json::object& o, std::string_view key, telemetry::UnixTime& out) {
        const json::value* v = member(o, key);
        if (v == nullptr) return true;
        std::int64_t nanos = 0;
        if (!integer(*v, key, 0, nanos)) return false;
        out = telemetry::UnixTime{std::chrono::nanoseconds{nanos}};
        return true;
    }
    template <std::size_t N>
    bool enumeration(const json::object& o, std::string_view key,
                     const std::array<std::string_view, N>& names, std::uint8_t& out) {
        const json::value* v = member(o, key);
        if (v == nullptr) return true;
        if (const json::string* s = v->if_string()) {
            for (std::size_t i = 0; i < N; ++i) {
                if (names[i] == std::string_view(*s)) {
                    out = static_cast<std::uint8_t>(i);
                    return true;
                }
            }
            return fail(std::string(key) + " has an unknown name");
        }
        std::int64_t number = 0;
        if (!v->is_int64() || !integer(*v, key, 0, number) ||
            number >= static_cast<std::int64_t>(N)) {
            return fail(std::string(key) + " is out of range");
        }
        out = static_cast<std::uint8_t>(number);
        return true;
    }
    // A hex id of exactly Id::kHexSize digits in either case; "" or absent leaves `present` false.
    template <class Id>
    bool id(const json::object& o, std::string_view key, Id& out, bool& present) {
        std::string hex;
        if (!text(o, key, hex)) return false;
        present = !hex.empty();
        if (!present) return true;
        for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        typename Id::Bytes bytes{};
        if (hex.size() != Id::kHexSize ||
            !telemetry::detail::decode_lower_hex(hex, std::span<std::uint8_t>(bytes))) {
            return fail(std::string(key) + " must be " + std::to_string(Id::kHexSize) +
                        " hex digits");
        }
        out = Id(bytes);
        return true;
    }

    bool resource_spans(const json::value& v, std::vector<StoredSpan>& out) {
        const json::object* o = object(v, "ResourceSpans");
        if (o == nullptr) return false;
        std::string service;
        AttributeList resource;
        if (const json::value* r = member(*o, "resource")) {
            const json::object* ro = object(*r, "resource");
            if (ro == nullptr || !attributes(*ro, resource)) return false;
        }
        for (const telemetry::Attribute& a : resource) {
            const auto* name = std::get_if<std::string>(&a.value);
            if (a.key == "service.name" && name != nullptr) service = *name;
        }
        return each(*o, "scopeSpans", [&](const json::value& sv) {
            const json::object* so = object(sv, "ScopeSpans");
            return so != nullptr && each(*so, "spans", [&](const json::value& span_value) {
                       StoredSpan s;
                       s.service_name = service;
                       s.resource_attributes = resource;
                       if (!span(span_value, s)) return false;
                       out.push_back(std::move(s));
                       return true;
                   });
        });
    }

    bool span(const json::value& v, StoredSpan& s) {
        const json::object* o = object(v, "Span");
        if (o == nullptr) return false;
        bool has_trace_id = false;
        bool has_span_id = false;
        bool has_parent = false;
        telemetry::SpanId parent;
        std::uint8_t kind = static_cast<std::uint8_t>(s.kind);
        if (!id(*o, "traceId", s.trace_id, has_trace_id) ||
            !id(*o, "spanId", s.span_id, has_span_id) ||
            !id(*o, "parentSpanId", parent, has_parent) || !text(*o, "traceState", s.trace_state) ||
            !text(*o, "name", s.name) || !enumeration(*o, "kind", kSpanKindNames, kind) ||
            !time(*o, "startTimeUnixNano", s.start_time) ||
            !time(*o, "endTimeUnixNano", s.end_time) || !attributes(*o, s.attributes) ||
            !each(*o, "events", [&](const json::value& e) { return event(e, s); })) {
            return false;
        }
        s.kind = static_cast<telemetry::SpanKind>(kind);
        if (has_parent && parent.valid()) s.parent_span_id = parent;
        if (const json::value* st = member(*o, "status")) {
            const json::object* so = object(*st, "status");
            std::uint8_t code = 0;
            if (so == nullptr || !text(*so, "message", s.status.message) ||
                !enumeration(*so, "code", kStatusCodeNames, code)) {
                return false;
            }
            s.status.code = static_cast<telemetry::StatusCode>(code);
        }
        if (!has_trace_id || !s.trace_id.valid()) return fail("traceId is missing or zero");
        if (!has_span_id || !s.span_id.valid()) return fail("spanId is missing or zero");
        return true;
    }

    bool event(const json::value& v, StoredSpan& s) {
        const json::object* o = object(v, "Event");
        StoredEvent e;
        if (o == nullptr || !time(*o, "timeUnixNano", e.time) || !text(*o, "name", e.name) ||
            !attributes(*o, e.attributes)) {
            return false;
        }
        s.events.push_back(std::move(e));
        return true;
    }

    bool attributes(const json::object& o, AttributeList& out) {
        return each(o, "attributes", [&](const json::value& kv) { return key_value(kv, 0, &out); });
    }

    // With a null `out` (inside a key-value list value) it only validates.
    bool key_value(const json::value& v, std::size_t depth, AttributeList* out) {
        const json::object* o = object(v, "KeyValue");
        std::string key;
        if (o == nullptr || !text(*o, "key", key)) return false;
        std::optional<AttributeValue> value;
        if (const json::value* av = member(*o, "value")) {
            if (!any_value(*av, depth, value)) return false;
        }
        if (out != nullptr && value) set_attribute(*out, {std::move(key), std::move(*value)});
        return true;
    }

    // `out` is left empty for values that have no AttributeValue form (bytes, key-value lists).
    bool any_value(const json::value& v, std::size_t depth, std::optional<AttributeValue>& out) {
        if (depth >= kMaxValueDepth) return fail("AnyValue nests too deep");
        const json::object* o = object(v, "AnyValue");
        if (o == nullptr) return false;
        out.reset();
        if (const json::value* s = member(*o, "stringValue")) {
            if (!s->is_string()) return fail("stringValue must be a string");
            out = std::string(s->get_string());
        } else if (const json::value* b = member(*o, "boolValue")) {
            if (!b->is_bool()) return fail("boolValue must be a boolean");
            out = b->get_bool();
        } else if (const json::value* i = member(*o, "intValue")) {
            std::int64_t n = 0;
            if (!integer(*i, "intValue", std::numeric_limits<std::int64_t>::min(), n)) return false;
            out = n;
        } else if (const json::value* d = member(*o, "doubleValue")) {
            return double_value(*d, out);
        } else if (const json::value* a = member(*o, "arrayValue")) {
            return array_value(*a, depth + 1, out);
        } else if (const json::value* kv = member(*o, "kvlistValue")) {
            const json::object* ko = object(*kv, "kvlistValue");
            return ko != nullptr && each(*ko, "values", [&](const json::value& item) {
                       return key_value(item, depth + 1, nullptr);
                   });
        } else if (const json::value* bytes = member(*o, "bytesValue")) {
            if (!bytes->is_string()) return fail("bytesValue must be a string");
        }
        return true;
    }

    bool double_value(const json::value& v, std::optional<AttributeValue>& out) {
        if (const json::string* s = v.if_string()) {
            if (*s == "NaN") {
                out = std::numeric_limits<double>::quiet_NaN();
            } else if (*s == "Infinity") {
                out = std::numeric_limits<double>::infinity();
            } else if (*s == "-Infinity") {
                out = -std::numeric_limits<double>::infinity();
            } else {
                return fail("doubleValue must be a number");
            }
            return true;
        }
        if (!v.is_number()) return fail("doubleValue must be a number");
        out = v.to_number<double>();
        return true;
    }

    bool array_value(const json::value& v, std::size_t depth, std::optional<AttributeValue>& out) {
        const json::object* o = object(v, "arrayValue");
        if (o == nullptr) return false;
        StringArray items;
        bool representable = true;
        const bool ok = each(*o, "values", [&](const json::value& item) {
            std::optional<AttributeValue> value;
            if (!any_value(item, depth, value)) return false;
            std::optional<std::string> item_text;
            if (value) item_text = scalar_text(*value);
            if (item_text) {
                items.push_back(std::move(*item_text));
            } else {
                representable = false;
            }
            return true;
        });
        if (!ok) return false;
        if (representable) out = std::move(items);
        return true;
    }

    std::string error_;
};

}  // namespace

Result<std::vector<StoredSpan>> decode_export_request_json(std::string_view text) {
    json::parse_options options;
    options.max_depth = kMaxJsonDepth;
    boost::system::error_code ec;
    const json::value root = json::parse(text, ec, {}, options);
    if (ec) return Error::protocol("invalid OTLP/JSON trace export: " + ec.message());
    Decoder decoder;
    std::vector<StoredSpan> spans;
    if (!decoder.request(root, spans)) {
        return Error::protocol("invalid OTLP/JSON trace export: " + decoder.error());
    }
    return spans;
}

}  // namespace gw::collector
