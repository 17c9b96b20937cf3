// Request -> OpenAI Chat Completions request. Chat has no place for thinking blocks, cache
// markers, top_k, a tool result's error flag or a thinking budget; they are left out.

#include "gw/json/writer.hpp"
#include "gw/translate/request_codecs.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gw::translate::detail {
namespace {

using json::JsonWriter;
using Kind = ContentPart::Kind;

bool is_content(const ContentPart& part) {
    return part.kind == Kind::Text || part.kind == Kind::Image;
}

void write_image(const ContentPart& part, JsonWriter& writer) {
    writer.begin_object().key("type").string("image_url");
    writer.key("image_url").begin_object().key("url");
    if (part.image_url.empty()) {
        writer.string(fmt::format("data:{};base64,{}", part.media_type, part.data));
    } else {
        writer.string(part.image_url);
    }
    writer.end_object().end_object();
}

void write_part(const ContentPart& part, JsonWriter& writer) {
    if (part.kind == Kind::Image) {
        write_image(part, writer);
        return;
    }
    writer.begin_object().key("type").string("text").key("text").string(part.text).end_object();
}

// A lone text as a plain string (what every OpenAI-compatible server accepts), several parts or
// any image as an array; no content at all is null beside tool calls, else "".
void write_content(const Message& message, bool has_tool_calls, JsonWriter& writer) {
    const auto count = std::count_if(message.parts.begin(), message.parts.end(), is_content);
    writer.key("content");
    if (count == 0) {
        if (has_tool_calls) {
            writer.null();
        } else {
            writer.string("");
        }
        return;
    }
    auto first = std::find_if(message.parts.begin(), message.parts.end(), is_content);
    if (count == 1 && first->kind == Kind::Text) {
        writer.string(first->text);
        return;
    }
    writer.begin_array();
    for (const ContentPart& part : message.parts) {
        if (is_content(part)) write_part(part, writer);
    }
    writer.end_array();
}

void write_tool_call(const ContentPart& call, JsonWriter& writer) {
    writer.begin_object().key("id").string(call.tool_call_id).key("type").string("function");
    writer.key("function").begin_object().key("name").string(call.tool_name);
    writer.key("arguments").string(call.arguments.empty() ? "{}" : call.arguments);
    writer.end_object().end_object();
}

void write_conversation_message(const Message& message, JsonWriter& writer) {
    const bool assistant = message.role == Role::Assistant;
    const bool has_tool_calls =
        assistant && std::any_of(message.parts.begin(), message.parts.end(),
                                 [](const ContentPart& p) { return p.kind == Kind::ToolCall; });
    writer.begin_object().key("role").string(assistant ? "assistant" : "user");
    write_content(message, has_tool_calls, writer);
    if (has_tool_calls) {
        writer.key("tool_calls").begin_array();
        for (const ContentPart& part : message.parts) {
            if (part.kind == Kind::ToolCall) write_tool_call(part, writer);
        }
        writer.end_array();
    }
    writer.end_object();
}

// Chat has one message per tool result.
void write_tool_results(const Message& message, JsonWriter& writer) {
    for (const ContentPart& part : message.parts) {
        if (part.kind != Kind::ToolResult) continue;
        writer.begin_object().key("role").string("tool");
        writer.key("tool_call_id").string(part.tool_call_id).key("content").string(part.text);
        writer.end_object();
    }
}

void write_messages(const Request& request, JsonWriter& writer) {
    writer.key("messages").begin_array();
    if (!request.system.empty()) {
        writer.begin_object().key("role").string("system");
        writer.key("content").string(joined_text(request.system)).end_object();
    }
    for (const Message& message : request.messages) {
        if (message.role == Role::Tool) {
            write_tool_results(message, writer);
        } else {
            write_conversation_message(message, writer);
        }
    }
    writer.end_array();
}

void write_tool(const ToolDefinition& tool, JsonWriter& writer) {
    writer.begin_object().key("type").string("function").key("function").begin_object();
    writer.key("name").string(tool.name);
    if (!tool.description.empty()) writer.key("description").string(tool.description);
    if (!tool.parameters.empty()) writer.key("parameters").raw(tool.parameters);
    writer.end_object().end_object();
}

void write_tool_choice(const ToolChoice& choice, JsonWriter& writer) {
    writer.key("tool_choice");
    switch (choice.kind) {
        case ToolChoice::Kind::Auto:
            writer.string("auto");
            return;
        case ToolChoice::Kind::None:
            writer.string("none");
            return;
        case ToolChoice::Kind::Required:
            writer.string("required");
            return;
        case ToolChoice::Kind::Named:
            writer.begin_object().key("type").string("function").key("function").begin_object();
            writer.key("name").string(choice.name).end_object().end_object();
            return;
    }
}

// OpenAI rejects tool_choice and parallel_tool_calls without tools.
void write_tools(const Request& request, JsonWriter& writer) {
    if (request.tools.empty()) return;
    writer.key("tools").begin_array();
    for (const ToolDefinition& tool : request.tools) write_tool(tool, writer);
    writer.end_array();
    if (request.tool_choice) write_tool_choice(*request.tool_choice, writer);
    if (request.parallel_tool_calls) {
        writer.key("parallel_tool_calls").boolean(*request.parallel_tool_calls);
    }
}

void write_sampling(const Request& request, JsonWriter& writer) {
    if (request.max_tokens) writer.key("max_tokens").number(*request.max_tokens);
    if (request.temperature) writer.key("temperature").raw(*request.temperature);
    if (request.top_p) writer.key("top_p").raw(*request.top_p);
    if (!request.stop.empty()) {
        writer.key("stop").begin_array();
        for (const std::string& stop : request.stop) writer.string(stop);
        writer.end_array();
    }
}

// Streams always ask for usage: the client's API reports it even when the client did not ask.
void write_stream(const Request& request, JsonWriter& writer) {
    if (!request.stream) return;
    writer.key("stream").boolean(true);
    writer.key("stream_options").begin_object().key("include_usage").boolean(true).end_object();
}

void write_extras(const Request& request, JsonWriter& writer) {
    if (request.user) writer.key("user").string(*request.user);
    if (request.reasoning_effort) writer.key("reasoning_effort").string(*request.reasoning_effort);
    if (request.response_format) writer.key("response_format").raw(*request.response_format);
}

}  // namespace

std::string encode_chat_request(const Request& request, const RequestOptions& options) {
    std::string out;
    JsonWriter writer(out);
    writer.begin_object().key("model").string(options.model_id);
    write_messages(request, writer);
    write_tools(request, writer);
    write_sampling(request, writer);
    write_stream(request, writer);
    write_extras(request, writer);
    writer.end_object();
    return out;
}

}  // namespace gw::translate::detail
