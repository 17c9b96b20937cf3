#include "gw/routing/session_binding.hpp"

#include "gw/json/padded_input.hpp"
#include "gw/json/writer.hpp"

#include <simdjson.h>

#include <algorithm>
#include <limits>

namespace gw::routing {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// serde's rules for the reference's fields: a missing member takes its default, a member of the
// wrong type (null included) fails the whole value. Each reader leaves `field` alone when the
// member is missing and returns false when it is unreadable.
bool read_string(const object& obj, std::string_view key, std::string& field) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS) return true;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return false;
    field = text;
    return true;
}

bool read_uint(const object& obj, std::string_view key, uint64_t& field) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS) return true;
    return value.get_uint64().get(field) == simdjson::SUCCESS;
}

bool read_double(const object& obj, std::string_view key, double& field) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS) return true;
    return value.get_double().get(field) == simdjson::SUCCESS;
}

bool has_member(const object& obj, std::string_view key) {
    element value;
    return obj.at_key(key).get(value) == simdjson::SUCCESS;
}

bool read_required_string(const object& obj, std::string_view key, std::string& field) {
    return has_member(obj, key) && read_string(obj, key, field);
}

// Epoch seconds, required: the reference's default for a missing time ("now") would make a
// binding of unknown age look warm.
bool read_seconds(const object& obj, std::string_view key, int64_t& field) {
    uint64_t seconds = 0;
    if (!has_member(obj, key) || !read_uint(obj, key, seconds)) return false;
    if (seconds > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    field = static_cast<int64_t>(seconds);
    return true;
}

bool read_switches(const object& obj, uint32_t& field) {
    uint64_t count = field;
    if (!read_uint(obj, "switches", count)) return false;
    if (count > std::numeric_limits<uint32_t>::max()) return false;
    field = static_cast<uint32_t>(count);
    return true;
}

// An optional member: absent and null both mean "none".
template <class T, class Reader>
bool read_optional(const object& obj, std::string_view key, std::optional<T>& field, Reader read) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return true;
    T read_value{};
    if (!read(obj, key, read_value)) return false;
    field = std::move(read_value);
    return true;
}

std::optional<RouteVisit> visit_from(element value) {
    object obj;
    if (value.get_object().get(obj) != simdjson::SUCCESS) return std::nullopt;
    RouteVisit visit;
    const bool ok = read_required_string(obj, "model", visit.model) &&
                    read_seconds(obj, "last_used", visit.last_used) &&
                    read_uint(obj, "cached_tokens", visit.cached_tokens);
    if (!ok) return std::nullopt;
    return visit;
}

bool read_history(const object& obj, std::vector<RouteVisit>& history) {
    element value;
    if (obj.at_key("history").get(value) != simdjson::SUCCESS) return true;
    simdjson::dom::array items;
    if (value.get_array().get(items) != simdjson::SUCCESS) return false;
    for (element item : items) {
        auto visit = visit_from(item);
        if (!visit) return false;
        history.push_back(std::move(*visit));
    }
    return true;
}

bool read_binding(const object& obj, SessionBinding& b) {
    return read_required_string(obj, "anchor_model", b.anchor_model) &&
           read_string(obj, "default_model", b.default_model) &&
           read_string(obj, "requested_model", b.requested_model) &&
           read_optional(obj, "route_name", b.route_name, read_string) &&
           read_optional(obj, "prefix_hash", b.prefix_hash, read_uint) &&
           read_seconds(obj, "last_used", b.last_used) &&
           read_uint(obj, "cached_tokens", b.cached_tokens) &&
           read_double(obj, "baseline_usd", b.baseline_usd) &&
           read_double(obj, "switch_spend_usd", b.switch_spend_usd) &&
           read_switches(obj, b.switches) && read_history(obj, b.history) &&
           read_double(obj, "session_cost_usd", b.session_cost_usd);
}

// Epoch seconds are unsigned in the reference's format; a time before 1970 is stored as 0.
uint64_t epoch_seconds(int64_t seconds) {
    return static_cast<uint64_t>(std::max<int64_t>(0, seconds));
}

void write_history(const std::vector<RouteVisit>& history, json::JsonWriter& writer) {
    writer.key("history").begin_array();
    for (const RouteVisit& visit : history) {
        writer.begin_object().key("model").string(visit.model);
        writer.key("last_used").number(epoch_seconds(visit.last_used));
        writer.key("cached_tokens").number(visit.cached_tokens).end_object();
    }
    writer.end_array();
}

}  // namespace

void record_route_visit(std::vector<RouteVisit>& history, std::string_view model, int64_t last_used,
                        uint64_t cached_tokens) {
    auto found = std::ranges::find(history, model, &RouteVisit::model);
    if (found != history.end()) {
        found->last_used = last_used;
        found->cached_tokens = cached_tokens;
    } else {
        history.push_back({std::string(model), last_used, cached_tokens});
    }
    while (history.size() > kMaxRouteHistory) {
        history.erase(std::ranges::min_element(history, {}, &RouteVisit::last_used));
    }
}

// Member order and omissions as serde writes the reference's struct.
std::string to_json(const SessionBinding& b) {
    std::string out;
    json::JsonWriter writer(out);
    writer.begin_object();
    writer.key("anchor_model").string(b.anchor_model);
    writer.key("default_model").string(b.default_model);
    writer.key("requested_model").string(b.requested_model);
    if (b.route_name) writer.key("route_name").string(*b.route_name);
    if (b.prefix_hash) writer.key("prefix_hash").number(*b.prefix_hash);
    writer.key("last_used").number(epoch_seconds(b.last_used));
    writer.key("cached_tokens").number(b.cached_tokens);
    writer.key("baseline_usd").number(b.baseline_usd);
    writer.key("switch_spend_usd").number(b.switch_spend_usd);
    writer.key("switches").number(b.switches);
    if (!b.history.empty()) write_history(b.history, writer);
    writer.key("session_cost_usd").number(b.session_cost_usd);
    writer.end_object();
    return out;
}

std::optional<SessionBinding> binding_from_json(std::string_view json) {
    json::detail::ParseInput<simdjson::dom::parser> input(json);
    object obj;
    if (input.parser().parse(input.view()).get_object().get(obj) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    SessionBinding binding;
    if (!read_binding(obj, binding)) return std::nullopt;
    return binding;
}

}  // namespace gw::routing
