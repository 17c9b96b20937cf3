// A Messages upstream streamed to a Chat client: chunks with the upstream's id and model, stop
// reasons mapped back, usage (cache tokens folded into prompt_tokens) in a final chunk.

#include <gtest/gtest.h>

#include "stream_cases.hpp"

namespace gw::translate::testing {
namespace {

TEST(StreamMessagesToChat, ThinkingTextAndToolUseWithCacheUsage) {
    EXPECT_EQ(
        without_stamped_time(
            translate_whole(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, kMessagesFull)),
        sse({
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"reasoning_content":"Let me check."},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":"Looking \"it\" up…"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": \"Par"}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"is\"}"}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]})",
            R"(data: {"id":"msg_01","object":"chat.completion.chunk","created":NOW,"model":"claude-sonnet-4-5","choices":[],"usage":{"prompt_tokens":60,"completion_tokens":42,"total_tokens":102,"prompt_tokens_details":{"cached_tokens":30},"cache_creation_input_tokens":20}})",
            R"(data: [DONE])",
        }));
}

TEST(StreamMessagesToChat, UsageChunkOnlyWhenTheClientAskedButUsageStillReported) {
    StreamTranslator translator(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat,
                                {.chat_usage_chunk = false, .fallback_model = {}});
    std::string out;
    translator.feed(kMessagesFull, out);
    translator.finish(out);
    EXPECT_EQ(out.find(R"("choices":[])"), std::string::npos);
    EXPECT_EQ(out.find(R"("usage")"), std::string::npos);
    EXPECT_TRUE(out.ends_with("data: [DONE]\n\n"));
    ASSERT_TRUE(translator.usage().has_value());
    EXPECT_EQ(translator.usage()->input_tokens, 60);
    EXPECT_EQ(translator.usage()->output_tokens, 42);
    EXPECT_EQ(translator.usage()->cached_input_tokens, 30);
}

TEST(StreamMessagesToChat, ErrorEventEndsTheStreamWithoutDone) {
    EXPECT_EQ(
        without_stamped_time(
            translate_whole(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, kMessagesError)),
        sse({
            R"(data: {"id":"msg_02","object":"chat.completion.chunk","created":NOW,"model":"claude-haiku-4-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_02","object":"chat.completion.chunk","created":NOW,"model":"claude-haiku-4-5","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"error":{"message":"Overloaded","type":"overloaded_error","code":null}})",
        }));
}

TEST(StreamMessagesToChat, UnterminatedStreamStillGetsUsageAndDone) {
    EXPECT_EQ(
        without_stamped_time(translate_whole(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat,
                                             kMessagesUnterminated)),
        sse({
            R"(data: {"id":"msg_03","object":"chat.completion.chunk","created":NOW,"model":"claude-haiku-4-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_03","object":"chat.completion.chunk","created":NOW,"model":"claude-haiku-4-5","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"msg_03","object":"chat.completion.chunk","created":NOW,"model":"claude-haiku-4-5","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1,"total_tokens":8}})",
            R"(data: [DONE])",
        }));
}

}  // namespace
}  // namespace gw::translate::testing
