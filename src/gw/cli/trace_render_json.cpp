#include "gw/cli/trace_render_json.hpp"

#include "gw/collector/attribute_text.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <string_view>
#include <variant>

namespace gw::cli {
namespace {

namespace json = boost::json;

json::object attribute_value(const telemetry::AttributeValue& value) {
    json::object out;
    if (const auto* s = std::get_if<std::string>(&value)) {
        out["stringValue"] = *s;
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        out["intValue"] = std::to_string(*i);  // OTLP/JSON writes 64-bit integers as strings
    } else if (const auto* d = std::get_if<double>(&value)) {
        out["doubleValue"] = *d;
    } else if (const auto* b = std::get_if<bool>(&value)) {
        out["boolValue"] = *b;
    } else if (const auto* items = std::get_if<telemetry::StringArray>(&value)) {
        json::array values;
        for (const std::string& item : *items)
            values.push_back(json::object{{"stringValue", item}});
        out["arrayValue"] = json::object{{"values", std::move(values)}};
    }
    return out;
}

json::object span_object(const collector::StoredSpan& s) {
    json::array attributes;
    for (const telemetry::Attribute& a : s.attributes) {
        attributes.push_back(
            json::object{{"key", a.key.view()}, {"value", attribute_value(a.value)}});
    }
    json::object out;
    out["traceId"] = s.trace_id.to_hex();
    out["spanId"] = s.span_id.to_hex();
    out["parentSpanId"] = s.parent_span_id ? s.parent_span_id->to_hex() : std::string();
    out["name"] = s.name;
    out["startTimeUnixNano"] = std::to_string(telemetry::unix_nanos(s.start_time));
    out["endTimeUnixNano"] = std::to_string(telemetry::unix_nanos(s.end_time));
    out["service"] = s.service_name;
    out["attributes"] = std::move(attributes);
    return out;
}

// Python's float spelling, as the reference printed doubles: shortest round trip, ".0" on whole
// numbers; JSON has no non-finite numbers, so those become OTLP/JSON's strings.
std::string double_text(double d) {
    if (!std::isfinite(d)) return json::serialize(json::string(*collector::scalar_text(d)));
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

// Boost.JSON 1.81 has no pretty printer: this one writes json.dumps(indent=2)'s layout.
void pretty(const json::value& v, std::size_t depth, std::string& out) {
    const std::string inner(2 * (depth + 1), ' ');
    const std::string closing(2 * depth, ' ');
    if (const json::object* o = v.if_object()) {
        if (o->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& [key, value] : *o) {
            out += first ? "" : ",\n";
            first = false;
            out += inner + json::serialize(json::string(key)) + ": ";
            pretty(value, depth + 1, out);
        }
        out += "\n" + closing + "}";
    } else if (const json::array* a = v.if_array()) {
        if (a->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < a->size(); ++i) {
            out += i == 0 ? inner : ",\n" + inner;
            pretty((*a)[i], depth + 1, out);
        }
        out += "\n" + closing + "]";
    } else if (const double* d = v.if_double()) {
        out += double_text(*d);
    } else {
        out += json::serialize(v);
    }
}

std::string pretty(const json::value& v) {
    std::string out;
    pretty(v, 0, out);
    return out + "\n";
}

}  // namespace

std::string render_traces_json(std::span<const collector::StoredTrace> traces) {
    json::array list;
    for (const collector::StoredTrace& t : traces) {
        json::array spans;
        for (const collector::StoredSpan& s : t.spans) spans.push_back(span_object(s));
        list.push_back(
            json::object{{"trace_id", t.trace_id.to_hex()}, {"spans", std::move(spans)}});
    }
    return pretty(json::object{{"traces", std::move(list)}});
}

std::string render_trace_ids_json(std::span<const collector::TraceSummary> traces) {
    json::array ids;
    for (const collector::TraceSummary& t : traces)
        ids.push_back(json::string(t.trace_id.to_hex()));
    return pretty(json::object{{"trace_ids", std::move(ids)}});
}

}  // namespace gw::cli
