// Stop reasons across stream translation (dataplane.md §3.3), both directions, and what they make
// of a Responses stream's final event.

#include <gtest/gtest.h>

#include "stream_cases.hpp"
#include <string>

namespace gw::translate::testing {
namespace {

struct StopCase {
    std::string_view upstream;
    std::string_view client;
};

std::string chat_finishing(std::string_view reason) {
    return sse({R"(data: {"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"x"}}]})",
                std::string(R"(data: {"id":"c","model":"m","choices":[{"index":0,"delta":{},)"
                            R"("finish_reason":")") +
                    std::string(reason) + "\"}]}",
                "data: [DONE]"});
}

std::string messages_stopping(std::string_view reason) {
    return sse({R"(data: {"type":"message_start","message":{"id":"m","model":"c"}})",
                std::string(R"(data: {"type":"message_delta","delta":{"stop_reason":")") +
                    std::string(reason) + R"("},"usage":{"output_tokens":3}})",
                R"(data: {"type":"message_stop"})"});
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

TEST(StreamStopReason, ChatFinishReasonsBecomeAnthropicStopReasons) {
    const StopCase cases[] = {{"stop", "end_turn"},
                              {"length", "max_tokens"},
                              {"tool_calls", "tool_use"},
                              {"function_call", "tool_use"},
                              {"content_filter", "refusal"}};
    for (const auto& [upstream, client] : cases) {
        const std::string out = translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages,
                                                chat_finishing(upstream));
        EXPECT_TRUE(contains(out, R"("stop_reason":")" + std::string(client) + "\""))
            << upstream << "\n"
            << out;
    }
}

TEST(StreamStopReason, AnthropicStopReasonsBecomeChatFinishReasons) {
    const StopCase cases[] = {{"end_turn", "stop"},       {"stop_sequence", "stop"},
                              {"pause_turn", "stop"},     {"max_tokens", "length"},
                              {"tool_use", "tool_calls"}, {"refusal", "content_filter"}};
    for (const auto& [upstream, client] : cases) {
        const std::string out = translate_whole(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat,
                                                messages_stopping(upstream));
        EXPECT_TRUE(contains(out, R"("finish_reason":")" + std::string(client) + "\""))
            << upstream << "\n"
            << out;
    }
}

TEST(StreamStopReason, TruncatedAnswersEndInResponseIncomplete) {
    const StopCase cases[] = {{"length", "max_output_tokens"},
                              {"content_filter", "content_filter"}};
    for (const auto& [upstream, reason] : cases) {
        const std::string out = translate_whole(ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses,
                                                chat_finishing(upstream));
        EXPECT_TRUE(contains(out, "event: response.incomplete\n")) << out;
        EXPECT_TRUE(contains(out, R"("status":"incomplete","incomplete_details":{"reason":")" +
                                      std::string(reason) + "\"}"))
            << out;
        EXPECT_FALSE(contains(out, "response.completed")) << out;
    }
}

}  // namespace
}  // namespace gw::translate::testing
