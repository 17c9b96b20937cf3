#include "gw/mock/completion.hpp"

#include <gtest/gtest.h>

namespace gw::mock {
namespace {

ParsedRequest parse(MockApi api, std::string_view body) {
    auto parsed = parse_request(api, body);
    EXPECT_TRUE(parsed.has_value());
    return parsed ? *parsed : ParsedRequest{};
}

TEST(ParseRequest, ChatReadsModelStreamUsageAndPrompt) {
    const auto r =
        parse(MockApi::ChatCompletions,
              R"({"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
                             "messages":[{"role":"system","content":"abcd"},
                                         {"role":"user","content":[{"type":"text","text":"hi"}]},
                                         {"role":"assistant","content":"ok"}]})");
    EXPECT_EQ(r.model, "gpt-4o-mini");
    EXPECT_TRUE(r.stream);
    EXPECT_TRUE(r.include_usage);
    EXPECT_EQ(r.prompt_bytes, 8U);
    EXPECT_EQ(r.last_user_text, "hi");
}

TEST(ParseRequest, AnthropicCountsTopLevelSystem) {
    const auto r = parse(MockApi::Messages,
                         R"({"model":"claude","system":[{"type":"text","text":"sys"}],
                             "messages":[{"role":"user","content":"hello"}]})");
    EXPECT_EQ(r.prompt_bytes, 8U);
    EXPECT_EQ(r.last_user_text, "hello");
}

TEST(ParseRequest, ResponsesAcceptsStringInputAndInstructions) {
    const auto r = parse(MockApi::Responses, R"({"model":"m","instructions":"ab","input":"cdef"})");
    EXPECT_EQ(r.prompt_bytes, 6U);
    EXPECT_EQ(r.last_user_text, "cdef");
}

TEST(ParseRequest, RejectsNonObjects) {
    EXPECT_FALSE(parse_request(MockApi::ChatCompletions, "[1]").has_value());
    EXPECT_FALSE(parse_request(MockApi::ChatCompletions, "{oops").has_value());
}

TEST(MakeCompletion, EchoesFirstFortyCharactersAndCountsUsage) {
    ParsedRequest r;
    r.model = "m";
    r.prompt_bytes = 9;
    r.last_user_text = std::string(50, 'x');
    const auto c = make_completion(MockApi::ChatCompletions, r, {}, 3);
    EXPECT_EQ(c.text(), std::string(kReplyPrefix) + std::string(40, 'x'));
    EXPECT_EQ(c.usage.input_tokens, 3U);   // ceil(9 / 4)
    EXPECT_EQ(c.usage.output_tokens, 6U);  // Hello from plano-mock! You said: xxx..
    EXPECT_EQ(c.usage.total(), 9U);
    EXPECT_EQ(c.pieces.size(), 6U);  // one piece per word by default
}

TEST(MakeCompletion, TruncatesOnUtf8CharacterBoundaries) {
    ParsedRequest r;
    std::string text;
    for (int i = 0; i < 45; ++i) text += "\xC3\xA9";  // é
    r.last_user_text = text;
    const auto c = make_completion(MockApi::ChatCompletions, r, {}, 1);
    EXPECT_EQ(c.text().size(), kReplyPrefix.size() + 80);
}

TEST(MakeCompletion, ChunksRegroupOrExtendTheWords) {
    ParsedRequest r;
    r.last_user_text = "a b c d";
    FaultScript script;
    script.chunks = 3;
    const auto fewer = make_completion(MockApi::ChatCompletions, r, script, 1);
    EXPECT_EQ(fewer.pieces.size(), 3U);
    EXPECT_EQ(fewer.text(), std::string(kReplyPrefix) + "a b c d");
    script.chunks = 20;
    const auto more = make_completion(MockApi::ChatCompletions, r, script, 1);
    EXPECT_EQ(more.pieces.size(), 20U);
    EXPECT_EQ(more.usage.output_tokens, 20U);
}

TEST(MakeCompletion, BodyBytesPadsTheReply) {
    FaultScript script;
    script.body_bytes = 10'000;
    const auto c = make_completion(MockApi::ChatCompletions, {}, script, 1);
    EXPECT_GE(c.text().size(), 10'000U);
    EXPECT_LT(c.text().size(), 10'010U);
}

TEST(ParseRequest, ReadsToolNamesOfEveryApi) {
    const auto chat = parse(MockApi::ChatCompletions,
                            R"({"tools":[{"type":"function","function":{"name":"a"}}],
                                "messages":[]})");
    EXPECT_EQ(chat.tool_names, std::vector<std::string>{"a"});
    const auto messages = parse(MockApi::Messages, R"({"tools":[{"name":"b","input_schema":{}}]})");
    EXPECT_EQ(messages.tool_names, std::vector<std::string>{"b"});
    const auto responses =
        parse(MockApi::Responses, R"({"tools":[{"type":"function","name":"c"}],"input":"x"})");
    EXPECT_EQ(responses.tool_names, std::vector<std::string>{"c"});
}

// One conversation (user asks, assistant calls, tool answers) in each API's shape: the same
// tool result, the same prompt bytes (5 + 7: tool definitions and call arguments never count).
TEST(ParseRequest, ReadsTheLastToolResultOfEveryApi) {
    const auto chat = parse(MockApi::ChatCompletions, R"({"messages":[
        {"role":"user","content":"hello"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
         "function":{"name":"t","arguments":"{\"q\":1}"}}]},
        {"role":"tool","tool_call_id":"c1","content":"sunny 9"}]})");
    const auto messages = parse(MockApi::Messages, R"({"messages":[
        {"role":"user","content":"hello"},
        {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"t","input":{"q":1}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1",
         "content":[{"type":"text","text":"sunny 9"}]}]}]})");
    const auto responses = parse(MockApi::Responses, R"({"input":[
        {"role":"user","content":"hello"},
        {"type":"function_call","call_id":"c1","name":"t","arguments":"{\"q\":1}"},
        {"type":"function_call_output","call_id":"c1","output":"sunny 9"}]})");
    for (const auto& r : {chat, messages, responses}) {
        EXPECT_EQ(r.tool_result, "sunny 9");
        EXPECT_EQ(r.last_user_text, "hello");
        EXPECT_EQ(r.prompt_bytes, 12U);
    }
}

TEST(ParseRequest, OnlyTheLastMessageCanBeAToolResult) {
    const auto r = parse(MockApi::ChatCompletions, R"({"messages":[
        {"role":"tool","tool_call_id":"c1","content":"old"},
        {"role":"user","content":"next"}]})");
    EXPECT_FALSE(r.tool_result);
    EXPECT_EQ(r.last_user_text, "next");
}

ParsedRequest with_tool(std::string_view tool, std::string user_text) {
    ParsedRequest r;
    r.tool_names = {"other", std::string(tool)};
    r.last_user_text = std::move(user_text);
    return r;
}

FaultScript calling(std::string_view tool) {
    FaultScript script;
    script.tool_call = std::string(tool);
    return script;
}

TEST(MakeCompletion, ToolCallHasDefaultArgumentsInFragments) {
    const auto c = make_completion(MockApi::ChatCompletions, with_tool("lookup", "what is \"up\"?"),
                                   calling("lookup"), 1);
    EXPECT_EQ(c.tool_name, "lookup");
    EXPECT_EQ(c.text(), R"({"query":"what is \"up\"?"})");
    EXPECT_EQ(c.pieces.size(), kArgumentFragments);
    EXPECT_EQ(c.usage.output_tokens, 3U);  // words of the arguments
}

TEST(MakeCompletion, ToolArgsHeaderIsUsedCompactedWhenAnObject) {
    auto script = calling("lookup");
    script.tool_args = R"({ "city" : "Paris", "days": [1, 2] })";
    script.chunks = 2;
    const auto c = make_completion(MockApi::Messages, with_tool("lookup", "x"), script, 1);
    EXPECT_EQ(c.text(), R"({"city":"Paris","days":[1,2]})");
    EXPECT_EQ(c.pieces.size(), 2U);
    script.tool_args = "[1]";
    EXPECT_EQ(make_completion(MockApi::Messages, with_tool("lookup", "x"), script, 1).text(),
              R"({"query":"x"})");
}

TEST(MakeCompletion, ArgumentFragmentsNeverSplitACharacter) {
    auto script = calling("t");
    script.chunks = 20;
    const auto c =
        make_completion(MockApi::ChatCompletions, with_tool("t", "\xC3\xA9\xC3\xA9"), script, 1);
    EXPECT_LE(c.pieces.size(), 20U);
    for (const auto& piece : c.pieces) {
        EXPECT_NE(static_cast<unsigned char>(piece.front()) & 0xC0U, 0x80U) << piece;
    }
    EXPECT_EQ(c.text(), "{\"query\":\"\xC3\xA9\xC3\xA9\"}");
}

TEST(MakeCompletion, NoToolCallForAnUndefinedToolOrAfterAToolResult) {
    EXPECT_FALSE(
        make_completion(MockApi::Responses, with_tool("t", "x"), calling("missing"), 1).tool_name);
    auto after_result = with_tool("t", "x");
    after_result.tool_result = std::string(50, 'r');
    const auto c = make_completion(MockApi::Responses, after_result, calling("t"), 1);
    EXPECT_FALSE(c.tool_name);
    EXPECT_EQ(c.text(), std::string(kToolResultPrefix) + std::string(40, 'r'));
}

TEST(MakeCompletion, CachedTokensArePartOfThePromptAndClamped) {
    ParsedRequest r;
    r.prompt_bytes = 40;
    FaultScript script;
    EXPECT_FALSE(make_completion(MockApi::Messages, r, script, 1).usage.cached_tokens);
    script.cached_tokens = 4;
    const auto c = make_completion(MockApi::Messages, r, script, 1);
    EXPECT_EQ(c.usage.input_tokens, 10U);
    EXPECT_EQ(c.usage.cached_tokens, 4U);
    EXPECT_EQ(c.usage.uncached_input(), 6U);
    script.cached_tokens = 1000;
    EXPECT_EQ(make_completion(MockApi::Messages, r, script, 1).usage.cached_tokens, 10U);
}

}  // namespace
}  // namespace gw::mock
