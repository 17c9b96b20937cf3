// Request -> Anthropic Messages request. Messages has no place for reasoning_effort (a thinking
// budget is only sent when the client gave one), response_format or previous_response_id; they
// are left out.

#include "gw/json/padded_input.hpp"
#include "gw/json/writer.hpp"
#include "gw/translate/request_codecs.hpp"

#include <simdjson.h>

#include <algorithm>
#include <vector>

namespace gw::translate::detail {
namespace {

using json::JsonWriter;
using Kind = ContentPart::Kind;

// A base64 data: URL as Anthropic's base64 source; any other URL as a url source.
void write_image_source(const ContentPart& part, JsonWriter& writer) {
    std::string_view url = part.image_url;
    std::string_view media_type = part.media_type;
    std::string_view data = part.data;
    constexpr std::string_view kDataPrefix = "data:";
    constexpr std::string_view kBase64Marker = ";base64,";
    if (url.starts_with(kDataPrefix)) {
        if (auto marker = url.find(kBase64Marker); marker != std::string_view::npos) {
            media_type = url.substr(kDataPrefix.size(), marker - kDataPrefix.size());
            data = url.substr(marker + kBase64Marker.size());
            url = {};
        }
    }
    writer.key("source").begin_object();
    if (url.empty()) {
        writer.key("type").string("base64").key("media_type").string(media_type);
        writer.key("data").string(data);
    } else {
        writer.key("type").string("url").key("url").string(url);
    }
    writer.end_object();
}

void write_block_fields(const ContentPart& part, JsonWriter& writer) {
    switch (part.kind) {
        case Kind::Text:
            writer.key("type").string("text").key("text").string(part.text);
            return;
        case Kind::Image:
            writer.key("type").string("image");
            write_image_source(part, writer);
            return;
        case Kind::ToolCall:
            writer.key("type").string("tool_use").key("id").string(part.tool_call_id);
            writer.key("name")
                .string(part.tool_name)
                .key("input")
                .raw(messages_tool_input(part.arguments));
            return;
        case Kind::ToolResult:
            writer.key("type").string("tool_result").key("tool_use_id").string(part.tool_call_id);
            writer.key("content").string(part.text);
            if (part.is_error) writer.key("is_error").boolean(true);
            return;
        case Kind::Thinking:
            writer.key("type").string("thinking").key("thinking").string(part.text);
            writer.key("signature").string(part.signature);
            return;
    }
}

void write_block(const ContentPart& part, JsonWriter& writer) {
    writer.begin_object();
    write_block_fields(part, writer);
    if (!part.cache_control.empty()) writer.key("cache_control").raw(part.cache_control);
    writer.end_object();
}

// A lone unmarked text as a plain string, anything else as blocks.
void write_turn(const AlternatingTurn& turn, JsonWriter& writer) {
    writer.begin_object().key("role").string(turn.assistant ? "assistant" : "user");
    writer.key("content");
    const ContentPart& first = *turn.blocks.front();
    if (turn.blocks.size() == 1 && first.kind == Kind::Text && first.cache_control.empty()) {
        writer.string(first.text);
    } else {
        writer.begin_array();
        for (const ContentPart* block : turn.blocks) write_block(*block, writer);
        writer.end_array();
    }
    writer.end_object();
}

// A plain string unless a part carries a cache marker, which only text blocks can hold.
void write_system(const Request& request, JsonWriter& writer) {
    if (request.system.empty()) return;
    writer.key("system");
    const bool marked = std::any_of(request.system.begin(), request.system.end(),
                                    [](const ContentPart& p) { return !p.cache_control.empty(); });
    if (!marked) {
        writer.string(joined_text(request.system));
        return;
    }
    writer.begin_array();
    for (const ContentPart& part : request.system) write_block(part, writer);
    writer.end_array();
}

void write_tool(const ToolDefinition& tool, JsonWriter& writer) {
    writer.begin_object().key("name").string(tool.name);
    if (!tool.description.empty()) writer.key("description").string(tool.description);
    // Anthropic requires a schema; a tool without parameters takes an empty object.
    writer.key("input_schema")
        .raw(tool.parameters.empty() ? R"({"type":"object","properties":{}})" : tool.parameters);
    if (!tool.cache_control.empty()) writer.key("cache_control").raw(tool.cache_control);
    writer.end_object();
}

std::string_view choice_type(ToolChoice::Kind kind) {
    switch (kind) {
        case ToolChoice::Kind::None:
            return "none";
        case ToolChoice::Kind::Required:
            return "any";
        case ToolChoice::Kind::Named:
            return "tool";
        case ToolChoice::Kind::Auto:
            break;
    }
    return "auto";
}

// Anthropic says "no parallel calls" on the tool choice; "none" has no such flag.
void write_tool_choice(const Request& request, JsonWriter& writer) {
    const bool serial = request.parallel_tool_calls == false;
    if (!request.tool_choice && !serial) return;
    const ToolChoice choice = request.tool_choice.value_or(ToolChoice{});
    writer.key("tool_choice").begin_object().key("type").string(choice_type(choice.kind));
    if (choice.kind == ToolChoice::Kind::Named) writer.key("name").string(choice.name);
    if (serial && choice.kind != ToolChoice::Kind::None) {
        writer.key("disable_parallel_tool_use").boolean(true);
    }
    writer.end_object();
}

// Anthropic rejects tool_choice without tools.
void write_tools(const Request& request, JsonWriter& writer) {
    if (request.tools.empty()) return;
    writer.key("tools").begin_array();
    for (const ToolDefinition& tool : request.tools) write_tool(tool, writer);
    writer.end_array();
    write_tool_choice(request, writer);
}

void write_messages(const Request& request, JsonWriter& writer) {
    writer.key("messages").begin_array();
    for (const AlternatingTurn& turn : alternating_turns(request)) write_turn(turn, writer);
    writer.end_array();
}

void write_sampling(const Request& request, JsonWriter& writer) {
    if (request.temperature) writer.key("temperature").raw(*request.temperature);
    if (request.top_p) writer.key("top_p").raw(*request.top_p);
    if (request.top_k) writer.key("top_k").raw(*request.top_k);
    if (!request.stop.empty()) {
        writer.key("stop_sequences").begin_array();
        for (const std::string& stop : request.stop) writer.string(stop);
        writer.end_array();
    }
}

void write_extras(const Request& request, JsonWriter& writer) {
    if (request.stream) writer.key("stream").boolean(true);
    if (request.user) {
        writer.key("metadata").begin_object().key("user_id").string(*request.user).end_object();
    }
    if (request.thinking_budget) {
        writer.key("thinking").begin_object().key("type").string("enabled");
        writer.key("budget_tokens").number(*request.thinking_budget).end_object();
    }
}

}  // namespace

std::string messages_tool_input(std::string_view arguments) {
    json::detail::ParseInput<simdjson::dom::parser> input(arguments);
    simdjson::dom::element value;
    if (input.parser().parse(input.view()).get(value) != simdjson::SUCCESS || !value.is_object()) {
        return "{}";
    }
    return simdjson::minify(value);
}

std::string encode_messages_request(const Request& request, const RequestOptions& options) {
    std::string out;
    JsonWriter writer(out);
    writer.begin_object().key("model").string(options.model_id);
    writer.key("max_tokens").number(request.max_tokens.value_or(options.default_max_tokens));
    write_system(request, writer);
    write_messages(request, writer);
    write_tools(request, writer);
    write_sampling(request, writer);
    write_extras(request, writer);
    writer.end_object();
    return out;
}

}  // namespace gw::translate::detail
