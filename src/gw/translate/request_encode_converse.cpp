// Request -> Amazon Bedrock Converse request. The model id and streaming are not in the body:
// they choose the path (/model/{id}/converse or /converse-stream). Converse has no place for
// user, reasoning_effort, response_format, parallel_tool_calls or previous_response_id; they are
// left out, and so is maxTokens when the client gave none (Converse takes the model's default).
//
// What Converse cannot take as the client sent it, and what the encoder does instead (encoders
// cannot fail, and what is sent must stay a request Bedrock accepts):
// * Image URLs (http(s), not data:): image sources are bytes or S3 only, and fetching is I/O this
//   module does not do. The image becomes a text block naming it, so the model is told an image
//   was there rather than the turn silently changing; likewise a base64 image of a format other
//   than png, jpeg, gif or webp.
// * tool_choice "none": Converse has no such choice, so the tools are withheld, which is how
//   "none" is said there. When the history holds tool calls or results, Converse refuses the
//   request without a toolConfig; the tools are then sent without a choice (auto), because
//   rewriting the history as text would lose the conversation's structure.
// * Tool calls or results in the history but no tools declared: each tool the history names is
//   declared with an empty schema, for the same reason.

#include "gw/json/writer.hpp"
#include "gw/translate/request_codecs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace gw::translate::detail {
namespace {

using json::JsonWriter;
using Kind = ContentPart::Kind;

constexpr std::string_view kEmptySchema = R"({"type":"object","properties":{}})";

// Converse's image format for a media type; empty when it takes no such images.
std::string_view image_format(std::string_view media_type) {
    if (media_type == "image/png") return "png";
    if (media_type == "image/jpeg" || media_type == "image/jpg") return "jpeg";
    if (media_type == "image/gif") return "gif";
    if (media_type == "image/webp") return "webp";
    return {};
}

struct ImageBytes {
    std::string_view media_type;
    std::string_view data;  // base64
};

// The base64 bytes of an image part: its own, or those of a base64 data: URL. Nullopt for any
// other URL.
std::optional<ImageBytes> image_bytes(const ContentPart& part) {
    std::string_view url = part.image_url;
    if (url.empty()) return ImageBytes{part.media_type, part.data};
    constexpr std::string_view kDataPrefix = "data:";
    constexpr std::string_view kBase64Marker = ";base64,";
    if (!url.starts_with(kDataPrefix)) return std::nullopt;
    const auto marker = url.find(kBase64Marker);
    if (marker == std::string_view::npos) return std::nullopt;
    return ImageBytes{url.substr(kDataPrefix.size(), marker - kDataPrefix.size()),
                      url.substr(marker + kBase64Marker.size())};
}

// What names an image Converse cannot take: its URL, or the media type of inline data (whose
// bytes would only bloat the text).
std::string_view image_name(const ContentPart& part, const std::optional<ImageBytes>& bytes) {
    if (bytes) return bytes->media_type;
    const std::string_view url = part.image_url;
    if (!url.starts_with("data:")) return url;
    return url.substr(0, url.find_first_of(";,")).substr(5);
}

void write_image(const ContentPart& part, JsonWriter& writer) {
    const auto bytes = image_bytes(part);
    const std::string_view format = bytes ? image_format(bytes->media_type) : std::string_view{};
    if (format.empty()) {
        writer.key("text").string(fmt::format("[image: {}]", image_name(part, bytes)));
        return;
    }
    writer.key("image").begin_object().key("format").string(format);
    writer.key("source").begin_object().key("bytes").string(bytes->data).end_object();
    writer.end_object();
}

void write_tool_result(const ContentPart& part, JsonWriter& writer) {
    writer.key("toolResult").begin_object().key("toolUseId").string(part.tool_call_id);
    // An empty text block is refused, an empty result is not.
    writer.key("content").begin_array();
    if (!part.text.empty()) writer.begin_object().key("text").string(part.text).end_object();
    writer.end_array();
    // Only Claude and Nova take `status`; success is what its absence means.
    if (part.is_error) writer.key("status").string("error");
    writer.end_object();
}

void write_block_fields(const ContentPart& part, JsonWriter& writer) {
    switch (part.kind) {
        case Kind::Text:
            writer.key("text").string(part.text);
            return;
        case Kind::Image:
            write_image(part, writer);
            return;
        case Kind::ToolCall:
            writer.key("toolUse").begin_object().key("toolUseId").string(part.tool_call_id);
            writer.key("name").string(part.tool_name);
            writer.key("input").raw(messages_tool_input(part.arguments)).end_object();
            return;
        case Kind::ToolResult:
            write_tool_result(part, writer);
            return;
        case Kind::Thinking:
            writer.key("reasoningContent").begin_object().key("reasoningText").begin_object();
            writer.key("text").string(part.text).key("signature").string(part.signature);
            writer.end_object().end_object();
            return;
    }
}

// Anthropic marks the block that ends a cached prefix; Converse puts a cachePoint after it.
void write_cache_point(std::string_view cache_control, JsonWriter& writer) {
    if (cache_control.empty()) return;
    writer.begin_object().key("cachePoint").begin_object().key("type").string("default");
    writer.end_object().end_object();
}

void write_block(const ContentPart& part, JsonWriter& writer) {
    writer.begin_object();
    write_block_fields(part, writer);
    writer.end_object();
    write_cache_point(part.cache_control, writer);
}

void write_messages(const Request& request, JsonWriter& writer) {
    writer.key("messages").begin_array();
    for (const AlternatingTurn& turn : alternating_turns(request)) {
        writer.begin_object().key("role").string(turn.assistant ? "assistant" : "user");
        writer.key("content").begin_array();
        for (const ContentPart* block : turn.blocks) write_block(*block, writer);
        writer.end_array().end_object();
    }
    writer.end_array();
}

void write_system(const Request& request, JsonWriter& writer) {
    const bool any_text = std::any_of(request.system.begin(), request.system.end(),
                                      [](const ContentPart& p) { return !p.text.empty(); });
    if (!any_text) return;
    writer.key("system").begin_array();
    for (const ContentPart& part : request.system) {
        if (part.text.empty()) continue;
        writer.begin_object().key("text").string(part.text).end_object();
        write_cache_point(part.cache_control, writer);
    }
    writer.end_array();
}

void write_inference_config(const Request& request, JsonWriter& writer) {
    if (!request.max_tokens && !request.temperature && !request.top_p && request.stop.empty()) {
        return;
    }
    writer.key("inferenceConfig").begin_object();
    if (request.max_tokens) writer.key("maxTokens").number(*request.max_tokens);
    if (request.temperature) writer.key("temperature").raw(*request.temperature);
    if (request.top_p) writer.key("topP").raw(*request.top_p);
    if (!request.stop.empty()) {
        writer.key("stopSequences").begin_array();
        for (const std::string& stop : request.stop) writer.string(stop);
        writer.end_array();
    }
    writer.end_object();
}

void write_tool_spec(std::string_view name, std::string_view description, std::string_view schema,
                     JsonWriter& writer) {
    writer.begin_object().key("toolSpec").begin_object().key("name").string(name);
    if (!description.empty()) writer.key("description").string(description);
    // Converse requires a schema; a tool without parameters takes an empty object.
    writer.key("inputSchema")
        .begin_object()
        .key("json")
        .raw(schema.empty() ? kEmptySchema : schema);
    writer.end_object().end_object().end_object();
}

bool is_tool_block(const ContentPart& part) {
    return part.kind == Kind::ToolCall || part.kind == Kind::ToolResult;
}

bool history_uses_tools(const Request& request) {
    return std::any_of(request.messages.begin(), request.messages.end(), [](const Message& m) {
        return std::any_of(m.parts.begin(), m.parts.end(), is_tool_block);
    });
}

// The tools the history's calls name, each once, in order of first use.
std::vector<std::string_view> called_tools(const Request& request) {
    std::vector<std::string_view> names;
    for (const Message& message : request.messages) {
        for (const ContentPart& part : message.parts) {
            if (part.kind != Kind::ToolCall) continue;
            if (std::find(names.begin(), names.end(), part.tool_name) == names.end()) {
                names.push_back(part.tool_name);
            }
        }
    }
    return names;
}

void write_tool_choice(const ToolChoice& choice, JsonWriter& writer) {
    writer.key("toolChoice").begin_object();
    switch (choice.kind) {
        case ToolChoice::Kind::Auto:
        case ToolChoice::Kind::None:  // not reached: "none" sends no choice
            writer.key("auto").begin_object().end_object();
            break;
        case ToolChoice::Kind::Required:
            writer.key("any").begin_object().end_object();
            break;
        case ToolChoice::Kind::Named:
            writer.key("tool").begin_object().key("name").string(choice.name).end_object();
            break;
    }
    writer.end_object();
}

void write_tool_config(const Request& request, JsonWriter& writer) {
    const bool none = request.tool_choice && request.tool_choice->kind == ToolChoice::Kind::None;
    const bool required_by_history = history_uses_tools(request);
    if (!required_by_history && (request.tools.empty() || none)) return;
    writer.key("toolConfig").begin_object().key("tools").begin_array();
    for (const ToolDefinition& tool : request.tools) {
        write_tool_spec(tool.name, tool.description, tool.parameters, writer);
        write_cache_point(tool.cache_control, writer);
    }
    if (request.tools.empty()) {
        for (std::string_view name : called_tools(request)) write_tool_spec(name, {}, {}, writer);
    }
    writer.end_array();
    if (request.tool_choice && !none && !request.tools.empty()) {
        write_tool_choice(*request.tool_choice, writer);
    }
    writer.end_object();
}

// Anthropic's own request fields, which Bedrock hands to Claude as they are.
void write_additional_fields(const Request& request, JsonWriter& writer) {
    if (!request.top_k && !request.thinking_budget) return;
    writer.key("additionalModelRequestFields").begin_object();
    if (request.top_k) writer.key("top_k").raw(*request.top_k);
    if (request.thinking_budget) {
        writer.key("thinking").begin_object().key("type").string("enabled");
        writer.key("budget_tokens").number(*request.thinking_budget).end_object();
    }
    writer.end_object();
}

}  // namespace

std::string encode_converse_request(const Request& request, const RequestOptions& /*options*/) {
    std::string out;
    JsonWriter writer(out);
    writer.begin_object();
    write_messages(request, writer);
    write_system(request, writer);
    write_inference_config(request, writer);
    write_tool_config(request, writer);
    write_additional_fields(request, writer);
    writer.end_object();
    return out;
}

}  // namespace gw::translate::detail
