// Completion -> OpenAI Chat Completion (non-streaming).

#include "gw/translate/response_codecs.hpp"

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;
using json::JsonWriter;

// The parts of `kind` concatenated: Chat holds one text and one reasoning string per message.
std::string concatenated(const std::vector<ContentPart>& parts, Kind kind) {
    std::string text;
    for (const ContentPart& part : parts) {
        if (part.kind == kind) text += part.text;
    }
    return text;
}

void write_tool_calls(JsonWriter& w, const std::vector<ContentPart>& parts) {
    w.key("tool_calls").begin_array();
    for (const ContentPart& part : parts) {
        if (part.kind != Kind::ToolCall) continue;
        w.begin_object().key("id").string(part.tool_call_id).key("type").string("function");
        w.key("function").begin_object();
        w.key("name").string(part.tool_name).key("arguments").string(part.arguments);
        w.end_object().end_object();
    }
    w.end_array();
}

// OpenAI's own shape: content is null beside tool calls, and a (maybe empty) string otherwise.
void write_message(JsonWriter& w, const std::vector<ContentPart>& parts) {
    const bool has_tool_calls = has_part(parts, Kind::ToolCall);
    w.begin_object().key("role").string("assistant").key("content");
    if (has_part(parts, Kind::Text) || !has_tool_calls) {
        w.string(concatenated(parts, Kind::Text));
    } else {
        w.null();
    }
    // The field DeepSeek, vLLM and others use for reasoning.
    if (has_part(parts, Kind::Thinking)) {
        w.key("reasoning_content").string(concatenated(parts, Kind::Thinking));
    }
    if (has_tool_calls) write_tool_calls(w, parts);
    w.end_object();
}

void write_choice(JsonWriter& w, const Completion& completion) {
    w.begin_object().key("index").number(0).key("message");
    write_message(w, completion.content);
    w.key("finish_reason");
    if (completion.finish_reason) {
        w.string(chat_finish_reason_name(*completion.finish_reason));
    } else {
        w.null();
    }
    w.end_object();
}

}  // namespace

std::string_view chat_finish_reason_name(FinishReason reason) {
    switch (reason) {
        case FinishReason::Stop:
            return "stop";
        case FinishReason::Length:
            return "length";
        case FinishReason::ToolCalls:
            return "tool_calls";
        case FinishReason::ContentFilter:
            return "content_filter";
    }
    return "stop";
}

void write_chat_usage(JsonWriter& w, const llm::Usage& usage) {
    w.key("prompt_tokens").number(usage.input_tokens.value_or(0));
    w.key("completion_tokens").number(usage.output_tokens.value_or(0));
    w.key("total_tokens").number(total_tokens(usage));
    if (usage.cached_input_tokens) {
        w.key("prompt_tokens_details").begin_object();
        w.key("cached_tokens").number(*usage.cached_input_tokens).end_object();
    }
    if (usage.reasoning_tokens) {
        w.key("completion_tokens_details").begin_object();
        w.key("reasoning_tokens").number(*usage.reasoning_tokens).end_object();
    }
    // Chat has no field for cache writes; this is the one LiteLLM and OpenRouter add, so the
    // count reaches the client (and our own usage reader) instead of vanishing.
    write_count_if_known(w, "cache_creation_input_tokens", usage.cache_creation_input_tokens);
}

std::string encode_chat_response(const Completion& completion) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("id").string(completion.id).key("object").string("chat.completion");
    w.key("created").number(completion.created).key("model").string(completion.model);
    w.key("choices").begin_array();
    write_choice(w, completion);
    w.end_array();
    write_usage_if_counted(w, completion.usage, write_chat_usage);
    w.end_object();
    return out;
}

}  // namespace gw::translate::detail
