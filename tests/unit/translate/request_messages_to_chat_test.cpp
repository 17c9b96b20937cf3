// Anthropic Messages client -> OpenAI Chat upstream (dataplane.md §3.1: every non-Anthropic
// provider).

#include "unit/translate/request_cases.hpp"

namespace gw::translate::testing {
namespace {

using MessagesToChat =
    RequestTranslation<llm::ApiFormat::AnthropicMessages, llm::ApiFormat::OpenAiChat>;

TEST_P(MessagesToChat, Translates) { EXPECT_EQ(output(), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, MessagesToChat,
    ::testing::Values(
        TranslationCase{
            "SystemStringAndMaxTokens",
            R"({"model":"claude","max_tokens":1024,"system":"Be brief.","messages":)"
            R"([{"role":"user","content":"Hi"}]})",
            R"({"model":"provider-model","messages":[{"role":"system","content":"Be brief."},)"
            R"({"role":"user","content":"Hi"}],"max_tokens":1024})"},
        TranslationCase{
            "SystemBlocksJoinAndCacheMarkersAreDropped",
            R"({"max_tokens":10,"system":[{"type":"text","text":"Long doc","cache_control":)"
            R"({"type":"ephemeral"}},{"type":"text","text":"Rules"}],"messages":[{"role":)"
            R"("user","content":[{"type":"text","text":"Hi","cache_control":)"
            R"({"type":"ephemeral"}}]}]})",
            R"({"model":"provider-model","messages":[{"role":"system","content":)"
            R"("Long doc\nRules"},{"role":"user","content":"Hi"}],"max_tokens":10})"},
        TranslationCase{
            "Base64AndUrlImages",
            R"({"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image",)"
            R"("source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},)"
            R"({"type":"image","source":{"type":"url","url":"https://x.test/a.png"}},)"
            R"({"type":"text","text":"Compare"}]}]})",
            R"({"model":"provider-model","messages":[{"role":"user","content":[{"type":)"
            R"("image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},{"type":)"
            R"("image_url","image_url":{"url":"https://x.test/a.png"}},{"type":"text",)"
            R"("text":"Compare"}]}],"max_tokens":10})"},
        TranslationCase{
            "ToolUseAndToolResultsBecomeToolCallsAndToolMessages",
            R"({"max_tokens":10,"messages":[{"role":"user","content":"Paris?"},{"role":)"
            R"("assistant","content":[{"type":"text","text":"Let me check."},{"type":)"
            R"("tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},)"
            R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",)"
            R"("content":"18C"},{"type":"text","text":"And Rome?"}]}]})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Paris?"},)"
            R"({"role":"assistant","content":"Let me check.","tool_calls":[{"id":"toolu_1",)"
            R"("type":"function","function":{"name":"get_weather","arguments":)"
            R"("{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"toolu_1",)"
            R"("content":"18C"},{"role":"user","content":"And Rome?"}],"max_tokens":10})"},
        TranslationCase{
            "ToolResultBlocksAreFlattenedAndTheErrorFlagDropped",
            R"({"max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use",)"
            R"("id":"t1","name":"ls","input":{}},{"type":"tool_use","id":"t2","name":"cat"}]},)"
            R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":)"
            R"([{"type":"text","text":"a.txt"},{"type":"text","text":"b.txt"}]},{"type":)"
            R"("tool_result","tool_use_id":"t2","is_error":true,"content":"no such file"}]}]})",
            R"({"model":"provider-model","messages":[{"role":"assistant","content":null,)"
            R"("tool_calls":[{"id":"t1","type":"function","function":{"name":"ls",)"
            R"("arguments":"{}"}},{"id":"t2","type":"function","function":{"name":"cat",)"
            R"("arguments":"{}"}}]},{"role":"tool","tool_call_id":"t1","content":)"
            R"("a.txt\nb.txt"},{"role":"tool","tool_call_id":"t2","content":)"
            R"("no such file"}],"max_tokens":10})"},
        TranslationCase{
            "ThinkingBlocksAndConfigAreDropped",
            R"({"max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},)"
            R"("messages":[{"role":"user","content":"Why?"},{"role":"assistant","content":)"
            R"([{"type":"thinking","thinking":"Hmm.","signature":"sig"},{"type":)"
            R"("redacted_thinking","data":"xyz"},{"type":"text","text":"Because."}]},)"
            R"({"role":"user","content":"Sure?"}]})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Why?"},)"
            R"({"role":"assistant","content":"Because."},{"role":"user","content":"Sure?"}],)"
            R"("max_tokens":2048})"},
        TranslationCase{
            "SamplingStopStreamAndUser",
            R"({"max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"temperature":1e0,)"
            R"("top_p":0.9,"top_k":40,"stop_sequences":["\n\nHuman:"],"stream":true,)"
            R"("metadata":{"user_id":"u-1"}})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Hi"}],)"
            R"("max_tokens":10,"temperature":1.0,"top_p":0.9,"stop":["\n\nHuman:"],)"
            R"("stream":true,"stream_options":{"include_usage":true},"user":"u-1"})"},
        TranslationCase{
            "ToolsAndAnyChoiceWithSerialCalls",
            R"({"max_tokens":10,"messages":[{"role":"user","content":"Go"}],"tools":[{"name":)"
            R"("get_weather","description":"Weather","input_schema":{"type":"object",)"
            R"("properties":{"city":{"type":"string"}}},"cache_control":{"type":"ephemeral"}}],)"
            R"("tool_choice":{"type":"any","disable_parallel_tool_use":true}})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Go"}],"tools":)"
            R"([{"type":"function","function":{"name":"get_weather","description":"Weather",)"
            R"("parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],)"
            R"("tool_choice":"required","parallel_tool_calls":false,"max_tokens":10})"},
        TranslationCase{
            "NamedToolChoice",
            R"({"max_tokens":10,"messages":[{"role":"user","content":"Go"}],"tools":[{"name":)"
            R"("f","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"f"}})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Go"}],"tools":)"
            R"([{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],)"
            R"("tool_choice":{"type":"function","function":{"name":"f"}},"max_tokens":10})"},
        TranslationCase{
            "NoneAndAutoToolChoice",
            R"({"max_tokens":10,"messages":[{"role":"user","content":"Go"}],"tools":[{"name":)"
            R"("f","input_schema":{"type":"object"}}],"tool_choice":{"type":"none"}})",
            R"({"model":"provider-model","messages":[{"role":"user","content":"Go"}],"tools":)"
            R"([{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],)"
            R"("tool_choice":"none","max_tokens":10})"}),
    case_name);

}  // namespace
}  // namespace gw::translate::testing
