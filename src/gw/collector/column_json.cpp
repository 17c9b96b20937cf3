#include "gw/collector/column_json.hpp"

#include "gw/collector/attribute_text.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>

namespace gw::collector {
namespace {

namespace json = boost::json;
using telemetry::AttributeValue;
using telemetry::StringArray;

constexpr std::string_view kDoubleKey = "double";

json::value to_json(const AttributeValue& value) {
    if (const auto* s = std::get_if<std::string>(&value)) return json::string(*s);
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    if (const auto* b = std::get_if<bool>(&value)) return *b;
    if (const auto* d = std::get_if<double>(&value)) {
        if (std::isfinite(*d)) return *d;
        return json::object{{kDoubleKey, *scalar_text(value)}};
    }
    json::array items;
    for (const std::string& item : std::get<StringArray>(value)) items.emplace_back(item);
    return items;
}

json::object to_json(const AttributeList& attributes) {
    json::object out;
    out.reserve(attributes.size());
    for (const telemetry::Attribute& a : attributes)
        out.insert_or_assign(a.key.view(), to_json(a.value));
    return out;
}

std::optional<AttributeValue> from_json(const json::value& v) {
    if (const json::string* s = v.if_string()) return AttributeValue(std::string(*s));
    if (const std::int64_t* i = v.if_int64()) return AttributeValue(*i);
    if (const double* d = v.if_double()) return AttributeValue(*d);
    if (const bool* b = v.if_bool()) return AttributeValue(*b);
    if (const json::array* a = v.if_array()) {
        StringArray items;
        for (const json::value& item : *a) {
            const json::string* s = item.if_string();
            if (s == nullptr) return std::nullopt;
            items.emplace_back(*s);
        }
        return AttributeValue(std::move(items));
    }
    if (const json::object* o = v.if_object()) {
        const json::value* special = o->if_contains(kDoubleKey);
        const json::string* name = special != nullptr ? special->if_string() : nullptr;
        if (o->size() != 1 || name == nullptr) return std::nullopt;
        if (*name == "NaN") return AttributeValue(std::nan(""));
        if (*name == "Infinity") return AttributeValue(HUGE_VAL);
        if (*name == "-Infinity") return AttributeValue(-HUGE_VAL);
    }
    return std::nullopt;
}

Result<AttributeList> from_json(const json::object& o) {
    AttributeList out;
    out.reserve(o.size());
    for (const auto& [key, v] : o) {
        std::optional<AttributeValue> value = from_json(v);
        if (!value)
            return Error::internal("trace store: bad attribute value for " + std::string(key));
        out.push_back({std::string(key), std::move(*value)});
    }
    return out;
}

Result<json::value> parse(std::string_view text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return Error::internal("trace store: corrupt JSON column: " + ec.message());
    return v;
}

}  // namespace

std::string attributes_to_json(const AttributeList& attributes) {
    return json::serialize(to_json(attributes));
}

Result<AttributeList> attributes_from_json(std::string_view text) {
    Result<json::value> v = parse(text);
    if (!v) return v.error();
    const json::object* o = v->if_object();
    if (o == nullptr) return Error::internal("trace store: attributes column is not an object");
    return from_json(*o);
}

std::string events_to_json(const std::vector<StoredEvent>& events) {
    json::array out;
    out.reserve(events.size());
    for (const StoredEvent& e : events) {
        out.emplace_back(json::object{{"name", e.name},
                                      {"time_unix_nano", e.time.time_since_epoch().count()},
                                      {"attributes", to_json(e.attributes)}});
    }
    return json::serialize(out);
}

Result<std::vector<StoredEvent>> events_from_json(std::string_view text) {
    Result<json::value> v = parse(text);
    if (!v) return v.error();
    const json::array* a = v->if_array();
    if (a == nullptr) return Error::internal("trace store: events column is not an array");
    std::vector<StoredEvent> out;
    out.reserve(a->size());
    for (const json::value& item : *a) {
        const json::object* o = item.if_object();
        const json::value* name = o != nullptr ? o->if_contains("name") : nullptr;
        const json::value* time = o != nullptr ? o->if_contains("time_unix_nano") : nullptr;
        const json::value* attributes = o != nullptr ? o->if_contains("attributes") : nullptr;
        if (name == nullptr || !name->is_string() || time == nullptr || !time->is_int64() ||
            attributes == nullptr || !attributes->is_object()) {
            return Error::internal("trace store: bad event in events column");
        }
        Result<AttributeList> decoded = from_json(attributes->get_object());
        if (!decoded) return decoded.error();
        out.push_back({std::string(name->get_string()),
                       telemetry::UnixTime{std::chrono::nanoseconds{time->get_int64()}},
                       std::move(*decoded)});
    }
    return out;
}

}  // namespace gw::collector
