#pragma once
// Hand-written upstream stream transcripts and helpers to translate them. Our writer is
// deterministic, so expectations are exact strings; only the creation time the gateway stamps
// for Anthropic upstreams (which give none) is replaced before comparing.

#include "gw/translate/translate.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <string_view>

namespace gw::translate::testing {

using llm::ApiFormat;

// One upstream SSE event per line pair, as providers frame them.
inline std::string sse(std::initializer_list<std::string_view> data_lines) {
    std::string out;
    for (std::string_view line : data_lines) {
        out.append(line);
        out.append("\n\n");
    }
    return out;
}

// ---- Chat upstreams --------------------------------------------------------------------------

// Text (with multi-byte UTF-8) and the include_usage chunk, as OpenAI streams it.
inline const std::string kChatText = sse({
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Héllo"},"logprobs":null,"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":" wörld 😀"},"logprobs":null,"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})",
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}}})",
    R"(data: [DONE])",
});

// Two parallel tool calls whose arguments arrive in fragments.
inline const std::string kChatToolCalls = sse({
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})",
    R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":80,"completion_tokens":30,"total_tokens":110}})",
    R"(data: [DONE])",
});

// Reasoning (DeepSeek style), some text, then an error payload instead of the rest.
inline const std::string kChatError = sse({
    R"(data: {"id":"chatcmpl-3","object":"chat.completion.chunk","created":1700000002,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"reasoning_content":"Think"},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-3","object":"chat.completion.chunk","created":1700000002,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})",
    R"(data: {"error":{"message":"Rate limit reached","type":"rate_limit_error","code":null}})",
});

// Text, then the body ends: no finish_reason, no usage, no [DONE].
inline const std::string kChatUnterminated = sse({
    R"(data: {"id":"chatcmpl-4","object":"chat.completion.chunk","created":1700000003,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]})",
    R"(data: {"id":"chatcmpl-4","object":"chat.completion.chunk","created":1700000003,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]})",
});

// ---- Messages upstreams ----------------------------------------------------------------------

// Thinking (with a signature), text, a tool_use with input_json_delta, cache usage in
// message_start and output in message_delta, and a ping, as Anthropic streams them.
inline const std::string kMessagesFull = sse({
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,"output_tokens":1}}})",
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})",
    "event: ping\n"
    R"(data: {"type": "ping"})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me check."}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}})",
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":0})",
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Looking \"it\" up…"}})",
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":1})",
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Par"}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"is\"}"}})",
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":2})",
    "event: message_delta\n"
    R"(data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}})",
    "event: message_stop\n"
    R"(data: {"type":"message_stop"})",
});

// Text, then Anthropic's mid-stream error event.
inline const std::string kMessagesError = sse({
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":7,"output_tokens":1}}})",
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})",
    "event: error\n"
    R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
});

// Text, then the body ends without content_block_stop, message_delta or message_stop.
inline const std::string kMessagesUnterminated = sse({
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":7,"output_tokens":1}}})",
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})",
});

// ---- translation -----------------------------------------------------------------------------

// The client bytes for `upstream` fed whole, then finish().
inline std::string translate_whole(ApiFormat from, ApiFormat to, std::string_view upstream) {
    StreamTranslator translator(from, to);
    std::string out;
    translator.feed(upstream, out);
    translator.finish(out);
    return out;
}

// The creation time the gateway stamps when the upstream gives none, as "NOW".
inline std::string without_stamped_time(const std::string& client_bytes) {
    static const std::regex kStamp(R"re("(created|created_at)":[0-9]+)re");
    return std::regex_replace(client_bytes, kStamp, R"("$1":NOW)");
}

}  // namespace gw::translate::testing
