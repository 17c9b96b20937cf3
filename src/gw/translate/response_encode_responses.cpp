// Completion -> OpenAI Responses object (non-streaming).
//
// Output items come in the order OpenAI's own reasoning models produce them: reasoning, the
// message, then function calls. Item ids are derived from the upstream id, so the same answer
// always gets the same ids.

#include "gw/translate/response_codecs.hpp"

#include <fmt/format.h>

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;
using json::JsonWriter;

// Why the answer stopped early, as Responses' incomplete_details.reason; empty when it did not.
std::string_view incomplete_reason(const Completion& completion) {
    if (completion.finish_reason == FinishReason::Length) return "max_output_tokens";
    if (completion.finish_reason == FinishReason::ContentFilter) return "content_filter";
    return {};
}

void write_reasoning_item(JsonWriter& w, const Completion& completion) {
    w.begin_object().key("type").string("reasoning").key("id").string("rs_" + completion.id);
    w.key("summary").begin_array();
    for (const ContentPart& part : completion.content) {
        if (part.kind != Kind::Thinking) continue;
        w.begin_object().key("type").string("summary_text").key("text").string(part.text);
        w.end_object();
    }
    w.end_array().end_object();
}

void write_output_text(JsonWriter& w, std::string_view text) {
    w.begin_object().key("type").string("output_text").key("text").string(text);
    w.key("annotations").begin_array().end_array().end_object();
}

// An answer with neither text nor calls still gets a message with one empty text, as OpenAI
// sends it, so `output[0].content[0]` works in client code.
void write_message_item(JsonWriter& w, const Completion& completion, std::string_view status) {
    w.begin_object().key("type").string("message").key("id").string("msg_" + completion.id);
    w.key("status").string(status).key("role").string("assistant");
    w.key("content").begin_array();
    for (const ContentPart& part : completion.content) {
        if (part.kind == Kind::Text) write_output_text(w, part.text);
    }
    if (!has_part(completion.content, Kind::Text)) write_output_text(w, "");
    w.end_array().end_object();
}

void write_function_call_item(JsonWriter& w, const ContentPart& call, std::string_view item_id) {
    w.begin_object().key("type").string("function_call").key("id").string(item_id);
    w.key("call_id").string(call.tool_call_id).key("name").string(call.tool_name);
    w.key("arguments").string(call.arguments).key("status").string("completed");
    w.end_object();
}

void write_output(JsonWriter& w, const Completion& completion, std::string_view status) {
    w.key("output").begin_array();
    if (has_part(completion.content, Kind::Thinking)) write_reasoning_item(w, completion);
    const bool has_calls = has_part(completion.content, Kind::ToolCall);
    if (has_part(completion.content, Kind::Text) || !has_calls) {
        write_message_item(w, completion, status);
    }
    int call_index = 0;
    for (const ContentPart& part : completion.content) {
        if (part.kind != Kind::ToolCall) continue;
        write_function_call_item(w, part, fmt::format("fc_{}_{}", completion.id, call_index++));
    }
    w.end_array();
}

void write_status(JsonWriter& w, std::string_view status, std::string_view incomplete) {
    w.key("status").string(status).key("incomplete_details");
    if (incomplete.empty()) {
        w.null();
    } else {
        w.begin_object().key("reason").string(incomplete).end_object();
    }
}

std::string response_id(std::string_view upstream_id) {
    if (upstream_id.starts_with("resp_")) return std::string(upstream_id);
    return "resp_" + std::string(upstream_id);
}

}  // namespace

void write_responses_usage(JsonWriter& w, const llm::Usage& usage) {
    // The SDKs' types require both detail objects, so unknown counts are written as 0.
    w.key("input_tokens").number(usage.input_tokens.value_or(0));
    w.key("input_tokens_details").begin_object();
    w.key("cached_tokens").number(usage.cached_input_tokens.value_or(0)).end_object();
    w.key("output_tokens").number(usage.output_tokens.value_or(0));
    w.key("output_tokens_details").begin_object();
    w.key("reasoning_tokens").number(usage.reasoning_tokens.value_or(0)).end_object();
    w.key("total_tokens").number(total_tokens(usage));
}

std::string encode_responses_response(const Completion& completion) {
    const std::string_view incomplete = incomplete_reason(completion);
    const std::string_view status = incomplete.empty() ? "completed" : "incomplete";
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("id").string(response_id(completion.id));
    w.key("object").string("response").key("created_at").number(completion.created);
    write_status(w, status, incomplete);
    w.key("model").string(completion.model);
    write_output(w, completion, status);
    write_usage_if_counted(w, completion.usage, write_responses_usage);
    w.end_object();
    return out;
}

}  // namespace gw::translate::detail
