// OpenAI Chat upstream -> Anthropic Messages client (a Messages client asking for openai/...).

#include "unit/translate/response_cases.hpp"

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

using ChatToMessages = ResponseTranslation<ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages>;

TEST_P(ChatToMessages, Translates) {
    EXPECT_EQ(output(), GetParam().expected);
    // translate_response only adds the creation time, which Messages does not carry.
    auto direct =
        translate_response(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, GetParam().input);
    EXPECT_EQ(direct ? *direct : "ERROR: " + direct.error().message, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ChatToMessages,
    ::testing::Values(
        TranslationCase{
            "Text",
            R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,)"
            R"("model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Hello","refusal":null},"logprobs":null,"finish_reason":"stop"}],)"
            R"("usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}})",
            R"({"id":"chatcmpl-1","type":"message","role":"assistant","model":"gpt-4o",)"
            R"("content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn",)"
            R"("stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}})"},
        TranslationCase{
            "OneToolCallAfterText",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Checking.","tool_calls":[{"id":"call_1","type":"function",)"
            R"("function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},)"
            R"("finish_reason":"tool_calls"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"text","text":"Checking."},{"type":"tool_use","id":"call_1",)"
            R"("name":"get_weather","input":{"city":"Paris"}}],"stop_reason":"tool_use",)"
            R"("stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}})"},
        // Anthropic's input must be an object, whatever the model produced.
        TranslationCase{
            "SeveralToolCallsWithEmptyAndBrokenArguments",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":null,"tool_calls":[{"id":"call_1","type":"function","function":)"
            R"({"name":"a","arguments":""}},{"id":"call_2","type":"function","function":)"
            R"({"name":"b","arguments":"{\"x\":"}},{"id":"call_3","type":"function",)"
            R"("function":{"name":"c","arguments":"[1]"}},{"id":"call_4","type":"function",)"
            R"("function":{"name":"d","arguments":"{\"y\":[true,null]}"}}]},)"
            R"("finish_reason":"tool_calls"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"tool_use","id":"call_1","name":"a","input":{}},)"
            R"({"type":"tool_use","id":"call_2","name":"b","input":{}},)"
            R"({"type":"tool_use","id":"call_3","name":"c","input":{}},)"
            R"({"type":"tool_use","id":"call_4","name":"d","input":{"y":[true,null]}}],)"
            R"("stop_reason":"tool_use","stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"},
        TranslationCase{
            "LegacyFunctionCallUsesTheNameAsId",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":null,"function_call":{"name":"lookup","arguments":"{\"q\":1}"}},)"
            R"("finish_reason":"function_call"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"tool_use","id":"lookup","name":"lookup","input":{"q":1}}],)"
            R"("stop_reason":"tool_use","stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"},
        TranslationCase{
            "ArrayContentKeepsItsTextItems",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":[{"type":"text","text":"One. "},{"type":"image_url","image_url":)"
            R"({"url":"x"}},{"type":"text","text":""},{"type":"text","text":"Two."}]},)"
            R"("finish_reason":"stop"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"text","text":"One. "},{"type":"text","text":"Two."}],)"
            R"("stop_reason":"end_turn","stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"},
        TranslationCase{
            "RefusalIsTheAnswerText",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"text","text":"I can't help with that."}],"stop_reason":"end_turn",)"
            R"("stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}})"},
        TranslationCase{
            "ReasoningContentBecomesThinking",
            R"({"id":"c","model":"deepseek-reasoner","choices":[{"index":0,"message":)"
            R"({"role":"assistant","content":"42","reasoning_content":"Six times seven."},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":9,)"
            R"("total_tokens":12,"completion_tokens_details":{"reasoning_tokens":6}}})",
            R"({"id":"c","type":"message","role":"assistant","model":"deepseek-reasoner",)"
            R"("content":[{"type":"thinking","thinking":"Six times seven.","signature":""},)"
            R"({"type":"text","text":"42"}],"stop_reason":"end_turn","stop_sequence":null,)"
            R"("usage":{"input_tokens":3,"output_tokens":9}})"},
        TranslationCase{
            "OpenRouterReasoningField",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"ok","reasoning":"hmm"},"finish_reason":"stop"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"thinking","thinking":"hmm","signature":""},{"type":"text","text":"ok"}],)"
            R"("stop_reason":"end_turn","stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"},
        // Anthropic's input_tokens leaves out what was read from the cache.
        TranslationCase{
            "CachedTokensAreSubtracted",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1200,)"
            R"("completion_tokens":30,"total_tokens":1230,)"
            R"("prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0}}})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,)"
            R"("usage":{"input_tokens":176,"output_tokens":30,"cache_read_input_tokens":1024}})"},
        TranslationCase{"CacheWritesReportedByAGatewayAreSubtractedToo",
                        R"({"id":"c","model":"m","choices":[],"usage":{"prompt_tokens":130,)"
                        R"("completion_tokens":5,"prompt_tokens_details":{"cached_tokens":100},)"
                        R"("cache_creation_input_tokens":20}})",
                        R"({"id":"c","type":"message","role":"assistant","model":"m","content":[],)"
                        R"("stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,)"
                        R"("output_tokens":5,"cache_read_input_tokens":100,)"
                        R"("cache_creation_input_tokens":20}})"},
        TranslationCase{"InconsistentCountsNeverGoNegative",
                        R"({"id":"c","model":"m","choices":[],"usage":{"prompt_tokens":5,)"
                        R"("completion_tokens":1,"prompt_tokens_details":{"cached_tokens":9}}})",
                        R"({"id":"c","type":"message","role":"assistant","model":"m","content":[],)"
                        R"("stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,)"
                        R"("output_tokens":1,"cache_read_input_tokens":9}})"},
        TranslationCase{
            "EmptyStringContentAndNoChoiceFields",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":""}}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[],)"
            R"("stop_reason":null,"stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"},
        TranslationCase{
            "OnlyTheFirstChoiceIsTranslated",
            R"({"id":"c","model":"m","choices":[{"index":0,"message":{"content":"one"},)"
            R"("finish_reason":"length"},{"index":1,"message":{"content":"two"},)"
            R"("finish_reason":"stop"}]})",
            R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
            R"({"type":"text","text":"one"}],"stop_reason":"max_tokens","stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"}),
    case_name);

struct FinishReasonCase {
    const char* finish_reason;  // Chat's, as JSON
    const char* stop_reason;    // Anthropic's, as JSON
};

class ChatFinishReasonToMessages : public ::testing::TestWithParam<FinishReasonCase> {};

TEST_P(ChatFinishReasonToMessages, Maps) {
    const std::string body =
        std::string(R"({"id":"c","model":"m","choices":[{"message":{},"finish_reason":)") +
        GetParam().finish_reason + "}]}";
    const std::string expected =
        std::string(R"({"id":"c","type":"message","role":"assistant","model":"m","content":[],)"
                    R"("stop_reason":)") +
        GetParam().stop_reason +
        R"(,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}})";
    EXPECT_EQ(answered(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, body), expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, ChatFinishReasonToMessages,
                         ::testing::Values(FinishReasonCase{R"("stop")", R"("end_turn")"},
                                           FinishReasonCase{R"("length")", R"("max_tokens")"},
                                           FinishReasonCase{R"("tool_calls")", R"("tool_use")"},
                                           FinishReasonCase{R"("function_call")", R"("tool_use")"},
                                           FinishReasonCase{R"("content_filter")", R"("refusal")"},
                                           FinishReasonCase{R"("eos")", R"("end_turn")"},
                                           FinishReasonCase{"null", "null"}));

// Usage crosses both APIs and back without a token lost or invented.
TEST(ResponseUsageRoundTrip, ChatThroughMessagesKeepsEveryCount) {
    constexpr std::string_view kChat =
        R"({"id":"c","object":"chat.completion","created":1700000000,"model":"m","choices":[)"
        R"({"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],)"
        R"("usage":{"prompt_tokens":1200,"completion_tokens":30,"total_tokens":1230,)"
        R"("prompt_tokens_details":{"cached_tokens":1024},"cache_creation_input_tokens":100}})";
    const std::string messages =
        answered(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChat);
    EXPECT_NE(messages.find(R"("usage":{"input_tokens":76,"output_tokens":30,)"
                            R"("cache_read_input_tokens":1024,"cache_creation_input_tokens":100})"),
              std::string::npos)
        << messages;
    auto back = decode_response(ApiFormat::AnthropicMessages, messages);
    ASSERT_TRUE(back) << back.error().message;
    back->created = 1700000000;  // the one field Messages does not carry
    EXPECT_EQ(encode_response(ApiFormat::OpenAiChat, *back), kChat);
}

TEST(ResponseUsageRoundTrip, MessagesThroughChatKeepsEveryCount) {
    constexpr std::string_view kMessages =
        R"({"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[)"
        R"({"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,)"
        R"("usage":{"input_tokens":3,"output_tokens":30,"cache_read_input_tokens":1024,)"
        R"("cache_creation_input_tokens":200}})";
    const std::string chat =
        answered(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, kMessages);
    EXPECT_NE(chat.find(R"("usage":{"prompt_tokens":1227,"completion_tokens":30,)"
                        R"("total_tokens":1257,"prompt_tokens_details":{"cached_tokens":1024},)"
                        R"("cache_creation_input_tokens":200})"),
              std::string::npos)
        << chat;
    EXPECT_EQ(answered(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, chat), kMessages);
}

}  // namespace
}  // namespace gw::translate::testing
