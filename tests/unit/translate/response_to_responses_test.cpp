// OpenAI Chat and Anthropic Messages upstreams -> OpenAI Responses client.

#include "unit/translate/response_cases.hpp"

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

using ChatToResponses = ResponseTranslation<ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses>;

TEST_P(ChatToResponses, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ChatToResponses,
    ::testing::Values(
        TranslationCase{
            "Text",
            R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,)"
            R"("model":"llama","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,)"
            R"("completion_tokens":5,"total_tokens":15}})",
            R"({"id":"resp_chatcmpl-1","object":"response","created_at":1700000000,)"
            R"("status":"completed","incomplete_details":null,"model":"llama","output":[)"
            R"({"type":"message","id":"msg_chatcmpl-1","status":"completed","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"Hello","annotations":[]}]}],)"
            R"("usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":0},)"
            R"("output_tokens":5,"output_tokens_details":{"reasoning_tokens":0},)"
            R"("total_tokens":15}})"},
        TranslationCase{
            "ToolCallsWithoutText",
            R"({"id":"c1","created":1,"model":"m","choices":[{"index":0,"message":)"
            R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_a",)"
            R"("type":"function","function":{"name":"a","arguments":"{\"x\":1}"}},)"
            R"({"id":"call_b","type":"function","function":{"name":"b","arguments":"{}"}}]},)"
            R"("finish_reason":"tool_calls"}]})",
            R"({"id":"resp_c1","object":"response","created_at":1,"status":"completed",)"
            R"("incomplete_details":null,"model":"m","output":[{"type":"function_call",)"
            R"("id":"fc_c1_0","call_id":"call_a","name":"a","arguments":"{\"x\":1}",)"
            R"("status":"completed"},{"type":"function_call","id":"fc_c1_1","call_id":"call_b",)"
            R"("name":"b","arguments":"{}","status":"completed"}]})"},
        TranslationCase{
            "ReasoningTextAndToolCallWithUsageDetails",
            R"({"id":"c1","created":1,"model":"m","choices":[{"index":0,"message":)"
            R"({"role":"assistant","reasoning_content":"First, look it up.","content":"Sure.",)"
            R"("tool_calls":[{"id":"call_a","type":"function","function":{"name":"a",)"
            R"("arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{)"
            R"("prompt_tokens":100,"completion_tokens":40,"total_tokens":140,)"
            R"("prompt_tokens_details":{"cached_tokens":64},)"
            R"("completion_tokens_details":{"reasoning_tokens":25}}})",
            R"({"id":"resp_c1","object":"response","created_at":1,"status":"completed",)"
            R"("incomplete_details":null,"model":"m","output":[{"type":"reasoning",)"
            R"("id":"rs_c1","summary":[{"type":"summary_text","text":"First, look it up."}]},)"
            R"({"type":"message","id":"msg_c1","status":"completed","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"Sure.","annotations":[]}]},)"
            R"({"type":"function_call","id":"fc_c1_0","call_id":"call_a","name":"a",)"
            R"("arguments":"{}","status":"completed"}],"usage":{"input_tokens":100,)"
            R"("input_tokens_details":{"cached_tokens":64},"output_tokens":40,)"
            R"("output_tokens_details":{"reasoning_tokens":25},"total_tokens":140}})"},
        TranslationCase{
            "LengthIsIncomplete",
            R"({"id":"c1","created":1,"model":"m","choices":[{"message":{"content":"Once upon"},)"
            R"("finish_reason":"length"}]})",
            R"({"id":"resp_c1","object":"response","created_at":1,"status":"incomplete",)"
            R"("incomplete_details":{"reason":"max_output_tokens"},"model":"m","output":[)"
            R"({"type":"message","id":"msg_c1","status":"incomplete","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"Once upon","annotations":[]}]}]})"},
        TranslationCase{
            "ContentFilterIsIncomplete",
            R"({"id":"c1","created":1,"model":"m","choices":[{"message":{"content":null},)"
            R"("finish_reason":"content_filter"}]})",
            R"({"id":"resp_c1","object":"response","created_at":1,"status":"incomplete",)"
            R"("incomplete_details":{"reason":"content_filter"},"model":"m","output":[)"
            R"({"type":"message","id":"msg_c1","status":"incomplete","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"","annotations":[]}]}]})"},
        TranslationCase{
            "EmptyChoicesStillHaveAMessage", R"({"id":"c1","created":1,"model":"m","choices":[]})",
            R"({"id":"resp_c1","object":"response","created_at":1,"status":"completed",)"
            R"("incomplete_details":null,"model":"m","output":[{"type":"message",)"
            R"("id":"msg_c1","status":"completed","role":"assistant","content":[)"
            R"({"type":"output_text","text":"","annotations":[]}]}]})"},
        TranslationCase{
            "IdWithThePrefixIsKept",
            R"({"id":"resp_9","created":1,"model":"m","choices":[{"message":{"content":"x"},)"
            R"("finish_reason":"stop"}]})",
            R"({"id":"resp_9","object":"response","created_at":1,"status":"completed",)"
            R"("incomplete_details":null,"model":"m","output":[{"type":"message",)"
            R"("id":"msg_resp_9","status":"completed","role":"assistant","content":[)"
            R"({"type":"output_text","text":"x","annotations":[]}]}]})"}),
    case_name);

using MessagesToResponses =
    ResponseTranslation<ApiFormat::AnthropicMessages, ApiFormat::OpenAiResponses>;

TEST_P(MessagesToResponses, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, MessagesToResponses,
    ::testing::Values(
        TranslationCase{
            "ThinkingTextsAndToolUse",
            R"({"id":"msg_1","type":"message","role":"assistant","model":"claude",)"
            R"("content":[{"type":"thinking","thinking":"Plan.","signature":"s"},)"
            R"({"type":"text","text":"Let me "},{"type":"text","text":"check."},)"
            R"({"type":"tool_use","id":"toolu_1","name":"get_weather",)"
            R"("input":{"city":"Paris"}}],"stop_reason":"tool_use"})",
            R"({"id":"resp_msg_1","object":"response","created_at":0,"status":"completed",)"
            R"("incomplete_details":null,"model":"claude","output":[{"type":"reasoning",)"
            R"("id":"rs_msg_1","summary":[{"type":"summary_text","text":"Plan."}]},)"
            R"({"type":"message","id":"msg_msg_1","status":"completed","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"Let me ","annotations":[]},)"
            R"({"type":"output_text","text":"check.","annotations":[]}]},)"
            R"({"type":"function_call","id":"fc_msg_1_0","call_id":"toolu_1",)"
            R"("name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}]})"},
        TranslationCase{
            "CacheUsageArithmetic",
            R"({"id":"msg_1","model":"claude","content":[{"type":"text","text":"Hi"}],)"
            R"("stop_reason":"end_turn","usage":{"input_tokens":10,)"
            R"("cache_creation_input_tokens":20,"cache_read_input_tokens":100,)"
            R"("output_tokens":5}})",
            R"({"id":"resp_msg_1","object":"response","created_at":0,"status":"completed",)"
            R"("incomplete_details":null,"model":"claude","output":[{"type":"message",)"
            R"("id":"msg_msg_1","status":"completed","role":"assistant","content":[)"
            R"({"type":"output_text","text":"Hi","annotations":[]}]}],"usage":{)"
            R"("input_tokens":130,"input_tokens_details":{"cached_tokens":100},)"
            R"("output_tokens":5,"output_tokens_details":{"reasoning_tokens":0},)"
            R"("total_tokens":135}})"},
        TranslationCase{
            "MaxTokensIsIncomplete",
            R"({"id":"msg_1","model":"claude","content":[{"type":"text","text":"Once"}],)"
            R"("stop_reason":"max_tokens","usage":{"output_tokens":1}})",
            R"({"id":"resp_msg_1","object":"response","created_at":0,"status":"incomplete",)"
            R"("incomplete_details":{"reason":"max_output_tokens"},"model":"claude","output":[)"
            R"({"type":"message","id":"msg_msg_1","status":"incomplete","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"Once","annotations":[]}]}],)"
            R"("usage":{"input_tokens":0,"input_tokens_details":{"cached_tokens":0},)"
            R"("output_tokens":1,"output_tokens_details":{"reasoning_tokens":0},)"
            R"("total_tokens":1}})"},
        TranslationCase{
            "RefusalIsIncomplete",
            R"({"id":"msg_1","model":"claude","content":[],"stop_reason":"refusal"})",
            R"({"id":"resp_msg_1","object":"response","created_at":0,"status":"incomplete",)"
            R"("incomplete_details":{"reason":"content_filter"},"model":"claude","output":[)"
            R"({"type":"message","id":"msg_msg_1","status":"incomplete","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"","annotations":[]}]}]})"}),
    case_name);

}  // namespace
}  // namespace gw::translate::testing
