// Amazon Bedrock Converse upstream -> Chat, Messages and Responses clients (non-streaming).
// Converse names no answer, so its id is synthesised ("bedrock-ID" once normalised), and no
// model outside prompt routers.

#include "unit/translate/converse_cases.hpp"
#include <string>

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

// ---- bodies ----------------------------------------------------------------------------------

constexpr std::string_view kText =
    R"({"output":{"message":{"role":"assistant","content":[{"text":"Hello"}]}},)"
    R"("stopReason":"end_turn","usage":{"inputTokens":10,"outputTokens":5,"totalTokens":15},)"
    R"("metrics":{"latencyMs":120}})";

constexpr std::string_view kToolUse =
    R"({"output":{"message":{"role":"assistant","content":[{"text":"Checking."},)"
    R"({"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{ "city" : "Paris" }}},)"
    R"({"toolUse":{"toolUseId":"tooluse_2","name":"get_time","input":{}}}]}},)"
    R"("stopReason":"tool_use"})";

// Redacted reasoning is Claude's alone; images and citations have no counterpart in an answer.
constexpr std::string_view kReasoning =
    R"({"output":{"message":{"role":"assistant","content":[{"reasoningContent":)"
    R"({"reasoningText":{"text":"Six times seven.","signature":"sig=="}}},)"
    R"({"reasoningContent":{"redactedContent":"b3BhcXVl"}},{"image":{"format":"png",)"
    R"("source":{"bytes":"AAAA"}}},{"text":"42"}]}},"stopReason":"end_turn"})";

// inputTokens excludes the cache reads and writes (AWS: total input = inputTokens +
// cacheReadInputTokens + cacheWriteInputTokens); totalTokens includes them.
constexpr std::string_view kCacheUsage =
    R"({"output":{"message":{"role":"assistant","content":[{"text":"ok"}]}},)"
    R"("stopReason":"end_turn","usage":{"inputTokens":10,"outputTokens":5,"totalTokens":135,)"
    R"("cacheReadInputTokens":100,"cacheWriteInputTokens":20}})";

// A prompt router names the model it picked.
constexpr std::string_view kRouted =
    R"({"output":{"message":{"role":"assistant","content":[]}},"stopReason":"max_tokens",)"
    R"("trace":{"promptRouter":{"invokedModelId":)"
    R"("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku"}}})";

// ---- Chat ------------------------------------------------------------------------------------

using ConverseToChat = ConverseResponseTranslation<ApiFormat::OpenAiChat>;

TEST_P(ConverseToChat, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ConverseToChat,
    ::testing::Values(
        TranslationCase{"Text", kText,
                        R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":"",)"
                        R"("choices":[{"index":0,"message":{"role":"assistant","content":)"
                        R"("Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,)"
                        R"("completion_tokens":5,"total_tokens":15}})"},
        TranslationCase{
            "ToolUse", kToolUse,
            R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":"",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Checking.",)"
            R"("tool_calls":[{"id":"tooluse_1","type":"function","function":{"name":)"
            R"("get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"tooluse_2","type":)"
            R"("function","function":{"name":"get_time","arguments":"{}"}}]},)"
            R"("finish_reason":"tool_calls"}]})"},
        TranslationCase{"ReasoningBecomesReasoningContent", kReasoning,
                        R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":"",)"
                        R"("choices":[{"index":0,"message":{"role":"assistant","content":"42",)"
                        R"("reasoning_content":"Six times seven."},"finish_reason":"stop"}]})"},
        // prompt_tokens = input + cache reads + cache writes; cached_tokens = cache reads.
        TranslationCase{
            "CacheUsageArithmetic", kCacheUsage,
            R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":"",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"ok"},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":130,"completion_tokens":5,)"
            R"("total_tokens":135,"prompt_tokens_details":{"cached_tokens":100},)"
            R"("cache_creation_input_tokens":20}})"},
        // A total short of the cache counts is raised to input + output, so the numbers add up.
        TranslationCase{
            "TotalWithoutTheCacheIsCorrected",
            R"({"output":{"message":{"role":"assistant","content":[]}},"stopReason":"end_turn",)"
            R"("usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5,)"
            R"("cacheReadInputTokens":40}})",
            R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":"",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":43,"completion_tokens":2,)"
            R"("total_tokens":45,"prompt_tokens_details":{"cached_tokens":40}}})"},
        TranslationCase{"RoutedModelIsNamed", kRouted,
                        R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":)"
                        R"("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku",)"
                        R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
                        R"("finish_reason":"length"}]})"},
        TranslationCase{"BareObject", R"({})",
                        R"({"id":"bedrock-ID","object":"chat.completion","created":0,"model":"",)"
                        R"("choices":[{"index":0,"message":{"role":"assistant","content":""},)"
                        R"("finish_reason":null}]})"}),
    case_name);

// ---- Messages --------------------------------------------------------------------------------

using ConverseToMessages = ConverseResponseTranslation<ApiFormat::AnthropicMessages>;

TEST_P(ConverseToMessages, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ConverseToMessages,
    ::testing::Values(
        TranslationCase{"Text", kText,
                        R"({"id":"bedrock-ID","type":"message","role":"assistant","model":"",)"
                        R"("content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn",)"
                        R"("stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}})"},
        TranslationCase{
            "ToolUse", kToolUse,
            R"({"id":"bedrock-ID","type":"message","role":"assistant","model":"","content":[)"
            R"({"type":"text","text":"Checking."},{"type":"tool_use","id":"tooluse_1","name":)"
            R"("get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"tooluse_2",)"
            R"("name":"get_time","input":{}}],"stop_reason":"tool_use","stop_sequence":null,)"
            R"("usage":{"input_tokens":0,"output_tokens":0}})"},
        TranslationCase{
            "ReasoningKeepsItsSignature", kReasoning,
            R"({"id":"bedrock-ID","type":"message","role":"assistant","model":"","content":[)"
            R"({"type":"thinking","thinking":"Six times seven.","signature":"sig=="},{"type":)"
            R"("text","text":"42"}],"stop_reason":"end_turn","stop_sequence":null,"usage":)"
            R"({"input_tokens":0,"output_tokens":0}})"},
        // Anthropic's own convention again: input_tokens without the cache counts.
        TranslationCase{
            "CacheUsageKeepsAnthropicsConvention", kCacheUsage,
            R"({"id":"bedrock-ID","type":"message","role":"assistant","model":"","content":[)"
            R"({"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,)"
            R"("usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":100,)"
            R"("cache_creation_input_tokens":20}})"}),
    case_name);

// ---- Responses -------------------------------------------------------------------------------

using ConverseToResponses = ConverseResponseTranslation<ApiFormat::OpenAiResponses>;

TEST_P(ConverseToResponses, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ConverseToResponses,
    ::testing::Values(
        TranslationCase{
            "Text", kText,
            R"({"id":"resp_bedrock-ID","object":"response","created_at":0,"status":"completed",)"
            R"("incomplete_details":null,"model":"","output":[{"type":"message","id":)"
            R"("msg_bedrock-ID","status":"completed","role":"assistant","content":[{"type":)"
            R"("output_text","text":"Hello","annotations":[]}]}],"usage":{"input_tokens":10,)"
            R"("input_tokens_details":{"cached_tokens":0},"output_tokens":5,)"
            R"("output_tokens_details":{"reasoning_tokens":0},"total_tokens":15}})"},
        TranslationCase{
            "ToolUse", kToolUse,
            R"({"id":"resp_bedrock-ID","object":"response","created_at":0,"status":"completed",)"
            R"("incomplete_details":null,"model":"","output":[{"type":"message","id":)"
            R"("msg_bedrock-ID","status":"completed","role":"assistant","content":[{"type":)"
            R"("output_text","text":"Checking.","annotations":[]}]},{"type":"function_call",)"
            R"("id":"fc_bedrock-ID_0","call_id":"tooluse_1","name":"get_weather","arguments":)"
            R"("{\"city\":\"Paris\"}","status":"completed"},{"type":"function_call","id":)"
            R"("fc_bedrock-ID_1","call_id":"tooluse_2","name":"get_time","arguments":"{}",)"
            R"("status":"completed"}]})"},
        TranslationCase{
            "ReasoningIsASummary", kReasoning,
            R"({"id":"resp_bedrock-ID","object":"response","created_at":0,"status":"completed",)"
            R"("incomplete_details":null,"model":"","output":[{"type":"reasoning","id":)"
            R"("rs_bedrock-ID","summary":[{"type":"summary_text","text":"Six times seven."}]},)"
            R"({"type":"message","id":"msg_bedrock-ID","status":"completed","role":"assistant",)"
            R"("content":[{"type":"output_text","text":"42","annotations":[]}]}]})"},
        TranslationCase{
            "CacheUsage", kCacheUsage,
            R"({"id":"resp_bedrock-ID","object":"response","created_at":0,"status":"completed",)"
            R"("incomplete_details":null,"model":"","output":[{"type":"message","id":)"
            R"("msg_bedrock-ID","status":"completed","role":"assistant","content":[{"type":)"
            R"("output_text","text":"ok","annotations":[]}]}],"usage":{"input_tokens":130,)"
            R"("input_tokens_details":{"cached_tokens":100},"output_tokens":5,)"
            R"("output_tokens_details":{"reasoning_tokens":0},"total_tokens":135}})"},
        TranslationCase{
            "MaxTokensIsIncomplete", kRouted,
            R"({"id":"resp_bedrock-ID","object":"response","created_at":0,"status":)"
            R"("incomplete","incomplete_details":{"reason":"max_output_tokens"},"model":)"
            R"("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku","output":)"
            R"([{"type":"message","id":"msg_bedrock-ID","status":"incomplete","role":)"
            R"("assistant","content":[{"type":"output_text","text":"","annotations":[]}]}]})"}),
    case_name);

// ---- stop reasons ----------------------------------------------------------------------------

struct StopReasonCase {
    const char* stop_reason;    // Converse's, as JSON
    const char* finish_reason;  // Chat's, as JSON
    const char* anthropic;      // Messages', as JSON
};

class ConverseStopReason : public ::testing::TestWithParam<StopReasonCase> {};

TEST_P(ConverseStopReason, MapsForEveryClient) {
    const std::string body = std::string(R"({"output":{"message":{"content":[]}},"stopReason":)") +
                             GetParam().stop_reason + "}";
    const std::string chat =
        answered_converse(ApiFormat::BedrockConverse, ApiFormat::OpenAiChat, body);
    EXPECT_NE(chat.find(std::string(R"("finish_reason":)") + GetParam().finish_reason + "}"),
              std::string::npos)
        << chat;
    const std::string messages =
        answered_converse(ApiFormat::BedrockConverse, ApiFormat::AnthropicMessages, body);
    EXPECT_NE(messages.find(std::string(R"("stop_reason":)") + GetParam().anthropic + ","),
              std::string::npos)
        << messages;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ConverseStopReason,
    ::testing::Values(
        StopReasonCase{R"("end_turn")", R"("stop")", R"("end_turn")"},
        StopReasonCase{R"("stop_sequence")", R"("stop")", R"("end_turn")"},
        StopReasonCase{R"("max_tokens")", R"("length")", R"("max_tokens")"},
        StopReasonCase{R"("model_context_window_exceeded")", R"("length")", R"("max_tokens")"},
        StopReasonCase{R"("tool_use")", R"("tool_calls")", R"("tool_use")"},
        StopReasonCase{R"("guardrail_intervened")", R"("content_filter")", R"("refusal")"},
        StopReasonCase{R"("content_filtered")", R"("content_filter")", R"("refusal")"},
        StopReasonCase{R"("a_future_reason")", R"("stop")", R"("end_turn")"},
        StopReasonCase{"null", "null", "null"}));

TEST(ConverseStopReasonResponses, FilteredAnswersAreIncomplete) {
    const std::string out = answered_converse(
        ApiFormat::BedrockConverse, ApiFormat::OpenAiResponses,
        R"({"output":{"message":{"content":[]}},"stopReason":"guardrail_intervened"})");
    EXPECT_NE(out.find(R"("status":"incomplete","incomplete_details":{"reason":)"
                       R"("content_filter"})"),
              std::string::npos)
        << out;
}

// ---- ids and times ---------------------------------------------------------------------------

TEST(ConverseResponseId, IsFreshForEveryAnswer) {
    auto first = decode_response(ApiFormat::BedrockConverse, kText);
    auto second = decode_response(ApiFormat::BedrockConverse, kText);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(first->id.size(), std::string_view("bedrock-").size() + 32);
    EXPECT_EQ(without_synthesised_id(first->id), "bedrock-ID");
    EXPECT_NE(first->id, second->id);
}

// Converse sends no creation time; the client still gets the time of translation.
TEST(ConverseResponse, StampsCreationTime) {
    const std::int64_t before = unix_seconds();
    auto out = translate_response(ApiFormat::BedrockConverse, ApiFormat::OpenAiChat, kText);
    ASSERT_TRUE(out) << out.error().message;
    auto completion = decode_response(ApiFormat::OpenAiChat, *out);
    ASSERT_TRUE(completion) << completion.error().message;
    EXPECT_GE(completion->created, before);
    EXPECT_LE(completion->created, unix_seconds());
    EXPECT_TRUE(completion->id.starts_with("bedrock-"));
}

// ---- malformed answers -----------------------------------------------------------------------

class MalformedConverseResponse : public ::testing::TestWithParam<RejectedBody> {};

TEST_P(MalformedConverseResponse, IsAProtocolErrorNamingTheProblem) {
    expect_rejected(decode_response(GetParam().api, GetParam().body), Error::Kind::Protocol,
                    GetParam().message);
}

constexpr auto kConverse = ApiFormat::BedrockConverse;

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedConverseResponse,
    ::testing::Values(
        RejectedBody{"NotJson", kConverse, "<html>Bad Gateway</html>",
                     "Response parsing error: The JSON document has an improper structure: "
                     "missing or superfluous commas, braces, missing keys, etc."},
        RejectedBody{"NotAnObject", kConverse, R"([{"output":{}}])",
                     "Response parsing error: the body is not a JSON object"},
        RejectedBody{"OutputString", kConverse, R"({"output":"hi"})",
                     "Response parsing error: invalid type for `output`: expected an object"},
        RejectedBody{"MessageArray", kConverse, R"({"output":{"message":[]}})",
                     "Response parsing error: invalid type for `message`: expected an object"},
        RejectedBody{"ContentObject", kConverse, R"({"output":{"message":{"content":{}}}})",
                     "Response parsing error: invalid type for `content`: expected an array"},
        RejectedBody{"BlockNumber", kConverse, R"({"output":{"message":{"content":[7]}}})",
                     "Response parsing error: invalid type for `content`: expected an object"},
        RejectedBody{"TextNumber", kConverse, R"({"output":{"message":{"content":[{"text":1}]}}})",
                     "Response parsing error: invalid type for `text`: expected a string"},
        RejectedBody{"ToolUseString", kConverse,
                     R"({"output":{"message":{"content":[{"toolUse":"x"}]}}})",
                     "Response parsing error: invalid type for `toolUse`: expected an object"},
        RejectedBody{"ToolUseIdNumber", kConverse,
                     R"({"output":{"message":{"content":[{"toolUse":{"toolUseId":1}}]}}})",
                     "Response parsing error: invalid type for `toolUseId`: expected a string"},
        RejectedBody{"ReasoningTextString", kConverse,
                     R"({"output":{"message":{"content":[{"reasoningContent":)"
                     R"({"reasoningText":"x"}}]}}})",
                     "Response parsing error: invalid type for `reasoningText`: expected an "
                     "object"},
        RejectedBody{"StopReasonNumber", kConverse, R"({"stopReason":1})",
                     "Response parsing error: invalid type for `stopReason`: expected a string"},
        RejectedBody{"UsageString", kConverse, R"({"usage":"lots"})",
                     "Response parsing error: invalid type for `usage`: expected an object"},
        RejectedBody{"TokensString", kConverse, R"({"usage":{"inputTokens":"10"}})",
                     "Response parsing error: invalid type for `inputTokens`: expected an "
                     "integer"},
        RejectedBody{"CacheTokensFraction", kConverse, R"({"usage":{"cacheWriteInputTokens":1.5}})",
                     "Response parsing error: invalid type for `cacheWriteInputTokens`: expected "
                     "an integer"}),
    case_name);

// An odd trace is diagnostic data: it costs the model name, not the answer.
TEST(MalformedConverseResponse, OddTraceIsIgnored) {
    auto completion =
        decode_response(kConverse, R"({"stopReason":"end_turn","trace":{"promptRouter":7}})");
    ASSERT_TRUE(completion) << completion.error().message;
    EXPECT_EQ(completion->model, "");
}

}  // namespace
}  // namespace gw::translate::testing
