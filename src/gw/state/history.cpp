#include "gw/state/history.hpp"

#include "gw/json/padded_input.hpp"
#include "gw/json/writer.hpp"

#include <simdjson.h>

namespace gw::state {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using Parse = json::detail::ParseInput<simdjson::dom::parser>;

constexpr std::string_view kWhitespace = " \t\r\n";

Result<object> parse_object(Parse& input) {
    object root;
    if (input.parser().parse(input.view()).get_object().get(root) != simdjson::SUCCESS) {
        return Error::invalid("the request body is not a JSON object");
    }
    return root;
}

std::string user_message(std::string_view text) {
    std::string out;
    json::JsonWriter writer(out);
    writer.begin_array().begin_object();
    writer.key("type").string("message").key("role").string("user");
    writer.key("content").begin_array().begin_object();
    writer.key("type").string("input_text").key("text").string(text);
    writer.end_object().end_array();
    writer.end_object().end_array();
    return out;
}

// `input` of a parsed request object, as an items array.
Result<std::string> input_items_of(const object& request) {
    element input;
    if (request.at_key("input").get(input) != simdjson::SUCCESS || input.is_null()) {
        return std::string("[]");
    }
    std::string_view text;
    if (input.get_string().get(text) == simdjson::SUCCESS) return user_message(text);
    if (input.is_array()) return simdjson::minify(input);
    return Error::invalid("\"input\" must be a string or an array of input items");
}

std::string_view string_member(const object& item, std::string_view key) {
    std::string_view value;
    if (item.at_key(key).get_string().get(value) != simdjson::SUCCESS) return {};
    return value;
}

// An assistant message with the item's output_text parts; nothing when it has none.
void write_message(const object& item, json::JsonWriter& writer) {
    array content;
    if (item.at_key("content").get_array().get(content) != simdjson::SUCCESS) return;
    std::string parts;
    json::JsonWriter part_writer(parts);
    for (element part : content) {
        object part_object;
        if (part.get_object().get(part_object) != simdjson::SUCCESS) continue;
        if (string_member(part_object, "type") != "output_text") continue;
        part_writer.begin_object().key("type").string("output_text");
        part_writer.key("text").string(string_member(part_object, "text")).end_object();
    }
    if (parts.empty()) return;
    writer.begin_object().key("type").string("message").key("role").string("assistant");
    writer.key("content").begin_array().raw(parts).end_array().end_object();
}

void write_function_call(const object& item, json::JsonWriter& writer) {
    const std::string_view call_id = string_member(item, "call_id");
    const std::string_view name = string_member(item, "name");
    if (call_id.empty() || name.empty()) return;
    writer.begin_object().key("type").string("function_call");
    writer.key("call_id").string(call_id).key("name").string(name);
    writer.key("arguments").string(string_member(item, "arguments")).end_object();
}

std::string output_as_input(const array& output) {
    std::string out;
    json::JsonWriter writer(out);
    writer.begin_array();
    for (element value : output) {
        object item;
        if (value.get_object().get(item) != simdjson::SUCCESS) continue;
        const std::string_view type = string_member(item, "type");
        if (type == "message") write_message(item, writer);
        if (type == "function_call") write_function_call(item, writer);
    }
    writer.end_array();
    return out;
}

std::string_view inner_items(std::string_view array_json) {
    const std::size_t open = array_json.find('[');
    const std::size_t close = array_json.rfind(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close <= open) {
        return {};
    }
    std::string_view inner = array_json.substr(open + 1, close - open - 1);
    const std::size_t first = inner.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos) return {};
    return inner.substr(first, inner.find_last_not_of(kWhitespace) - first + 1);
}

bool is_json_array(std::string_view text) {
    Parse input(text);
    array items;
    return input.parser().parse(input.view()).get_array().get(items) == simdjson::SUCCESS;
}

}  // namespace

Result<std::string> request_input_items(std::string_view request_body) {
    Parse input(request_body);
    auto request = parse_object(input);
    if (!request) return request.error();
    return input_items_of(*request);
}

Result<std::string> prepend_history(std::string_view request_body,
                                    std::string_view stored_items_json) {
    // Checked first: the thread's parser then moves on to the body.
    if (!is_json_array(stored_items_json)) {
        return Error::protocol("the stored conversation is not a JSON array of items");
    }
    Parse input(request_body);
    auto request = parse_object(input);
    if (!request) return request.error();
    auto own_items = input_items_of(*request);
    if (!own_items) return own_items.error();
    std::string out;
    json::JsonWriter writer(out);
    writer.begin_object();
    writer.key("input").raw(join_items(stored_items_json, *own_items));
    for (const auto [key, value] : *request) {
        if (key == "input" || key == "previous_response_id") continue;
        writer.key(key).raw(simdjson::minify(value));
    }
    writer.end_object();
    return out;
}

std::optional<ResponseOutput> response_output_items(std::string_view responses_body) {
    Parse input(responses_body);
    auto response = parse_object(input);
    if (!response) return std::nullopt;
    const std::string_view id = string_member(*response, "id");
    array output;
    if (id.empty() || response->at_key("output").get_array().get(output) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return ResponseOutput{std::string(id), output_as_input(output)};
}

std::string join_items(std::string_view first, std::string_view second) {
    const std::string_view a = inner_items(first);
    const std::string_view b = inner_items(second);
    std::string out;
    out.reserve(a.size() + b.size() + 3);
    out.push_back('[');
    out.append(a);
    if (!a.empty() && !b.empty()) out.push_back(',');
    out.append(b);
    out.push_back(']');
    return out;
}

}  // namespace gw::state
