// Anthropic Messages upstream -> OpenAI Chat client (a Chat client asking for anthropic/...).

#include "unit/translate/response_cases.hpp"

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

using MessagesToChat = ResponseTranslation<ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat>;

TEST_P(MessagesToChat, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, MessagesToChat,
    ::testing::Values(
        TranslationCase{
            "Text",
            R"({"id":"msg_1","type":"message","role":"assistant","model":"claude",)"
            R"("content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn",)"
            R"("stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,)"
            R"("total_tokens":15}})"},
        TranslationCase{
            "TextBlocksConcatenate",
            R"({"id":"msg_1","model":"claude","content":[{"type":"text","text":"Hello, "},)"
            R"({"type":"text","text":"world \u00e9\n"}],"stop_reason":"end_turn"})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant",)"
            "\"content\":\"Hello, world \xc3\xa9\\n\"},"
            R"("finish_reason":"stop"}]})"},
        TranslationCase{
            "OneToolCallAfterText",
            R"({"id":"msg_1","model":"claude","content":[{"type":"text","text":"Checking."},)"
            R"({"type":"tool_use","id":"toolu_1","name":"get_weather",)"
            R"("input":{ "city" : "Paris", "days": [1, 2] }}],"stop_reason":"tool_use"})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Checking.",)"
            R"("tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather",)"
            R"("arguments":"{\"city\":\"Paris\",\"days\":[1,2]}"}}]},)"
            R"("finish_reason":"tool_calls"}]})"},
        TranslationCase{
            "SeveralToolCallsWithoutTextHaveNullContent",
            R"({"id":"msg_1","model":"claude","content":[{"type":"tool_use","id":"toolu_1",)"
            R"("name":"a","input":{}},{"type":"tool_use","id":"toolu_2","name":"b",)"
            R"("input":{"x":1}}],"stop_reason":"tool_use"})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":null,)"
            R"("tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"a",)"
            R"("arguments":"{}"}},{"id":"toolu_2","type":"function","function":{"name":"b",)"
            R"("arguments":"{\"x\":1}"}}]},"finish_reason":"tool_calls"}]})"},
        TranslationCase{
            "ThinkingBecomesReasoningContentAndRedactedThinkingIsSkipped",
            R"({"id":"msg_1","model":"claude","content":[{"type":"thinking",)"
            R"("thinking":"Six times seven.","signature":"sig=="},)"
            R"({"type":"redacted_thinking","data":"opaque"},{"type":"text","text":"42"}],)"
            R"("stop_reason":"end_turn"})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"42",)"
            R"("reasoning_content":"Six times seven."},"finish_reason":"stop"}]})"},
        TranslationCase{
            "ServerToolBlocksAreSkipped",
            R"({"id":"msg_1","model":"claude","content":[{"type":"server_tool_use",)"
            R"("id":"srvtoolu_1","name":"web_search","input":{"query":"x"}},)"
            R"({"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},)"
            R"({"type":"text","text":"Found it."}],"stop_reason":"end_turn"})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Found it."},)"
            R"("finish_reason":"stop"}]})"},
        // prompt_tokens = input + cache reads + cache writes; cached_tokens = cache reads.
        TranslationCase{
            "CacheUsageArithmetic",
            R"({"id":"msg_1","model":"claude","content":[],"stop_reason":"end_turn",)"
            R"("usage":{"input_tokens":10,"cache_creation_input_tokens":20,)"
            R"("cache_read_input_tokens":100,"output_tokens":5}})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":130,"completion_tokens":5,)"
            R"("total_tokens":135,"prompt_tokens_details":{"cached_tokens":100},)"
            R"("cache_creation_input_tokens":20}})"},
        TranslationCase{
            "ZeroCacheCountsAreKept",
            R"({"id":"msg_1","model":"claude","content":[],"stop_reason":"end_turn",)"
            R"("usage":{"input_tokens":7,"cache_creation_input_tokens":0,)"
            R"("cache_read_input_tokens":0,"output_tokens":1}})",
            R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":1,)"
            R"("total_tokens":8,"prompt_tokens_details":{"cached_tokens":0},)"
            R"("cache_creation_input_tokens":0}})"},
        TranslationCase{"EmptyContentAndMissingUsage",
                        R"({"id":"msg_1","model":"claude","content":[],"stop_reason":"end_turn"})",
                        R"({"id":"msg_1","object":"chat.completion","created":0,"model":"claude",)"
                        R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
                        R"("finish_reason":"stop"}]})"},
        TranslationCase{"BareObject", R"({})",
                        R"({"id":"","object":"chat.completion","created":0,"model":"",)"
                        R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
                        R"("finish_reason":null}]})"}),
    case_name);

struct StopReasonCase {
    const char* stop_reason;    // Anthropic's, as JSON
    const char* finish_reason;  // Chat's, as JSON
};

class MessagesStopReasonToChat : public ::testing::TestWithParam<StopReasonCase> {};

TEST_P(MessagesStopReasonToChat, Maps) {
    const std::string body = std::string(R"({"id":"m","model":"c","content":[],"stop_reason":)") +
                             GetParam().stop_reason + "}";
    const std::string expected =
        std::string(R"({"id":"m","object":"chat.completion","created":0,"model":"c","choices":[)"
                    R"({"index":0,"message":{"role":"assistant","content":""},"finish_reason":)") +
        GetParam().finish_reason + "}]}";
    EXPECT_EQ(answered(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, body), expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, MessagesStopReasonToChat,
                         ::testing::Values(StopReasonCase{R"("end_turn")", R"("stop")"},
                                           StopReasonCase{R"("stop_sequence")", R"("stop")"},
                                           StopReasonCase{R"("pause_turn")", R"("stop")"},
                                           StopReasonCase{R"("max_tokens")", R"("length")"},
                                           StopReasonCase{R"("model_context_window_exceeded")",
                                                          R"("length")"},
                                           StopReasonCase{R"("tool_use")", R"("tool_calls")"},
                                           StopReasonCase{R"("refusal")", R"("content_filter")"},
                                           StopReasonCase{R"("a_future_reason")", R"("stop")"},
                                           StopReasonCase{"null", "null"}));

// Anthropic sends no creation time; a Chat client still gets the time of translation.
TEST(MessagesToChatResponse, StampsCreationTime) {
    const std::int64_t before = unix_seconds();
    auto out = translate_response(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat,
                                  R"({"id":"msg_1","model":"claude","content":[]})");
    ASSERT_TRUE(out) << out.error().message;
    auto completion = decode_response(ApiFormat::OpenAiChat, *out);
    ASSERT_TRUE(completion) << completion.error().message;
    EXPECT_GE(completion->created, before);
    EXPECT_LE(completion->created, unix_seconds());
}

}  // namespace
}  // namespace gw::translate::testing
