// The span encoder against the collector's decoder: a span built from untrusted bytes (names,
// attribute keys and values, arrays, events, status; any bytes, invalid UTF-8 included, any
// lengths across the encoder's one-byte length slots) is encoded as an export request, decoded,
// and must come back whole: every string as its UTF-8 repair, every number bit for bit.

#include "gw/collector/otlp_decode.hpp"
#include "gw/telemetry/otlp_encode.hpp"
#include "gw/telemetry/utf8.hpp"

#include "fuzz_util.hpp"
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using gw::fuzz::check;
using gw::fuzz::take_control;
using gw::telemetry::Attribute;
using gw::telemetry::AttributeValue;
using gw::telemetry::sanitize_utf8;

// A length byte, then that many bytes (a high bit scales it by 8, to reach the two-byte lengths).
std::string take_string(std::string_view& rest) {
    const uint8_t control = take_control(rest);
    const size_t wanted = (control & 0x80) != 0 ? (control & 0x7f) * size_t{8} : control;
    const std::string_view piece = rest.substr(0, wanted);
    rest.remove_prefix(piece.size());
    return std::string(piece);
}

uint64_t take_u64(std::string_view& rest) {
    uint64_t value = 0;
    const size_t n = rest.size() < 8 ? rest.size() : 8;
    std::memcpy(&value, rest.data(), n);
    rest.remove_prefix(n);
    return value;
}

AttributeValue take_value(uint8_t kind, std::string_view& rest) {
    switch (kind % 5) {
        case 0:
            return take_string(rest);
        case 1:
            return static_cast<int64_t>(take_u64(rest));
        case 2:
            return std::bit_cast<double>(take_u64(rest));
        case 3:
            return (take_control(rest) & 1) != 0;
        default: {
            gw::telemetry::StringArray items(take_control(rest) % 8);
            for (std::string& item : items) item = take_string(rest);
            return items;
        }
    }
}

// What the decoder must return for `value`: strings repaired, everything else unchanged.
AttributeValue repaired(const AttributeValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) return sanitize_utf8(*text);
    if (const auto* items = std::get_if<gw::telemetry::StringArray>(&value)) {
        gw::telemetry::StringArray out;
        for (const std::string& item : *items) out.push_back(sanitize_utf8(item));
        return out;
    }
    return value;
}

// Doubles compare by bits: a NaN must round-trip too.
bool same_value(const AttributeValue& a, const AttributeValue& b) {
    const auto* x = std::get_if<double>(&a);
    const auto* y = std::get_if<double>(&b);
    if (x != nullptr || y != nullptr) {
        return x != nullptr && y != nullptr &&
               std::bit_cast<uint64_t>(*x) == std::bit_cast<uint64_t>(*y);
    }
    return a == b;
}

// `sent` as the decoder sees it: repaired, and keys that became equal once repaired merged the
// way the decoder merges repeated keys (the last value wins).
gw::collector::AttributeList expected(const gw::telemetry::Attributes& sent) {
    gw::collector::AttributeList out;
    for (const Attribute& a : sent.items()) {
        gw::collector::set_attribute(out, {sanitize_utf8(a.key.view()), repaired(a.value)});
    }
    return out;
}

void check_attributes(const gw::collector::AttributeList& got,
                      const gw::telemetry::Attributes& sent) {
    const gw::collector::AttributeList want = expected(sent);
    check(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        check(got[i].key.view() == want[i].key.view());
        check(same_value(got[i].value, want[i].value));
    }
}

gw::telemetry::Span span_from(std::string_view rest) {
    gw::telemetry::Span s;
    s.trace_id = *gw::telemetry::TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
    s.span_id = *gw::telemetry::SpanId::from_hex("00f067aa0ba902b7");
    s.service_name = take_string(rest);
    while (!rest.empty()) {
        const uint8_t op = take_control(rest);
        switch (op % 5) {
            case 0:
                s.name = take_string(rest);
                break;
            case 1:
                s.trace_state = take_string(rest);
                break;
            case 2: {
                std::string key = take_string(rest);
                s.attributes.set(std::move(key), take_value(op / 5, rest));
                break;
            }
            case 3: {
                gw::telemetry::SpanEvent event{take_string(rest), {}, {}};
                std::string key = take_string(rest);
                event.attributes.set(std::move(key), take_value(op / 5, rest));
                s.add_event(std::move(event));
                break;
            }
            default:
                s.set_error(take_string(rest));
                break;
        }
    }
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const gw::telemetry::Span sent = span_from(gw::fuzz::as_view(data, size));
    const auto decoded =
        gw::collector::decode_export_request(gw::telemetry::encode_export_request({&sent, 1}));
    check(decoded.has_value() && decoded->size() == 1);
    const gw::collector::StoredSpan& got = decoded->front();
    check(got.trace_id == sent.trace_id && got.span_id == sent.span_id);
    check(got.name == sanitize_utf8(sent.name));
    check(got.trace_state == sanitize_utf8(sent.trace_state));
    check(got.service_name == sanitize_utf8(sent.service_name));
    check(got.status.code == sent.status.code);
    check(got.status.message == sanitize_utf8(sent.status.message));
    check_attributes(got.attributes, sent.attributes);
    check(got.events.size() == sent.events.size());
    for (size_t i = 0; i < got.events.size(); ++i) {
        check(got.events[i].name == sanitize_utf8(sent.events[i].name));
        check_attributes(got.events[i].attributes, sent.events[i].attributes);
    }
    return 0;
}
