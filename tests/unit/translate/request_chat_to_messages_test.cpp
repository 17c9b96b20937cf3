// OpenAI Chat client -> Anthropic Messages upstream (spec §3: native Messages for anthropic/...).

#include "unit/translate/request_cases.hpp"

namespace gw::translate::testing {
namespace {

using ChatToMessages =
    RequestTranslation<llm::ApiFormat::OpenAiChat, llm::ApiFormat::AnthropicMessages>;

TEST_P(ChatToMessages, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ChatToMessages,
    ::testing::Values(
        TranslationCase{"SystemPromptAndDefaultMaxTokens",
                        R"({"model":"claude","messages":[{"role":"system","content":"Be brief."},)"
                        R"({"role":"user","content":"Hi"}]})",
                        R"({"model":"provider-model","max_tokens":4096,"system":"Be brief.",)"
                        R"("messages":[{"role":"user","content":"Hi"}]})"},
        TranslationCase{
            "SystemAndDeveloperMessagesJoin",
            R"({"messages":[{"role":"system","content":"One."},{"role":"developer",)"
            R"("content":[{"type":"text","text":"Two."}]},{"role":"user","content":"Hi"}]})",
            R"({"model":"provider-model","max_tokens":4096,"system":"One.\nTwo.",)"
            R"("messages":[{"role":"user","content":"Hi"}]})"},
        TranslationCase{
            "CacheControlOnSystemPartKeepsBlocks",
            R"({"messages":[{"role":"system","content":[{"type":"text","text":"Long doc",)"
            R"("cache_control":{"type":"ephemeral"}},{"type":"text","text":"Rules"}]},)"
            R"({"role":"user","content":"Hi"}]})",
            R"({"model":"provider-model","max_tokens":4096,"system":[{"type":"text",)"
            R"("text":"Long doc","cache_control":{"type":"ephemeral"}},{"type":"text",)"
            R"("text":"Rules"}],"messages":[{"role":"user","content":"Hi"}]})"},
        TranslationCase{
            "MultiPartContentWithUrlAndBase64Images",
            R"({"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},)"
            R"({"type":"image_url","image_url":{"url":"https://x.test/cat.png","detail":"high"}},)"
            R"({"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}],)"
            R"("max_tokens":100})",
            R"({"model":"provider-model","max_tokens":100,"messages":[{"role":"user",)"
            R"("content":[{"type":"text","text":"What is this?"},{"type":"image","source":)"
            R"({"type":"url","url":"https://x.test/cat.png"}},{"type":"image","source":)"
            R"({"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]})"},
        TranslationCase{
            "ToolsNamedChoiceAndSerialCalls",
            R"({"messages":[{"role":"user","content":"Weather?"}],"tools":[{"type":"function",)"
            R"("function":{"name":"get_weather","description":"Current weather","parameters":)"
            R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],)"
            R"("tool_choice":{"type":"function","function":{"name":"get_weather"}},)"
            R"("parallel_tool_calls":false})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Weather?"}],"tools":[{"name":"get_weather","description":)"
            R"("Current weather","input_schema":{"type":"object","properties":{"city":)"
            R"({"type":"string"}},"required":["city"]}}],"tool_choice":{"type":"tool",)"
            R"("name":"get_weather","disable_parallel_tool_use":true}})"},
        TranslationCase{
            "RequiredChoiceIsAnyAndToolWithoutParametersGetsEmptySchema",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}],"tool_choice":"required"})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Go"}],"tools":[{"name":"ping","input_schema":{"type":"object",)"
            R"("properties":{}}}],"tool_choice":{"type":"any"}})"},
        TranslationCase{
            "NoneChoiceHasNoParallelFlag",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}],"tool_choice":"none","parallel_tool_calls":false})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Go"}],"tools":[{"name":"ping","input_schema":{"type":"object",)"
            R"("properties":{}}}],"tool_choice":{"type":"none"}})"},
        TranslationCase{
            "SerialCallsWithoutChoiceIsAuto",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}],"parallel_tool_calls":false})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Go"}],"tools":[{"name":"ping","input_schema":{"type":"object",)"
            R"("properties":{}}}],"tool_choice":{"type":"auto","disable_parallel_tool_use":true}})"},
        TranslationCase{"ToolChoiceWithoutToolsIsLeftOut",
                        R"({"messages":[{"role":"user","content":"Go"}],"tool_choice":"auto"})",
                        R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
                        R"("content":"Go"}]})"},
        TranslationCase{
            "ToolCallsAndResultsAlternateRoles",
            R"({"messages":[{"role":"user","content":"Paris and Rome?"},{"role":"assistant",)"
            R"("content":null,"tool_calls":[{"id":"call_1","type":"function","function":)"
            R"({"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_2",)"
            R"("type":"function","function":{"name":"get_weather","arguments":)"
            R"("{\"city\": \"Rome\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":)"
            R"("18C"},{"role":"tool","tool_call_id":"call_2","content":[{"type":"text",)"
            R"("text":"21C"},{"type":"text","text":"sunny"}]},{"role":"user","content":"Thanks"}]})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Paris and Rome?"},{"role":"assistant","content":[{"type":"tool_use",)"
            R"("id":"call_1","name":"get_weather","input":{"city":"Paris"}},{"type":)"
            R"("tool_use","id":"call_2","name":"get_weather","input":{"city":"Rome"}}]},)"
            R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1",)"
            R"("content":"18C"},{"type":"tool_result","tool_use_id":"call_2","content":)"
            R"("21C\nsunny"},{"type":"text","text":"Thanks"}]}]})"},
        TranslationCase{
            "AssistantTextBesideToolCallAndBrokenArguments",
            R"({"messages":[{"role":"user","content":"Go"},{"role":"assistant","content":)"
            R"("Checking.","tool_calls":[{"id":"c1","type":"function","function":{"name":"a",)"
            R"("arguments":""}},{"id":"c2","type":"function","function":{"name":"b",)"
            R"("arguments":"{\"x\":"}}]}]})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Go"},{"role":"assistant","content":[{"type":"text","text":)"
            R"("Checking."},{"type":"tool_use","id":"c1","name":"a","input":{}},{"type":)"
            R"("tool_use","id":"c2","name":"b","input":{}}]}]})"},
        TranslationCase{
            "ConsecutiveUserMessagesMergeAndEmptyAssistantTextIsDropped",
            R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},)"
            R"({"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function",)"
            R"("function":{"name":"f","arguments":"{}"}}]}]})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},)"
            R"({"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"f",)"
            R"("input":{}}]}]})"},
        TranslationCase{
            "SamplingStopStreamUserAndDroppedFields",
            R"({"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.7,)"
            R"("top_p":1,"max_completion_tokens":256,"stop":"END","stream":true,)"
            R"("stream_options":{"include_usage":true},"user":"u-42","reasoning_effort":"low",)"
            R"("response_format":{"type":"json_object"},"seed":7,"n":1,"logprobs":true})",
            R"({"model":"provider-model","max_tokens":256,"messages":[{"role":"user",)"
            R"("content":"Hi"}],"temperature":0.7,"top_p":1,"stop_sequences":["END"],)"
            R"("stream":true,"metadata":{"user_id":"u-42"}})"},
        TranslationCase{"MaxTokensWinsOverMaxCompletionTokens",
                        R"({"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":9,)"
                        R"("max_tokens":5,"stop":["a","b"]})",
                        R"({"model":"provider-model","max_tokens":5,"messages":[{"role":"user",)"
                        R"("content":"Hi"}],"stop_sequences":["a","b"]})"},
        TranslationCase{
            "LegacyFunctionsAndFunctionCall",
            R"({"messages":[{"role":"user","content":"Go"},{"role":"assistant","content":null,)"
            R"("function_call":{"name":"lookup","arguments":"{\"q\":1}"}},{"role":"function",)"
            R"("name":"lookup","content":"found"}],"functions":[{"name":"lookup",)"
            R"("parameters":{"type":"object"}}],"function_call":{"name":"lookup"}})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Go"},{"role":"assistant","content":[{"type":"tool_use","id":)"
            R"("lookup","name":"lookup","input":{"q":1}}]},{"role":"user","content":)"
            R"([{"type":"tool_result","tool_use_id":"lookup","content":"found"}]}],"tools":)"
            R"([{"name":"lookup","input_schema":{"type":"object"}}],"tool_choice":)"
            R"({"type":"tool","name":"lookup"}})"},
        TranslationCase{
            "NullOptionalFieldsAreAbsent",
            R"({"messages":[{"role":"user","content":"Hi"}],"temperature":null,"stop":null,)"
            R"("tools":null,"stream":null})",
            R"({"model":"provider-model","max_tokens":4096,"messages":[{"role":"user",)"
            R"("content":"Hi"}]})"}),
    case_name);

}  // namespace
}  // namespace gw::translate::testing
