#include "gw/telemetry/trace_context.hpp"

#include "gw/telemetry/http_text.hpp"

#include <algorithm>

namespace gw::telemetry {
namespace {

std::optional<std::uint8_t> parse_hex_byte(std::string_view two) {
    std::uint8_t value[1];
    if (!detail::decode_lower_hex(two, value)) return std::nullopt;
    return value[0];
}

// A list member is `key=value`: a non-empty key, and a value without '=' or ','.
bool valid_member(std::string_view member) {
    const auto eq = member.find('=');
    if (eq == 0 || eq == std::string_view::npos || eq + 1 == member.size()) return false;
    return member.find('=', eq + 1) == std::string_view::npos;
}

}  // namespace

std::optional<TraceParent> parse_traceparent(std::string_view text) {
    text = trim_ows(text);
    if (text.size() < kTraceParentSize) return std::nullopt;
    const auto version = parse_hex_byte(text.substr(0, 2));
    if (!version || *version == 0xff) return std::nullopt;
    if (*version == 0 && text.size() != kTraceParentSize) return std::nullopt;
    if (text.size() > kTraceParentSize && text[kTraceParentSize] != '-') return std::nullopt;
    if (text[2] != '-' || text[35] != '-' || text[52] != '-') return std::nullopt;

    const auto trace_id = TraceId::from_hex(text.substr(3, TraceId::kHexSize));
    const auto parent_id = SpanId::from_hex(text.substr(36, SpanId::kHexSize));
    const auto flags = parse_hex_byte(text.substr(53, 2));
    if (!trace_id || !parent_id || !flags) return std::nullopt;
    return TraceParent{*trace_id, *parent_id, *flags};
}

std::optional<std::string> parse_tracestate(std::string_view text) {
    text = trim_ows(text);
    if (text.size() > kMaxTraceStateSize) return std::nullopt;
    if (!printable_ascii(text)) return std::nullopt;

    std::size_t members = 0;
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view member = trim_ows(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (member.empty()) continue;  // empty list members are allowed
        if (!valid_member(member) || ++members > kMaxTraceStateMembers) return std::nullopt;
    }
    return std::string(text);
}

std::optional<TraceContext> extract_trace_context(const Headers& headers) {
    std::optional<TraceParent> parent;
    std::string joined_state;
    bool seen_parent = false;
    for (const auto& [name, value] : headers.fields()) {
        if (iequals(name, kTraceParentHeader)) {
            if (seen_parent) return std::nullopt;
            seen_parent = true;
            parent = parse_traceparent(value);
        } else if (iequals(name, kTraceStateHeader)) {
            if (!joined_state.empty()) joined_state += ',';
            joined_state += value;
        }
    }
    if (!parent) return std::nullopt;
    return TraceContext{*parent, parse_tracestate(joined_state).value_or(std::string{})};
}

std::string format_traceparent(const TraceId& trace_id, const SpanId& span_id, bool sampled) {
    std::string text(kTraceParentSize, '-');
    text[0] = '0';
    text[1] = '0';
    trace_id.write_hex(text.data() + 3);
    span_id.write_hex(text.data() + 36);
    text[53] = '0';
    text[54] = sampled ? '1' : '0';
    return text;
}

}  // namespace gw::telemetry
