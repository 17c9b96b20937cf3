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

}  // namespace
}  // namespace gw::mock
