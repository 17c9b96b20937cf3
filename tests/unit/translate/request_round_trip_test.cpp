// Decoding into the IR and encoding back into the same API loses nothing the API can say: each
// sample is written in the encoder's canonical form (key order, string content for a lone text,
// model = the provider's id), so the round trip must reproduce it byte for byte.

#include "unit/translate/request_cases.hpp"

namespace gw::translate::testing {
namespace {

std::string round_trip(llm::ApiFormat api, std::string_view body) {
    auto request = decode_request(api, body);
    return request ? encode_request(api, *request, kOptions) : "ERROR: " + request.error().message;
}

class ChatRoundTrip : public ::testing::TestWithParam<TranslationCase> {};

TEST_P(ChatRoundTrip, PreservesTheRequest) {
    const std::string once = round_trip(llm::ApiFormat::OpenAiChat, GetParam().input);
    EXPECT_EQ(once, GetParam().input);
    EXPECT_EQ(round_trip(llm::ApiFormat::OpenAiChat, once), once);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, ChatRoundTrip,
    ::testing::Values(
        TranslationCase{"PlainConversation",
                        R"({"model":"provider-model","messages":[{"role":"system","content":)"
                        R"("Be brief."},{"role":"user","content":"Hi"},{"role":"assistant",)"
                        R"("content":"Hello!"},{"role":"user","content":"Bye"}]})",
                        {}},
        TranslationCase{"MultiPartAndImages",
                        R"({"model":"provider-model","messages":[{"role":"user","content":)"
                        R"([{"type":"text","text":"Compare"},{"type":"image_url","image_url":)"
                        R"({"url":"https://x.test/a.png"}},{"type":"image_url","image_url":)"
                        R"({"url":"data:image/png;base64,AAAA"}}]}]})",
                        {}},
        TranslationCase{"ToolsCallsAndResults",
                        R"({"model":"provider-model","messages":[{"role":"user","content":)"
                        R"("Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":)"
                        R"("call_1","type":"function","function":{"name":"get_weather",)"
                        R"("arguments":"{\"city\": \"Paris\"}"}}]},{"role":"tool",)"
                        R"("tool_call_id":"call_1","content":"18C"},{"role":"assistant",)"
                        R"("content":"It is 18C."}],"tools":[{"type":"function","function":)"
                        R"({"name":"get_weather","description":"Weather","parameters":{"type":)"
                        R"("object","properties":{"city":{"type":"string"}}}}}],"tool_choice":)"
                        R"({"type":"function","function":{"name":"get_weather"}},)"
                        R"("parallel_tool_calls":true})",
                        {}},
        TranslationCase{"EverySamplingField",
                        R"({"model":"provider-model","messages":[{"role":"user","content":"Hi"}],)"
                        R"("max_tokens":64,"temperature":0.25,"top_p":0.9,"stop":["a","b"],)"
                        R"("stream":true,"stream_options":{"include_usage":true},"user":"u-1",)"
                        R"("reasoning_effort":"medium","response_format":{"type":"json_schema",)"
                        R"("json_schema":{"name":"x","schema":{"type":"object"}}}})",
                        {}},
        TranslationCase{"UnicodeAndEscapes",
                        R"({"model":"provider-model","messages":[{"role":"user","content":)"
                        "\"caf\xC3\xA9 \\\"quoted\\\"\\n\\u0001 \xF0\x9F\x98\x80\"}]}",
                        {}}),
    case_name);

// Past the per-thread reused parse buffer, a body gets buffers of its own.
TEST(ChatRoundTrip, LargeBody) {
    const std::string body = R"({"model":"provider-model","messages":[{"role":"user","content":")" +
                             std::string(300 * 1024, 'x') + R"("}]})";
    EXPECT_EQ(round_trip(llm::ApiFormat::OpenAiChat, body), body);
}

TEST(ChatRoundTrip, StreamingAlwaysAsksForUsage) {
    EXPECT_EQ(round_trip(llm::ApiFormat::OpenAiChat,
                         R"({"messages":[{"role":"user","content":"Hi"}],"stream":true,)"
                         R"("stream_options":{"include_usage":false}})"),
              R"({"model":"provider-model","messages":[{"role":"user","content":"Hi"}],)"
              R"("stream":true,"stream_options":{"include_usage":true}})");
}

// Messages -> IR -> Messages keeps what only Anthropic has: thinking with its signature and cache
// markers on every kind of block.
TEST(MessagesRoundTrip, KeepsThinkingSignaturesAndCacheMarkers) {
    constexpr std::string_view kBody =
        R"({"model":"provider-model","max_tokens":2048,"system":[{"type":"text","text":)"
        R"("Doc","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":)"
        R"([{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"},)"
        R"("cache_control":{"type":"ephemeral"}},{"type":"text","text":"What?"}]},{"role":)"
        R"("assistant","content":[{"type":"thinking","thinking":"Let me see.","signature":)"
        R"("EqQBCgIYAh"},{"type":"tool_use","id":"toolu_1","name":"zoom","input":{"x":1}}]},)"
        R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":)"
        R"("zoomed","is_error":true,"cache_control":{"type":"ephemeral"}}]}],"tools":[{"name":)"
        R"("zoom","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],)"
        R"("tool_choice":{"type":"auto","disable_parallel_tool_use":true},"temperature":1,)"
        R"("top_k":5,"stop_sequences":["END"],"stream":true,"metadata":{"user_id":"u-1"},)"
        R"("thinking":{"type":"enabled","budget_tokens":1024}})";
    EXPECT_EQ(round_trip(llm::ApiFormat::AnthropicMessages, kBody), kBody);
}

}  // namespace
}  // namespace gw::translate::testing
