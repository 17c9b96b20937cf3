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
    EXPECT_FALSE(body.at("usage").as_object().contains("prompt_tokens_details"));
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

// A call of tool "lookup" with arguments {"query":"hi"} in three fragments, and 12 prompt
// tokens of which 5 were cached.
Completion tool_call(MockApi api) {
    ParsedRequest r;
    r.model = "m";
    r.prompt_bytes = 48;
    r.last_user_text = "hi";
    r.tool_names = {"lookup"};
    FaultScript script;
    script.tool_call = "lookup";
    script.chunks = 3;
    script.cached_tokens = 5;
    return make_completion(api, r, script, 7);
}

constexpr std::string_view kArguments = R"({"query":"hi"})";

// The `data:` JSON of every frame that carries a piece of the reply.
std::vector<json::value> content_frames(const std::vector<SseFrame>& frames,
                                        std::string_view event = {}) {
    std::vector<json::value> out;
    for (const auto& frame : frames) {
        if (frame.content) out.push_back(data_of(frame, event));
    }
    return out;
}

TEST(RenderChat, ToolCallBodyAndCachedUsage) {
    const auto body = json::parse(render_body(tool_call(MockApi::ChatCompletions)));
    const auto& choice = body.at("choices").at(0);
    EXPECT_EQ(str(choice.at("finish_reason")), "tool_calls");
    EXPECT_TRUE(choice.at("message").at("content").is_null());
    const auto& call = choice.at("message").at("tool_calls").at(0);
    EXPECT_EQ(str(call.at("id")), "call_mock_7");
    EXPECT_EQ(str(call.at("type")), "function");
    EXPECT_EQ(str(call.at("function").at("name")), "lookup");
    EXPECT_EQ(str(call.at("function").at("arguments")), kArguments);
    EXPECT_EQ(body.at("usage").at("prompt_tokens").as_int64(), 12);
    EXPECT_EQ(body.at("usage").at("prompt_tokens_details").at("cached_tokens").as_int64(), 5);
}

TEST(RenderChat, ToolCallStreamSendsTheNameOnceThenArgumentFragments) {
    const auto frames = render_stream(tool_call(MockApi::ChatCompletions));
    const auto first = data_of(frames[0]).at("choices").at(0).at("delta");
    EXPECT_EQ(str(first.at("tool_calls").at(0).at("id")), "call_mock_7");
    EXPECT_EQ(str(first.at("tool_calls").at(0).at("function").at("name")), "lookup");
    std::string arguments;
    const auto fragments = content_frames(frames);
    ASSERT_EQ(fragments.size(), 3U);
    for (const auto& chunk : fragments) {
        const auto& call = chunk.at("choices").at(0).at("delta").at("tool_calls").at(0);
        EXPECT_EQ(call.at("index").as_int64(), 0);
        arguments += str(call.at("function").at("arguments"));
    }
    EXPECT_EQ(arguments, kArguments);
    const auto finish = data_of(frames[frames.size() - 2]);
    EXPECT_EQ(str(finish.at("choices").at(0).at("finish_reason")), "tool_calls");
}

TEST(RenderMessages, ToolUseBodyAndCachedUsage) {
    const auto body = json::parse(render_body(tool_call(MockApi::Messages)));
    EXPECT_EQ(str(body.at("stop_reason")), "tool_use");
    const auto& block = body.at("content").at(0);
    EXPECT_EQ(str(block.at("type")), "tool_use");
    EXPECT_EQ(str(block.at("id")), "toolu_mock_7");
    EXPECT_EQ(str(block.at("name")), "lookup");
    EXPECT_EQ(block.at("input"), json::parse(kArguments));
    EXPECT_EQ(body.at("usage").at("input_tokens").as_int64(), 7);  // cached tokens excluded
    EXPECT_EQ(body.at("usage").at("cache_read_input_tokens").as_int64(), 5);
    EXPECT_EQ(body.at("usage").at("cache_creation_input_tokens").as_int64(), 0);
}

TEST(RenderMessages, ToolUseStreamHasInputJsonDeltas) {
    const auto frames = render_stream(tool_call(MockApi::Messages));
    const auto start = data_of(frames[1], "content_block_start").at("content_block");
    EXPECT_EQ(str(start.at("type")), "tool_use");
    EXPECT_EQ(str(start.at("id")), "toolu_mock_7");
    EXPECT_TRUE(start.at("input").as_object().empty());
    std::string arguments;
    for (const auto& delta : content_frames(frames, "content_block_delta")) {
        EXPECT_EQ(str(delta.at("delta").at("type")), "input_json_delta");
        arguments += str(delta.at("delta").at("partial_json"));
    }
    EXPECT_EQ(arguments, kArguments);
    const auto end = data_of(frames[frames.size() - 2], "message_delta");
    EXPECT_EQ(str(end.at("delta").at("stop_reason")), "tool_use");
}

// As Anthropic streams usage: the input side in message_start, the output in message_delta.
TEST(RenderMessages, StreamUsageIsSplitLikeAnthropics) {
    const auto c = tool_call(MockApi::Messages);
    const auto frames = render_stream(c);
    const auto start = data_of(frames[0], "message_start").at("message").at("usage");
    EXPECT_EQ(start.at("input_tokens").as_int64(), 7);
    EXPECT_EQ(start.at("cache_read_input_tokens").as_int64(), 5);
    const auto delta = data_of(frames[frames.size() - 2], "message_delta").at("usage");
    EXPECT_EQ(delta.at("output_tokens").as_int64(), static_cast<int64_t>(c.usage.output_tokens));
}

TEST(RenderResponses, FunctionCallBodyAndStreamAgree) {
    const auto c = tool_call(MockApi::Responses);
    const auto body = json::parse(render_body(c));
    const auto& item = body.at("output").at(0);
    EXPECT_EQ(str(item.at("type")), "function_call");
    EXPECT_EQ(str(item.at("call_id")), "call_mock_7");
    EXPECT_EQ(str(item.at("name")), "lookup");
    EXPECT_EQ(str(item.at("arguments")), kArguments);
    EXPECT_EQ(body.at("usage").at("input_tokens").as_int64(), 12);
    EXPECT_EQ(body.at("usage").at("input_tokens_details").at("cached_tokens").as_int64(), 5);

    const auto frames = render_stream(c);
    EXPECT_EQ(str(data_of(frames[2], "response.output_item.added").at("item").at("type")),
              "function_call");
    std::string arguments;
    for (const auto& delta : content_frames(frames, "response.function_call_arguments.delta")) {
        EXPECT_EQ(str(delta.at("item_id")), str(item.at("id")));
        arguments += str(delta.at("delta"));
    }
    EXPECT_EQ(arguments, kArguments);
    const auto done = data_of(frames[frames.size() - 3], "response.function_call_arguments.done");
    EXPECT_EQ(str(done.at("arguments")), kArguments);
    EXPECT_EQ(data_of(frames.back(), "response.completed").at("response"), body);
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
