#include "gw/json/request_scan.hpp"

#include "gw/json/padded_input.hpp"
#include "gw/json/request_details_dom.hpp"

#include <fmt/format.h>
#include <simdjson.h>

namespace gw::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

std::optional<double> as_double(element value) {
    double number = 0;
    if (value.get_double().get(number) != simdjson::SUCCESS) return std::nullopt;
    return number;
}

std::optional<int64_t> as_integer(element value) {
    int64_t number = 0;
    if (value.get_int64().get(number) != simdjson::SUCCESS) return std::nullopt;
    return number;
}

Result<void> read_model(element value, RequestFields& out) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
        return Error::invalid("Invalid request: \"model\" must be a string");
    }
    out.model.emplace(text);
    return {};
}

Result<void> read_stream(element value, RequestFields& out) {
    if (value.is_null()) return {};
    if (value.get_bool().get(out.stream) != simdjson::SUCCESS) {
        return Error::invalid("Invalid request: \"stream\" must be a boolean");
    }
    return {};
}

void read_stream_options(element value, RequestFields& out) {
    out.has_stream_options = true;
    bool include_usage = false;
    if (value["include_usage"].get_bool().get(include_usage) == simdjson::SUCCESS) {
        out.include_usage = include_usage;
    }
}

Result<void> read_previous_response_id(element value, RequestFields& out) {
    if (value.is_null()) return {};
    std::string_view id;
    if (value.get_string().get(id) != simdjson::SUCCESS) {
        return Error::invalid("Invalid request: \"previous_response_id\" must be a string");
    }
    out.previous_response_id.emplace(id);
    return {};
}

// A second "model" or "stream" would let the gateway and the provider read different values
// (the provider's parser may keep the last one), so they are rejected as the reference does.
Result<void> check_unique(std::string_view key, bool& seen) {
    if (seen) return Error::invalid(fmt::format("Invalid request: duplicate \"{}\" key", key));
    seen = true;
    return {};
}

Result<RequestFields> read_fields(const object& obj) {
    RequestFields fields;
    bool seen_model = false;
    bool seen_stream = false;
    std::optional<int64_t> max_completion_tokens;
    for (const auto [key, value] : obj) {
        Result<void> ok;
        if (key == "model") {
            ok = check_unique(key, seen_model);
            if (ok) ok = read_model(value, fields);
        } else if (key == "stream") {
            ok = check_unique(key, seen_stream);
            if (ok) ok = read_stream(value, fields);
        } else if (key == "stream_options") {
            read_stream_options(value, fields);
        } else if (key == "temperature") {
            fields.temperature = as_double(value);
        } else if (key == "top_p") {
            fields.top_p = as_double(value);
        } else if (key == "max_tokens") {
            fields.max_tokens = as_integer(value);
        } else if (key == "max_completion_tokens") {
            max_completion_tokens = as_integer(value);
        } else if (key == "previous_response_id") {
            ok = read_previous_response_id(value, fields);
        }
        if (!ok) return ok.error();
    }
    if (!fields.max_tokens) fields.max_tokens = max_completion_tokens;
    return fields;
}

// Parses `body` and hands its root object to `read`, which returns Result<RequestFields>.
template <class Read>
Result<RequestFields> scan_with(std::string_view body, const Read& read) {
    detail::ParseInput<simdjson::dom::parser> input(body);
    element root;
    if (auto error = input.parser().parse(input.view()).get(root); error != simdjson::SUCCESS) {
        return Error::invalid(
            fmt::format("Failed to parse JSON: {}", simdjson::error_message(error)));
    }
    object obj;
    if (root.get_object().get(obj) != simdjson::SUCCESS) {
        return Error::invalid("Invalid request: the body must be a JSON object");
    }
    return read(obj);
}

}  // namespace

Result<RequestFields> scan_request(std::string_view body) {
    return scan_with(body, [](const object& root) { return read_fields(root); });
}

Result<RequestFields> scan_request(std::string_view body, llm::ApiFormat api,
                                   RequestDetails& details) {
    return scan_with(body, [&](const object& root) {
        auto fields = read_fields(root);
        if (fields) details = detail::details_of(root, api);
        return fields;
    });
}

}  // namespace gw::json
