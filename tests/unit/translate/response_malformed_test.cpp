// Upstream answers that are not what their API promises: errors that say what was wrong, never
// a crash.

#include "unit/translate/response_cases.hpp"
#include <string>

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

class MalformedResponse : public ::testing::TestWithParam<RejectedBody> {};

TEST_P(MalformedResponse, IsAProtocolErrorNamingTheProblem) {
    expect_rejected(decode_response(GetParam().api, GetParam().body), Error::Kind::Protocol,
                    GetParam().message);
}

constexpr auto kChat = ApiFormat::OpenAiChat;
constexpr auto kMessages = ApiFormat::AnthropicMessages;

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedResponse,
    ::testing::Values(
        RejectedBody{"NotJson", kChat, "<html>Bad Gateway</html>",
                     "Response parsing error: The JSON document has an improper structure: "
                     "missing or superfluous commas, braces, missing keys, etc."},
        RejectedBody{"Empty", kMessages, "", "Response parsing error: Empty: no JSON found"},
        RejectedBody{"Truncated", kChat, R"({"id":"c","choices":[{"message":)",
                     "Response parsing error: The JSON document has an improper structure: "
                     "missing or superfluous commas, braces, missing keys, etc."},
        RejectedBody{"NotAnObject", kMessages, R"([{"type":"message"}])",
                     "Response parsing error: the body is not a JSON object"},
        RejectedBody{"ChatIdNumber", kChat, R"({"id":5})",
                     "Response parsing error: invalid type for `id`: expected a string"},
        RejectedBody{"ChatCreatedString", kChat, R"({"created":"now"})",
                     "Response parsing error: invalid type for `created`: expected an integer"},
        RejectedBody{"ChatChoicesObject", kChat, R"({"choices":{}})",
                     "Response parsing error: invalid type for `choices`: expected an array"},
        RejectedBody{"ChatChoiceNumber", kChat, R"({"choices":[1]})",
                     "Response parsing error: invalid type for `choices`: expected an object"},
        RejectedBody{"ChatMessageString", kChat, R"({"choices":[{"message":"hi"}]})",
                     "Response parsing error: invalid type for `message`: expected an object"},
        RejectedBody{"ChatContentNumber", kChat, R"({"choices":[{"message":{"content":5}}]})",
                     "Response parsing error: invalid type for `content`: expected a string or an "
                     "array"},
        RejectedBody{"ChatToolCallsObject", kChat, R"({"choices":[{"message":{"tool_calls":{}}}]})",
                     "Response parsing error: invalid type for `tool_calls`: expected an array"},
        RejectedBody{"ChatToolCallWithoutFunction", kChat,
                     R"({"choices":[{"message":{"tool_calls":[{"id":"a"}]}}]})",
                     "Response parsing error: missing field `function`"},
        RejectedBody{"ChatArgumentsObject", kChat,
                     R"({"choices":[{"message":{"tool_calls":[{"function":{"name":"f",)"
                     R"("arguments":{}}}]}}]})",
                     "Response parsing error: invalid type for `arguments`: expected a string"},
        RejectedBody{"ChatFinishReasonNumber", kChat, R"({"choices":[{"finish_reason":1}]})",
                     "Response parsing error: invalid type for `finish_reason`: expected a "
                     "string"},
        RejectedBody{"ChatUsageString", kChat, R"({"usage":"lots"})",
                     "Response parsing error: invalid type for `usage`: expected an object"},
        RejectedBody{"ChatTokensString", kChat, R"({"usage":{"prompt_tokens":"10"}})",
                     "Response parsing error: invalid type for `prompt_tokens`: expected an "
                     "integer"},
        RejectedBody{"ChatTokensFraction", kChat, R"({"usage":{"completion_tokens":1.5}})",
                     "Response parsing error: invalid type for `completion_tokens`: expected an "
                     "integer"},
        RejectedBody{"ChatDetailsNumber", kChat, R"({"usage":{"prompt_tokens_details":3}})",
                     "Response parsing error: invalid type for `prompt_tokens_details`: "
                     "expected an object"},
        RejectedBody{"MessagesContentObject", kMessages, R"({"content":{}})",
                     "Response parsing error: invalid type for `content`: expected a string or an "
                     "array"},
        RejectedBody{"MessagesBlockNumber", kMessages, R"({"content":[7]})",
                     "Response parsing error: invalid type for `content`: expected an object"},
        RejectedBody{"MessagesBlockTypeNumber", kMessages, R"({"content":[{"type":1}]})",
                     "Response parsing error: invalid type for `type`: expected a string"},
        RejectedBody{"MessagesTextNumber", kMessages, R"({"content":[{"type":"text","text":1}]})",
                     "Response parsing error: invalid type for `text`: expected a string"},
        RejectedBody{"MessagesToolNameArray", kMessages,
                     R"({"content":[{"type":"tool_use","id":"t","name":[]}]})",
                     "Response parsing error: invalid type for `name`: expected a string"},
        RejectedBody{"MessagesStopReasonBool", kMessages, R"({"stop_reason":true})",
                     "Response parsing error: invalid type for `stop_reason`: expected a "
                     "string"},
        RejectedBody{"MessagesTokensBool", kMessages,
                     R"({"usage":{"cache_read_input_tokens":true}})",
                     "Response parsing error: invalid type for `cache_read_input_tokens`: "
                     "expected an integer"}),
    case_name);

TEST(MalformedResponse, DeepNestingIsAnErrorNotAStackOverflow) {
    const std::string body = R"({"content":)" + std::string(100000, '[');
    auto completion = decode_response(kMessages, body);
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().kind, Error::Kind::Protocol);
}

TEST(MalformedResponse, TranslateResponseReportsTheDecodingError) {
    auto out = translate_response(kChat, kMessages, "{");
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, Error::Kind::Protocol);
    EXPECT_TRUE(out.error().message.starts_with("Response parsing error: ")) << out.error().message;
}

// Bodies above the per-thread buffer take the other input path.
TEST(LargeResponse, IsTranslatedWhole) {
    const std::string text(300 * 1024, 'a');
    const std::string body =
        R"({"id":"c","created":1,"model":"m","choices":[{"message":{"content":")" + text +
        R"("},"finish_reason":"stop"}]})";
    EXPECT_EQ(answered(kChat, kMessages, body),
              R"({"id":"c","type":"message","role":"assistant","model":"m","content":[)"
              R"({"type":"text","text":")" +
                  text +
                  R"("}],"stop_reason":"end_turn","stop_sequence":null,)"
                  R"("usage":{"input_tokens":0,"output_tokens":0}})");
}

// A Responses upstream only ever serves Responses clients, whose bytes pass through.
TEST(UnsupportedResponse, ResponsesAnswersAreNotDecoded) {
    auto completion = decode_response(ApiFormat::OpenAiResponses, R"({"id":"resp_1"})");
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(completion.error().message, "decoding openai_responses responses is not supported");
}

TEST(UnsupportedResponse, BedrockIsNeverAClientApi) {
    auto out = translate_response(kChat, ApiFormat::BedrockConverse, R"({"id":"c"})");
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(out.error().message, "encoding bedrock_converse responses is not supported");
}

}  // namespace
}  // namespace gw::translate::testing
