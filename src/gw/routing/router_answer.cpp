#include "gw/routing/router_answer.hpp"

#include "gw/json/padded_input.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

namespace gw::routing {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
// Each parse below finishes with its document (copying what it keeps) before the next starts.
using ParsedBody = json::detail::ParseInput<simdjson::dom::parser>;

// Enough of an HTML error page to say what it is, without flooding logs and error bodies.
constexpr std::size_t kRawBodyLimit = 512;

Error answer_error(std::string_view detail) {
    return Error::protocol(fmt::format("Failed to parse JSON response: {}", detail));
}

Error content_error(std::string_view detail) {
    return Error::protocol(
        fmt::format("Orchestrator model error: Failed to parse JSON: {}", detail));
}

// Reads an Option<String> member as serde does: absent or null is no value, a string is the
// value, anything else makes the whole object unreadable (false).
bool read_optional_string(const object& obj, std::string_view key,
                          std::optional<std::string_view>& out) {
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return true;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return false;
    out = text;
    return true;
}

// "<message> (param=…) [type=…]" from {"error":{"message","param","type"}}.
std::optional<std::string> envelope_message(std::string_view body) {
    ParsedBody input(body);
    object error;
    std::string_view message;
    if (input.parser().parse(input.view())["error"].get_object().get(error) != simdjson::SUCCESS ||
        error["message"].get_string().get(message) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    std::optional<std::string_view> param;
    std::optional<std::string_view> type;
    if (!read_optional_string(error, "param", param) ||
        !read_optional_string(error, "type", type)) {
        return std::nullopt;
    }
    std::string text(message);
    if (param) text.append(fmt::format(" (param={})", *param));
    if (type) text.append(fmt::format(" [type={}]", *type));
    return text;
}

Error upstream_error(unsigned status, std::string_view body) {
    std::string message =
        envelope_message(body).value_or(std::string(utf8_prefix(body, kRawBodyLimit)));
    return Error::protocol(fmt::format("Upstream returned {}: {}", status, message));
}

// choices[0].message.content of a chat completion; nullopt for no choices or null content.
Result<std::optional<std::string>> completion_content(std::string_view body) {
    ParsedBody input(body);
    object root;
    if (auto error = input.parser().parse(input.view()).get_object().get(root);
        error != simdjson::SUCCESS) {
        return answer_error(error == simdjson::INCORRECT_TYPE ? "expected a JSON object"
                                                              : simdjson::error_message(error));
    }
    array choices;
    if (root["choices"].get_array().get(choices) != simdjson::SUCCESS) {
        return answer_error("expected a `choices` array");
    }
    if (choices.size() == 0) return std::optional<std::string>();
    object message;
    if (choices.at(0)["message"].get_object().get(message) != simdjson::SUCCESS) {
        return answer_error("expected `choices[0].message` to be an object");
    }
    element content;
    if (message["content"].get(content) != simdjson::SUCCESS || content.is_null()) {
        return std::optional<std::string>();
    }
    std::string_view text;
    if (content.get_string().get(text) != simdjson::SUCCESS) {
        return answer_error("expected `choices[0].message.content` to be a string");
    }
    return std::optional<std::string>(std::string(text));
}

// The reference's repair of answers written with Python quoting or escaped newlines.
std::string repaired_content(std::string_view content) {
    std::string out;
    out.reserve(content.size());
    for (std::size_t i = 0; i < content.size(); ++i) {
        if (content[i] == '\\' && i + 1 < content.size() && content[i + 1] == 'n') {
            ++i;
            continue;
        }
        out.push_back(content[i] == '\'' ? '"' : content[i]);
    }
    return out;
}

// The non-empty names of {"route": [names] | null}, in order.
Result<std::vector<std::string>> route_names(std::string_view content) {
    ParsedBody input(content);
    object root;
    if (auto error = input.parser().parse(input.view()).get_object().get(root);
        error != simdjson::SUCCESS) {
        return content_error(error == simdjson::INCORRECT_TYPE ? "expected a JSON object"
                                                               : simdjson::error_message(error));
    }
    element route;
    if (root["route"].get(route) != simdjson::SUCCESS || route.is_null()) {
        return std::vector<std::string>();
    }
    array items;
    if (route.get_array().get(items) != simdjson::SUCCESS) {
        return content_error("expected `route` to be an array of route names");
    }
    std::vector<std::string> names;
    for (element item : items) {
        std::string_view name;
        if (item.get_string().get(name) != simdjson::SUCCESS) {
            return content_error("expected `route` to be an array of route names");
        }
        if (!name.empty()) names.emplace_back(name);
    }
    return names;
}

bool is_known(std::span<const RouteSpec> routes, std::string_view name) {
    return std::any_of(routes.begin(), routes.end(),
                       [name](const RouteSpec& route) { return route.name == name; });
}

}  // namespace

Result<std::optional<std::string>> parse_router_answer(unsigned http_status, std::string_view body,
                                                       std::span<const RouteSpec> routes) {
    if (http_status < 200 || http_status > 299) return upstream_error(http_status, body);
    auto content = completion_content(body);
    if (!content) return content.error();
    if (!*content || (*content)->empty()) return std::optional<std::string>();
    auto names = route_names(repaired_content(**content));
    if (!names) return names.error();
    for (std::string& name : *names) {
        if (is_known(routes, name)) return std::optional<std::string>(std::move(name));
    }
    return std::optional<std::string>();
}

}  // namespace gw::routing
