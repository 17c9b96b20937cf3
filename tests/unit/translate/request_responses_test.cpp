// OpenAI Responses client -> Chat upstream (dataplane.md §3.1) and -> native Messages upstream.

#include "unit/translate/request_cases.hpp"

namespace gw::translate::testing {
namespace {

using ResponsesToChat =
    RequestTranslation<llm::ApiFormat::OpenAiResponses, llm::ApiFormat::OpenAiChat>;

TEST_P(ResponsesToChat, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ResponsesToChat,
    ::testing::Values(
        TranslationCase{
            "InstructionsAndStringInput",
            R"({"model":"gpt","instructions":"Be brief.","input":"Hi","max_output_tokens":50,)"
            R"("temperature":0.2,"top_p":0.5,"user":"u-1","store":false,"truncation":"auto"})",
            R"({"model":"provider-model","messages":[{"role":"system","content":"Be brief."},)"
            R"({"role":"user","content":"Hi"}],"max_tokens":50,"temperature":0.2,"top_p":0.5,)"
            R"("user":"u-1"})"},
        TranslationCase{
            "MessageItemsWithDeveloperRoleAndImages",
            R"({"input":[{"role":"developer","content":"Rules."},{"type":"message","role":)"
            R"("user","content":[{"type":"input_text","text":"Look"},{"type":"input_image",)"
            R"("image_url":"data:image/png;base64,AAAA","detail":"auto"}]},{"role":"assistant",)"
            R"("content":[{"type":"output_text","text":"A square."}]},{"role":"user","content":)"
            R"("Color?"}]})",
            R"({"model":"provider-model","messages":[{"role":"system","content":"Rules."},)"
            R"({"role":"user","content":[{"type":"text","text":"Look"},{"type":"image_url",)"
            R"("image_url":{"url":"data:image/png;base64,AAAA"}}]},{"role":"assistant",)"
            R"("content":"A square."},{"role":"user","content":"Color?"}]})"},
        TranslationCase{
            "FunctionCallsMergeIntoOneAssistantMessage",
            R"({"input":[{"role":"user","content":"Paris and Rome?"},{"type":"reasoning",)"
            R"("id":"rs_1","summary":[]},{"type":"function_call","id":"fc_1","call_id":"call_1",)"
            R"("name":"get_weather","arguments":"{\"city\":\"Paris\"}"},{"type":"function_call",)"
            R"("call_id":"call_2","name":"get_weather","arguments":"{\"city\":\"Rome\"}"},)"
            R"({"type":"function_call_output","call_id":"call_1","output":"18C"},{"type":)"
            R"("function_call_output","call_id":"call_2","output":[{"type":"input_text",)"
            R"("text":"21C"}]}],"tools":[{"type":"function","name":"get_weather",)"
            R"("description":"Weather","parameters":{"type":"object"},"strict":true}],)"
            R"("tool_choice":{"type":"function","name":"get_weather"},)"
            R"("parallel_tool_calls":false})",
            R"({"model":"provider-model","messages":[{"role":"user","content":)"
            R"("Paris and Rome?"},{"role":"assistant","content":null,"tool_calls":[{"id":)"
            R"("call_1","type":"function","function":{"name":"get_weather","arguments":)"
            R"("{\"city\":\"Paris\"}"}},{"id":"call_2","type":"function","function":{"name":)"
            R"("get_weather","arguments":"{\"city\":\"Rome\"}"}}]},{"role":"tool",)"
            R"("tool_call_id":"call_1","content":"18C"},{"role":"tool","tool_call_id":)"
            R"("call_2","content":"21C"}],"tools":[{"type":"function","function":{"name":)"
            R"("get_weather","description":"Weather","parameters":{"type":"object"}}}],)"
            R"("tool_choice":{"type":"function","function":{"name":"get_weather"}},)"
            R"("parallel_tool_calls":false})"},
        TranslationCase{
            "StreamReasoningEffortAndJsonSchemaFormat",
            R"({"input":"Hi","stream":true,"reasoning":{"effort":"high","summary":"auto"},)"
            R"("text":{"format":{"type":"json_schema","name":"answer","schema":{"type":)"
            R"("object"},"strict":true}},"tool_choice":"required","tools":[{"type":)"
            R"("function","name":"f"}]})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Hi"}],)"
            R"("tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":)"
            R"("required","stream":true,"stream_options":{"include_usage":true},)"
            R"("reasoning_effort":"high","response_format":{"type":"json_schema",)"
            R"("json_schema":{"name":"answer","strict":true,"schema":{"type":"object"}}}})"},
        TranslationCase{"JsonObjectAndTextFormats",
                        R"({"input":"Hi","text":{"format":{"type":"json_object"}}})",
                        R"({"model":"provider-model","messages":[{"role":"user","content":"Hi"}],)"
                        R"("response_format":{"type":"json_object"}})"},
        TranslationCase{
            "PlainTextFormatIsTheDefault",
            R"({"input":"Hi","text":{"format":{"type":"text"}},"previous_response_id":"resp_1"})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Hi"}]})"}),
    case_name);

using ResponsesToMessages =
    RequestTranslation<llm::ApiFormat::OpenAiResponses, llm::ApiFormat::AnthropicMessages>;

TEST_P(ResponsesToMessages, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ResponsesToMessages,
    ::testing::Values(
        TranslationCase{
            "InstructionsAndDefaultMaxTokens",
            R"({"instructions":"Be brief.","input":"Hi","temperature":0.5})",
            R"({"model":"provider-model","max_tokens":4096,"system":"Be brief.","messages":)"
            R"([{"role":"user","content":"Hi"}],"temperature":0.5})"},
        TranslationCase{
            "FunctionCallsAndOutputs",
            R"({"input":[{"role":"user","content":"Paris?"},{"role":"assistant","content":)"
            R"([{"type":"output_text","text":"Checking."}]},{"type":"function_call","call_id":)"
            R"("call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"},{"type":)"
            R"("function_call_output","call_id":"call_1","output":"18C"}],"tools":[{"type":)"
            R"("function","name":"get_weather","parameters":{"type":"object"}}],)"
            R"("max_output_tokens":300,"stream":true,"user":"u-9"})",
            R"({"model":"provider-model","max_tokens":300,"messages":[{"role":"user",)"
            R"("content":"Paris?"},{"role":"assistant","content":[{"type":"text","text":)"
            R"("Checking."},{"type":"tool_use","id":"call_1","name":"get_weather","input":)"
            R"({"city":"Paris"}}]},{"role":"user","content":[{"type":"tool_result",)"
            R"("tool_use_id":"call_1","content":"18C"}]}],"tools":[{"name":"get_weather",)"
            R"("input_schema":{"type":"object"}}],"stream":true,"metadata":{"user_id":"u-9"}})"},
        TranslationCase{
            "ImageUrlsBecomeSources",
            R"({"input":[{"role":"user","content":[{"type":"input_image","image_url":)"
            R"("https://x.test/a.png"},{"type":"input_image","image_url":)"
            R"("data:image/webp;base64,UklG"}]}]})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":[{"type":"image","source":{"type":"url","url":"https://x.test/a.png"}},)"
            R"({"type":"image","source":{"type":"base64","media_type":"image/webp","data":)"
            R"("UklG"}}]}]})"}),
    case_name);

TEST(ResponsesDecode, KeepsPreviousResponseIdForTheProxy) {
    auto request = decode_request(llm::ApiFormat::OpenAiResponses,
                                  R"({"input":"Hi","previous_response_id":"resp_1"})");
    ASSERT_TRUE(request) << request.error().message;
    EXPECT_EQ(request->previous_response_id, "resp_1");
}

}  // namespace
}  // namespace gw::translate::testing
