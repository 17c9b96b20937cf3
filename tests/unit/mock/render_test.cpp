#include "gw/mock/render.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

namespace gw::mock {
namespace {
namespace json = boost::json;

Completion sample(MockApi api, bool include_usage = false) {
    ParsedRequest r;
    r.model = "model-\"x\"";
    r.prompt_bytes = 8;
    r.last_user_text = "hi";
    r.include_usage = include_usage;
    return make_completion(api, r, {}, 42);
}

// The JSON of the `data:` line of an SSE frame, checking the `event:` line when one is expected.
json::value data_of(const SseFrame& frame, std::string_view event = {}) {
    std::string_view bytes = frame.bytes;
    EXPECT_TRUE(bytes.ends_with("\n\n"));
    if (!event.empty()) {
        const std::string head = "event: " + std::string(event) + "\n";
        EXPECT_TRUE(bytes.starts_with(head)) << bytes;
        bytes.remove_prefix(head.size());
    }
    EXPECT_TRUE(bytes.starts_with("data: ")) << bytes;
    return json::parse(bytes.substr(6, bytes.size() - 8));
}

std::string str(const json::value& v) { return std::string(v.as_string()); }

TEST(RenderChat, BodyHasOpenAiShapeAndUsage) {
    const auto body = json::parse(render_body(sample(MockApi::ChatCompletions)));
    EXPECT_EQ(str(body.at("id")), "chatcmpl-mock-42");
    EXPECT_EQ(str(body.at("object")), "chat.completion");
    EXPECT_EQ(str(body.at("model")), "model-\"x\"");
    const auto& choice = body.at("choices").at(0);
    EXPECT_EQ(str(choice.at("message").at("content")), "Hello from plano-mock! You said: hi");
    EXPECT_EQ(str(choice.at("finish_reason")), "stop");
    EXPECT_EQ(body.at("usage").at("prompt_tokens").as_int64(), 2);
    EXPECT_EQ(body.at("usage").at("completion_tokens").as_int64(), 6);
    EXPECT_EQ(body.at("usage").at("total_tokens").as_int64(), 8);
}

TEST(RenderChat, StreamIsRoleContentFinishUsageDone) {
    const auto c = sample(MockApi::ChatCompletions, true);
    const auto frames = render_stream(c);
    ASSERT_EQ(frames.size(), c.pieces.size() + 4);
    EXPECT_EQ(str(data_of(frames[0]).at("choices").at(0).at("delta").at("role")), "assistant");
    std::string text;
    for (size_t i = 1; i <= c.pieces.size(); ++i) {
        EXPECT_TRUE(frames[i].content);
        const auto chunk = data_of(frames[i]);
        EXPECT_EQ(str(chunk.at("object")), "chat.completion.chunk");
        text += str(chunk.at("choices").at(0).at("delta").at("content"));
    }
    EXPECT_EQ(text, c.text());
    const auto finish = data_of(frames[c.pieces.size() + 1]);
    EXPECT_EQ(str(finish.at("choices").at(0).at("finish_reason")), "stop");
    const auto usage = data_of(frames[c.pieces.size() + 2]);
    EXPECT_TRUE(usage.at("choices").as_array().empty());
    EXPECT_EQ(usage.at("usage").at("total_tokens").as_int64(), 8);
    EXPECT_EQ(frames.back().bytes, "data: [DONE]\n\n");
}

TEST(RenderChat, StreamWithoutIncludeUsageHasNoUsageChunk) {
    const auto c = sample(MockApi::ChatCompletions, false);
    EXPECT_EQ(render_stream(c).size(), c.pieces.size() + 3);
}

TEST(RenderMessages, BodyHasAnthropicShape) {
    const auto body = json::parse(render_body(sample(MockApi::Messages)));
    EXPECT_EQ(str(body.at("id")), "msg_mock_42");
    EXPECT_EQ(str(body.at("type")), "message");
    EXPECT_EQ(str(body.at("content").at(0).at("text")), "Hello from plano-mock! You said: hi");
    EXPECT_EQ(str(body.at("stop_reason")), "end_turn");
    EXPECT_EQ(body.at("usage").at("input_tokens").as_int64(), 2);
    EXPECT_EQ(body.at("usage").at("output_tokens").as_int64(), 6);
}

TEST(RenderMessages, StreamHasEveryEventInOrder) {
    const auto c = sample(MockApi::Messages);
    const auto frames = render_stream(c);
    ASSERT_EQ(frames.size(), c.pieces.size() + 6);
    data_of(frames[0], "message_start");
    data_of(frames[1], "content_block_start");
    data_of(frames[2], "ping");
    std::string text;
    for (size_t i = 0; i < c.pieces.size(); ++i) {
        const auto delta = data_of(frames[3 + i], "content_block_delta");
        text += str(delta.at("delta").at("text"));
    }
    EXPECT_EQ(text, c.text());
    data_of(frames[frames.size() - 3], "content_block_stop");
    const auto delta = data_of(frames[frames.size() - 2], "message_delta");
    EXPECT_EQ(delta.at("usage").at("output_tokens").as_int64(), 6);
    data_of(frames.back(), "message_stop");
}

TEST(RenderResponses, BodyAndStreamAgree) {
    const auto c = sample(MockApi::Responses);
    const auto body = json::parse(render_body(c));
    EXPECT_EQ(str(body.at("id")), "resp_mock_42");
    EXPECT_EQ(str(body.at("status")), "completed");
    EXPECT_EQ(str(body.at("output").at(0).at("content").at(0).at("text")), c.text());
    EXPECT_EQ(body.at("usage").at("total_tokens").as_int64(), 8);

    const auto frames = render_stream(c);
    ASSERT_EQ(frames.size(), c.pieces.size() + 8);
    data_of(frames.front(), "response.created");
    const auto done = data_of(frames.back(), "response.completed");
    EXPECT_EQ(done.at("response"), body);
    EXPECT_EQ(done.at("sequence_number").as_int64(), static_cast<int64_t>(frames.size() - 1));
}

TEST(RenderError, OpenAiAndAnthropicShapes) {
    const auto openai = json::parse(render_error(MockApi::ChatCompletions, 429, "slow"));
    EXPECT_EQ(str(openai.at("error").at("type")), "rate_limit_error");
    EXPECT_EQ(str(openai.at("error").at("message")), "slow");
    const auto anthropic = json::parse(render_error(MockApi::Messages, 529, "busy"));
    EXPECT_EQ(str(anthropic.at("type")), "error");
    EXPECT_EQ(str(anthropic.at("error").at("type")), "overloaded_error");
}

TEST(RenderModels, ListsModels) {
    const auto models = json::parse(render_models());
    EXPECT_EQ(str(models.at("object")), "list");
    EXPECT_EQ(str(models.at("data").at(0).at("id")), "gpt-4o-mini");
}

}  // namespace
}  // namespace gw::mock
