// Completion -> Anthropic message (non-streaming).

#include "gw/translate/request_codecs.hpp"
#include "gw/translate/response_codecs.hpp"

#include <algorithm>

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;
using json::JsonWriter;

void write_block(JsonWriter& w, const ContentPart& part) {
    switch (part.kind) {
        case Kind::Text:
            w.begin_object().key("type").string("text").key("text").string(part.text).end_object();
            return;
        case Kind::Thinking:
            w.begin_object().key("type").string("thinking").key("thinking").string(part.text);
            w.key("signature").string(part.signature).end_object();
            return;
        case Kind::ToolCall:
            w.begin_object().key("type").string("tool_use").key("id").string(part.tool_call_id);
            w.key("name")
                .string(part.tool_name)
                .key("input")
                .raw(messages_tool_input(part.arguments));
            w.end_object();
            return;
        case Kind::Image:
        case Kind::ToolResult:
            return;  // never part of an answer
    }
}

// Anthropic's input_tokens: the prompt tokens that were neither read from nor written to the
// cache. Never negative, even for inconsistent upstream numbers.
int64_t messages_input_tokens(const llm::Usage& usage) {
    const int64_t uncached = usage.input_tokens.value_or(0) -
                             usage.cached_input_tokens.value_or(0) -
                             usage.cache_creation_input_tokens.value_or(0);
    return std::max<int64_t>(uncached, 0);
}

}  // namespace

std::string_view messages_stop_reason_name(FinishReason reason) {
    switch (reason) {
        case FinishReason::Stop:
            return "end_turn";
        case FinishReason::Length:
            return "max_tokens";
        case FinishReason::ToolCalls:
            return "tool_use";
        case FinishReason::ContentFilter:
            return "refusal";
    }
    return "end_turn";
}

void write_messages_usage(JsonWriter& w, const llm::Usage& usage) {
    w.key("input_tokens").number(messages_input_tokens(usage));
    w.key("output_tokens").number(usage.output_tokens.value_or(0));
    write_count_if_known(w, "cache_read_input_tokens", usage.cached_input_tokens);
    write_count_if_known(w, "cache_creation_input_tokens", usage.cache_creation_input_tokens);
}

std::string encode_messages_response(const Completion& completion) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("id").string(completion.id).key("type").string("message");
    w.key("role").string("assistant").key("model").string(completion.model);
    w.key("content").begin_array();
    for (const ContentPart& part : completion.content) write_block(w, part);
    w.end_array().key("stop_reason");
    if (completion.finish_reason) {
        w.string(messages_stop_reason_name(*completion.finish_reason));
    } else {
        w.null();
    }
    w.key("stop_sequence").null();
    // Always present: Anthropic's SDKs require usage with both counts.
    w.key("usage").begin_object();
    write_messages_usage(w, completion.usage);
    w.end_object().end_object();
    return out;
}

}  // namespace gw::translate::detail
