#include "gw/routing/inline_preferences.hpp"

#include "gw/json/padded_input.hpp"
#include "gw/json/splice.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <string>
#include <unordered_set>

namespace gw::routing {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::string_view kField = "routing_preferences";
constexpr std::string_view kQuotedField = "\"routing_preferences\"";

Error invalid(std::string_view path, std::string_view problem) {
    return Error::invalid(fmt::format("invalid `{}`: {}", path, problem));
}

// The member `key` of `obj`; nullopt when absent or null (JSON null counts as absent).
std::optional<element> member(const object& obj, std::string_view key) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    return value;
}

Result<std::string> read_string(const object& obj, std::string_view key, const std::string& path,
                                bool allow_empty) {
    const std::string field_path = fmt::format("{}.{}", path, key);
    std::string_view text;
    const auto value = member(obj, key);
    if (!value || value->get_string().get(text) != simdjson::SUCCESS ||
        (!allow_empty && text.empty())) {
        return invalid(field_path,
                       allow_empty ? "expected a string" : "expected a non-empty string");
    }
    return std::string(text);
}

Result<std::vector<std::string>> read_models(const object& obj, const std::string& path) {
    const std::string field_path = fmt::format("{}.models", path);
    const Error error = invalid(field_path, "expected a non-empty array of model names");
    array items;
    const auto value = member(obj, "models");
    if (!value || value->get_array().get(items) != simdjson::SUCCESS || items.size() == 0) {
        return error;
    }
    std::vector<std::string> models;
    for (element item : items) {
        std::string_view model;
        if (item.get_string().get(model) != simdjson::SUCCESS || model.empty()) return error;
        models.emplace_back(model);
    }
    return models;
}

// selection_policy.prefer; an absent policy, and a null or empty `prefer`, mean "none".
Result<std::string> read_prefer(const object& obj, const std::string& path) {
    const auto policy = member(obj, "selection_policy");
    if (!policy) return std::string("none");
    const std::string policy_path = fmt::format("{}.selection_policy", path);
    object policy_object;
    if (policy->get_object().get(policy_object) != simdjson::SUCCESS) {
        return invalid(policy_path, "expected an object");
    }
    const auto prefer = member(policy_object, "prefer");
    if (!prefer) return std::string("none");
    std::string_view text;
    if (prefer->get_string().get(text) != simdjson::SUCCESS ||
        (!text.empty() && text != "cheapest" && text != "fastest" && text != "none")) {
        return invalid(fmt::format("{}.prefer", policy_path),
                       "expected one of \"cheapest\", \"fastest\", \"none\"");
    }
    return std::string(text.empty() ? "none" : text);
}

Result<config::RoutingPreference> read_preference(element value, const std::string& path) {
    object obj;
    if (value.get_object().get(obj) != simdjson::SUCCESS) {
        return invalid(path, "expected an object with name, description and models");
    }
    config::RoutingPreference preference;
    auto name = read_string(obj, "name", path, false);
    if (!name) return name.error();
    auto description = read_string(obj, "description", path, true);
    if (!description) return description.error();
    auto models = read_models(obj, path);
    if (!models) return models.error();
    auto prefer = read_prefer(obj, path);
    if (!prefer) return prefer.error();
    return config::RoutingPreference{std::move(*name), std::move(*description), std::move(*models),
                                     std::move(*prefer)};
}

// The member's value, already cut out of the body (so only these bytes are parsed again).
Result<std::vector<config::RoutingPreference>> read_preferences(std::string_view json) {
    json::detail::ParseInput<simdjson::dom::parser> input(json);
    element root;
    if (auto error = input.parser().parse(input.view()).get(root); error != simdjson::SUCCESS) {
        return invalid(kField, fmt::format("not valid JSON ({})", simdjson::error_message(error)));
    }
    array items;
    if (root.get_array().get(items) != simdjson::SUCCESS) {
        return invalid(kField, "expected an array of routing preferences");
    }
    std::vector<config::RoutingPreference> preferences;
    std::unordered_set<std::string> names;  // keeps the duplicate check linear in long lists
    std::size_t index = 0;
    for (element item : items) {
        const std::string path = fmt::format("{}[{}]", kField, index++);
        auto preference = read_preference(item, path);
        if (!preference) return preference.error();
        if (!names.insert(preference->name).second) {
            return invalid(fmt::format("{}.name", path),
                           fmt::format("duplicate route name \"{}\"", preference->name));
        }
        preferences.push_back(std::move(*preference));
    }
    return preferences;
}

}  // namespace

Result<std::optional<InlinePreferences>> take_inline_preferences(std::string_view body) {
    if (body.find(kQuotedField) == std::string_view::npos) {
        return std::optional<InlinePreferences>();
    }
    std::optional<json::RemovedField> removed = json::remove_field(body, kField);
    if (!removed) return std::optional<InlinePreferences>();
    // A second copy would reach the provider, and readers disagree on which one counts.
    if (removed->body.find(kQuotedField) != std::string::npos &&
        json::remove_field(removed->body, kField)) {
        return invalid(kField, "given more than once");
    }
    auto preferences = read_preferences(removed->value);
    if (!preferences) return preferences.error();
    return std::optional<InlinePreferences>(
        InlinePreferences{std::move(*preferences), std::move(removed->body)});
}

}  // namespace gw::routing
