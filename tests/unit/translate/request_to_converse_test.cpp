// Chat, Messages and Responses clients -> Amazon Bedrock Converse upstream (dataplane.md §3.1:
// every client API of an amazon_bedrock provider). The model id is in the path, never the body.

#include "unit/translate/request_cases.hpp"

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

using ChatToConverse = RequestTranslation<ApiFormat::OpenAiChat, ApiFormat::BedrockConverse>;

TEST_P(ChatToConverse, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ChatToConverse,
    ::testing::Values(
        TranslationCase{"SystemPromptAndNoModelInTheBody",
                        R"({"model":"claude","messages":[{"role":"system","content":"Be brief."},)"
                        R"({"role":"user","content":"Hi"}]})",
                        R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],)"
                        R"("system":[{"text":"Be brief."}]})"},
        TranslationCase{
            "SystemAndDeveloperMessagesAreSeparateBlocks",
            R"({"messages":[{"role":"system","content":"One."},{"role":"developer",)"
            R"("content":[{"type":"text","text":"Two."}]},{"role":"user","content":"Hi"}]})",
            R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],)"
            R"("system":[{"text":"One."},{"text":"Two."}]})"},
        TranslationCase{
            "MultiPartTextAndBase64Images",
            R"({"messages":[{"role":"user","content":[{"type":"text","text":"Compare"},)"
            R"({"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},)"
            R"({"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},)"
            R"({"type":"image_url","image_url":{"url":"data:image/gif;base64,R0lGOD"}},)"
            R"({"type":"image_url","image_url":{"url":"data:image/webp;base64,UklGR"}},)"
            R"({"type":"text","text":"please"}]}]})",
            R"({"messages":[{"role":"user","content":[{"text":"Compare"},{"image":{"format":)"
            R"("png","source":{"bytes":"iVBORw0KGgo="}}},{"image":{"format":"jpeg","source":)"
            R"({"bytes":"/9j/4AAQ"}}},{"image":{"format":"gif","source":{"bytes":"R0lGOD"}}},)"
            R"({"image":{"format":"webp","source":{"bytes":"UklGR"}}},{"text":"please"}]}]})"},
        // Converse takes image bytes or S3 objects only, and this module does no I/O.
        TranslationCase{
            "ImageUrlsAndOtherFormatsBecomeTextNamingThem",
            R"({"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},)"
            R"({"type":"image_url","image_url":{"url":"https://x.test/cat.png","detail":"high"}},)"
            R"({"type":"image_url","image_url":{"url":"data:image/bmp;base64,Qk0="}},)"
            R"({"type":"image_url","image_url":{"url":"data:image/svg+xml,<svg/>"}}]}]})",
            R"({"messages":[{"role":"user","content":[{"text":"What is this?"},)"
            R"({"text":"[image: https://x.test/cat.png]"},{"text":"[image: image/bmp]"},)"
            R"({"text":"[image: image/svg+xml]"}]}]})"},
        TranslationCase{
            "ToolsAndNamedChoice",
            R"({"messages":[{"role":"user","content":"Weather?"}],"tools":[{"type":"function",)"
            R"("function":{"name":"get_weather","description":"Current weather","parameters":)"
            R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],)"
            R"("tool_choice":{"type":"function","function":{"name":"get_weather"}},)"
            R"("parallel_tool_calls":false})",
            R"({"messages":[{"role":"user","content":[{"text":"Weather?"}]}],"toolConfig":)"
            R"({"tools":[{"toolSpec":{"name":"get_weather","description":"Current weather",)"
            R"("inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},)"
            R"("required":["city"]}}}}],"toolChoice":{"tool":{"name":"get_weather"}}}})"},
        TranslationCase{
            "RequiredChoiceIsAnyAndToolWithoutParametersGetsEmptySchema",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}],"tool_choice":"required"})",
            R"({"messages":[{"role":"user","content":[{"text":"Go"}]}],"toolConfig":{"tools":)"
            R"([{"toolSpec":{"name":"ping","inputSchema":{"json":{"type":"object",)"
            R"("properties":{}}}}}],"toolChoice":{"any":{}}}})"},
        TranslationCase{
            "AutoChoiceIsSentWhenAsked",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}],"tool_choice":"auto"})",
            R"({"messages":[{"role":"user","content":[{"text":"Go"}]}],"toolConfig":{"tools":)"
            R"([{"toolSpec":{"name":"ping","inputSchema":{"json":{"type":"object",)"
            R"("properties":{}}}}}],"toolChoice":{"auto":{}}}})"},
        TranslationCase{
            "NoChoiceSendsNoChoice",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}]})",
            R"({"messages":[{"role":"user","content":[{"text":"Go"}]}],"toolConfig":{"tools":)"
            R"([{"toolSpec":{"name":"ping","inputSchema":{"json":{"type":"object",)"
            R"("properties":{}}}}}]}})"},
        // Converse has no "none": withholding the tools is how it is said.
        TranslationCase{
            "NoneChoiceWithholdsTheTools",
            R"({"messages":[{"role":"user","content":"Go"}],"tools":[{"type":"function",)"
            R"("function":{"name":"ping"}}],"tool_choice":"none"})",
            R"({"messages":[{"role":"user","content":[{"text":"Go"}]}]})"},
        // Converse refuses toolUse and toolResult blocks without a toolConfig.
        TranslationCase{
            "NoneChoiceKeepsTheToolsTheHistoryNeedsWithoutAChoice",
            R"({"messages":[{"role":"user","content":"Go"},{"role":"assistant","content":null,)"
            R"("tool_calls":[{"id":"c1","type":"function","function":{"name":"ping",)"
            R"("arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"pong"}],)"
            R"("tools":[{"type":"function","function":{"name":"ping"}}],"tool_choice":"none"})",
            R"({"messages":[{"role":"user","content":[{"text":"Go"}]},{"role":"assistant",)"
            R"("content":[{"toolUse":{"toolUseId":"c1","name":"ping","input":{}}}]},{"role":)"
            R"("user","content":[{"toolResult":{"toolUseId":"c1","content":[{"text":"pong"}]}}]}],)"
            R"("toolConfig":{"tools":[{"toolSpec":{"name":"ping","inputSchema":{"json":)"
            R"({"type":"object","properties":{}}}}}]}})"},
        TranslationCase{
            "ToolHistoryWithoutToolsDeclaresTheCalledOnes",
            R"({"messages":[{"role":"user","content":"Go"},{"role":"assistant","content":null,)"
            R"("tool_calls":[{"id":"c1","type":"function","function":{"name":"a","arguments":)"
            R"("{}"}},{"id":"c2","type":"function","function":{"name":"b","arguments":"{}"}},)"
            R"({"id":"c3","type":"function","function":{"name":"a","arguments":"{}"}}]},)"
            R"({"role":"tool","tool_call_id":"c1","content":"1"},{"role":"tool","tool_call_id":)"
            R"("c2","content":"2"},{"role":"tool","tool_call_id":"c3","content":"3"}],)"
            R"("tool_choice":"required"})",
            R"({"messages":[{"role":"user","content":[{"text":"Go"}]},{"role":"assistant",)"
            R"("content":[{"toolUse":{"toolUseId":"c1","name":"a","input":{}}},{"toolUse":)"
            R"({"toolUseId":"c2","name":"b","input":{}}},{"toolUse":{"toolUseId":"c3","name":)"
            R"("a","input":{}}}]},{"role":"user","content":[{"toolResult":{"toolUseId":"c1",)"
            R"("content":[{"text":"1"}]}},{"toolResult":{"toolUseId":"c2","content":[{"text":)"
            R"("2"}]}},{"toolResult":{"toolUseId":"c3","content":[{"text":"3"}]}}]}],)"
            R"("toolConfig":{"tools":[{"toolSpec":{"name":"a","inputSchema":{"json":{"type":)"
            R"("object","properties":{}}}}},{"toolSpec":{"name":"b","inputSchema":{"json":)"
            R"({"type":"object","properties":{}}}}}]}})"},
        TranslationCase{"ToolChoiceWithoutToolsIsLeftOut",
                        R"({"messages":[{"role":"user","content":"Go"}],"tool_choice":"auto"})",
                        R"({"messages":[{"role":"user","content":[{"text":"Go"}]}]})"},
        TranslationCase{
            "ToolCallsAndResultsAlternateRoles",
            R"({"messages":[{"role":"user","content":"Paris and Rome?"},{"role":"assistant",)"
            R"("content":"Checking.","tool_calls":[{"id":"call_1","type":"function","function":)"
            R"({"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}},{"id":"call_2",)"
            R"("type":"function","function":{"name":"get_weather","arguments":"{\"x\":"}}]},)"
            R"({"role":"tool","tool_call_id":"call_1","content":"18C"},{"role":"tool",)"
            R"("tool_call_id":"call_2","content":[{"type":"text","text":"21C"},{"type":"text",)"
            R"("text":"sunny"}]},{"role":"user","content":"Thanks"}],"tools":[{"type":)"
            R"("function","function":{"name":"get_weather"}}]})",
            R"({"messages":[{"role":"user","content":[{"text":"Paris and Rome?"}]},{"role":)"
            R"("assistant","content":[{"text":"Checking."},{"toolUse":{"toolUseId":"call_1",)"
            R"("name":"get_weather","input":{"city":"Paris"}}},{"toolUse":{"toolUseId":)"
            R"("call_2","name":"get_weather","input":{}}}]},{"role":"user","content":[)"
            R"({"toolResult":{"toolUseId":"call_1","content":[{"text":"18C"}]}},{"toolResult":)"
            R"({"toolUseId":"call_2","content":[{"text":"21C\nsunny"}]}},{"text":"Thanks"}]}],)"
            R"("toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","inputSchema":{"json":)"
            R"({"type":"object","properties":{}}}}}]}})"},
        // Converse refuses empty text blocks, but not an empty result.
        TranslationCase{
            "EmptyTextsAreDroppedAndAnEmptyResultHasNoBlocks",
            R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":""},)"
            R"({"role":"user","content":"b"},{"role":"assistant","content":"","tool_calls":[)"
            R"({"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},)"
            R"({"role":"tool","tool_call_id":"c1","content":""}],"tools":[{"type":"function",)"
            R"("function":{"name":"f"}}]})",
            R"({"messages":[{"role":"user","content":[{"text":"a"},{"text":"b"}]},{"role":)"
            R"("assistant","content":[{"toolUse":{"toolUseId":"c1","name":"f","input":{}}}]},)"
            R"({"role":"user","content":[{"toolResult":{"toolUseId":"c1","content":[]}}]}],)"
            R"("toolConfig":{"tools":[{"toolSpec":{"name":"f","inputSchema":{"json":{"type":)"
            R"("object","properties":{}}}}}]}})"},
        TranslationCase{
            "SamplingAndStopSequencesAndDroppedFields",
            R"({"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.7,)"
            R"("top_p":1,"max_completion_tokens":256,"stop":"END","stream":true,)"
            R"("stream_options":{"include_usage":true},"user":"u-42","reasoning_effort":"low",)"
            R"("response_format":{"type":"json_object"},"seed":7,"n":1})",
            R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":)"
            R"({"maxTokens":256,"temperature":0.7,"topP":1,"stopSequences":["END"]}})"},
        TranslationCase{"SeveralStopSequences",
                        R"({"messages":[{"role":"user","content":"Hi"}],"stop":["a","b"]})",
                        R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],)"
                        R"("inferenceConfig":{"stopSequences":["a","b"]}})"}),
    case_name);

using MessagesToConverse =
    RequestTranslation<ApiFormat::AnthropicMessages, ApiFormat::BedrockConverse>;

TEST_P(MessagesToConverse, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, MessagesToConverse,
    ::testing::Values(
        TranslationCase{"StringSystemAndMaxTokens",
                        R"({"model":"claude","max_tokens":100,"system":"Be brief.","messages":)"
                        R"([{"role":"user","content":"Hi"}]})",
                        R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],)"
                        R"("system":[{"text":"Be brief."}],"inferenceConfig":{"maxTokens":100}})"},
        // Anthropic's cache_control ends a cached prefix at its block; a cachePoint follows it.
        TranslationCase{
            "CacheMarkersBecomeCachePoints",
            R"({"max_tokens":10,"system":[{"type":"text","text":"Doc","cache_control":)"
            R"({"type":"ephemeral"}},{"type":"text","text":"Rules"}],"messages":[{"role":"user",)"
            R"("content":[{"type":"text","text":"Q","cache_control":{"type":"ephemeral"}}]}],)"
            R"("tools":[{"name":"zoom","input_schema":{"type":"object"},"cache_control":)"
            R"({"type":"ephemeral"}}]})",
            R"({"messages":[{"role":"user","content":[{"text":"Q"},{"cachePoint":{"type":)"
            R"("default"}}]}],"system":[{"text":"Doc"},{"cachePoint":{"type":"default"}},)"
            R"({"text":"Rules"}],"inferenceConfig":{"maxTokens":10},"toolConfig":{"tools":[)"
            R"({"toolSpec":{"name":"zoom","inputSchema":{"json":{"type":"object"}}}},)"
            R"({"cachePoint":{"type":"default"}}]}})"},
        TranslationCase{
            "Base64AndUrlImageBlocks",
            R"({"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image",)"
            R"("source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}},{"type":)"
            R"("image","source":{"type":"url","url":"https://x.test/a.webp"}},{"type":"text",)"
            R"("text":"Both?"}]}]})",
            R"({"messages":[{"role":"user","content":[{"image":{"format":"jpeg","source":)"
            R"({"bytes":"/9j/"}}},{"text":"[image: https://x.test/a.webp]"},{"text":"Both?"}]}],)"
            R"("inferenceConfig":{"maxTokens":10}})"},
        TranslationCase{
            "ThinkingToolUseAndErrorResultRoundTrip",
            R"({"max_tokens":2048,"messages":[{"role":"user","content":"Zoom in"},{"role":)"
            R"("assistant","content":[{"type":"thinking","thinking":"Let me see.","signature":)"
            R"("EqQBCgIYAh"},{"type":"thinking","thinking":"unsigned","signature":""},{"type":)"
            R"("tool_use","id":"toolu_1","name":"zoom","input":{"x":1}}]},{"role":"user",)"
            R"("content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":)"
            R"("text","text":"no"},{"type":"text","text":"such"}],"is_error":true},{"type":)"
            R"("text","text":"Why?"}]}],"tools":[{"name":"zoom","description":"Zoom",)"
            R"("input_schema":{"type":"object","properties":{"x":{"type":"integer"}}}}],)"
            R"("tool_choice":{"type":"tool","name":"zoom"}})",
            R"({"messages":[{"role":"user","content":[{"text":"Zoom in"}]},{"role":)"
            R"("assistant","content":[{"reasoningContent":{"reasoningText":{"text":)"
            R"("Let me see.","signature":"EqQBCgIYAh"}}},{"toolUse":{"toolUseId":"toolu_1",)"
            R"("name":"zoom","input":{"x":1}}}]},{"role":"user","content":[{"toolResult":)"
            R"({"toolUseId":"toolu_1","content":[{"text":"no\nsuch"}],"status":"error"}},)"
            R"({"text":"Why?"}]}],"inferenceConfig":{"maxTokens":2048},"toolConfig":{"tools":)"
            R"([{"toolSpec":{"name":"zoom","description":"Zoom","inputSchema":{"json":{"type":)"
            R"("object","properties":{"x":{"type":"integer"}}}}}}],"toolChoice":{"tool":)"
            R"({"name":"zoom"}}}})"},
        // Claude's own fields, which Bedrock passes to the model as they are.
        TranslationCase{
            "TopKAndThinkingBudgetAreAdditionalFields",
            R"({"max_tokens":4096,"messages":[{"role":"user","content":"Hi"}],"temperature":1,)"
            R"("top_p":0.9,"top_k":5,"stop_sequences":["END","STOP"],"stream":true,)"
            R"("metadata":{"user_id":"u-1"},"thinking":{"type":"enabled","budget_tokens":1024}})",
            R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":)"
            R"({"maxTokens":4096,"temperature":1,"topP":0.9,"stopSequences":["END","STOP"]},)"
            R"("additionalModelRequestFields":{"top_k":5,"thinking":{"type":"enabled",)"
            R"("budget_tokens":1024}}})"},
        TranslationCase{
            "ConsecutiveTurnsOfOneRoleMerge",
            R"({"max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"user",)"
            R"("content":"b"},{"role":"assistant","content":"c"},{"role":"assistant",)"
            R"("content":[{"type":"text","text":"d"}]}]})",
            R"({"messages":[{"role":"user","content":[{"text":"a"},{"text":"b"}]},{"role":)"
            R"("assistant","content":[{"text":"c"},{"text":"d"}]}],"inferenceConfig":)"
            R"({"maxTokens":5}})"}),
    case_name);

using ResponsesToConverse =
    RequestTranslation<ApiFormat::OpenAiResponses, ApiFormat::BedrockConverse>;

TEST_P(ResponsesToConverse, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ResponsesToConverse,
    ::testing::Values(
        TranslationCase{
            "InstructionsStringInputAndSampling",
            R"({"model":"gpt","instructions":"Be brief.","input":"Hi","max_output_tokens":50,)"
            R"("temperature":0.2,"top_p":0.5,"user":"u-1","store":false,"reasoning":)"
            R"({"effort":"high"}})",
            R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}],"system":[{"text":)"
            R"("Be brief."}],"inferenceConfig":{"maxTokens":50,"temperature":0.2,"topP":0.5}})"},
        TranslationCase{
            "ImagesAndAssistantText",
            R"({"input":[{"role":"developer","content":"Rules."},{"type":"message","role":)"
            R"("user","content":[{"type":"input_text","text":"Look"},{"type":"input_image",)"
            R"("image_url":"data:image/png;base64,AAAA","detail":"auto"}]},{"role":"assistant",)"
            R"("content":[{"type":"output_text","text":"A square."}]},{"role":"user","content":)"
            R"("Color?"}]})",
            R"({"messages":[{"role":"user","content":[{"text":"Look"},{"image":{"format":)"
            R"("png","source":{"bytes":"AAAA"}}}]},{"role":"assistant","content":[{"text":)"
            R"("A square."}]},{"role":"user","content":[{"text":"Color?"}]}],"system":[)"
            R"({"text":"Rules."}]})"},
        TranslationCase{
            "FunctionCallsAndOutputs",
            R"({"input":[{"role":"user","content":"Paris and Rome?"},{"type":"reasoning",)"
            R"("id":"rs_1","summary":[]},{"type":"function_call","id":"fc_1","call_id":"call_1",)"
            R"("name":"get_weather","arguments":"{\"city\":\"Paris\"}"},{"type":"function_call",)"
            R"("call_id":"call_2","name":"get_weather","arguments":"{\"city\":\"Rome\"}"},)"
            R"({"type":"function_call_output","call_id":"call_1","output":"18C"},{"type":)"
            R"("function_call_output","call_id":"call_2","output":"21C"}],"tools":[{"type":)"
            R"("function","name":"get_weather","description":"Weather","parameters":{"type":)"
            R"("object"},"strict":true}],"tool_choice":"required"})",
            R"({"messages":[{"role":"user","content":[{"text":"Paris and Rome?"}]},{"role":)"
            R"("assistant","content":[{"toolUse":{"toolUseId":"call_1","name":"get_weather",)"
            R"("input":{"city":"Paris"}}},{"toolUse":{"toolUseId":"call_2","name":)"
            R"("get_weather","input":{"city":"Rome"}}}]},{"role":"user","content":[)"
            R"({"toolResult":{"toolUseId":"call_1","content":[{"text":"18C"}]}},{"toolResult":)"
            R"({"toolUseId":"call_2","content":[{"text":"21C"}]}}]}],"toolConfig":{"tools":[)"
            R"({"toolSpec":{"name":"get_weather","description":"Weather","inputSchema":{"json":)"
            R"({"type":"object"}}}}],"toolChoice":{"any":{}}}})"}),
    case_name);

// Converse is never a client API: its requests are not decoded, so nothing translates from it.
TEST(ConverseRequest, IsNeverTranslatedFrom) {
    auto out = translate_request(ApiFormat::BedrockConverse, ApiFormat::OpenAiChat,
                                 R"({"messages":[]})", kOptions);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, Error::Kind::InvalidArgument);
    EXPECT_FALSE(can_translate(ApiFormat::BedrockConverse, ApiFormat::BedrockConverse));
}

}  // namespace
}  // namespace gw::translate::testing
