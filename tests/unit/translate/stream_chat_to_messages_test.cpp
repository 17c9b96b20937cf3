// A Chat upstream streamed to a Messages client: content blocks synthesised, usage deferred to
// message_delta (it arrives after finish_reason) and converted to Anthropic's token convention.

#include <gtest/gtest.h>

#include "stream_cases.hpp"

namespace gw::translate::testing {
namespace {

TEST(StreamChatToMessages, TextWithIncludeUsage) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChatText),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"chatcmpl-1","type":"message","role":"assistant","model":"gpt-4o","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo"}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" wörld 😀"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})",
            "event: message_delta\n"
            R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":8,"output_tokens":5,"cache_read_input_tokens":4}})",
            "event: message_stop\n"
            R"(data: {"type":"message_stop"})",
        }));
}

TEST(StreamChatToMessages, ParallelToolCallsBecomeToolUseBlocks) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChatToolCalls),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"chatcmpl-2","type":"message","role":"assistant","model":"gpt-4o","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"call_a","name":"get_weather","input":{}}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"call_b","name":"get_time","input":{}}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"tz\":\"CET\"}"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":1})",
            "event: message_delta\n"
            R"(data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":80,"output_tokens":30}})",
            "event: message_stop\n"
            R"(data: {"type":"message_stop"})",
        }));
}

TEST(StreamChatToMessages, ReasoningThenAnErrorPayload) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChatError),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"chatcmpl-3","type":"message","role":"assistant","model":"deepseek-reasoner","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Think"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}})",
            "event: error\n"
            R"(data: {"type":"error","error":{"type":"rate_limit_error","message":"Rate limit reached"}})",
        }));
}

TEST(StreamChatToMessages, UnterminatedStreamStillCloses) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChatUnterminated),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"chatcmpl-4","type":"message","role":"assistant","model":"gpt-4o","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})",
            "event: message_delta\n"
            R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":0}})",
            "event: message_stop\n"
            R"(data: {"type":"message_stop"})",
        }));
}

}  // namespace
}  // namespace gw::translate::testing
