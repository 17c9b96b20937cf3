#include "gw/json/usage.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gw::json {
namespace {

TEST(Usage, OpenAiChatCompletion) {
    auto usage = extract_usage(
        R"({"id":"chatcmpl-1","model":"gpt-4o-2024-08-06","usage":{"prompt_tokens":19,)"
        R"("completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":4},)"
        R"("completion_tokens_details":{"reasoning_tokens":3}}})");
    ASSERT_TRUE(usage);
    EXPECT_EQ(usage->input_tokens, 19);
    EXPECT_EQ(usage->output_tokens, 10);
    EXPECT_EQ(usage->total_tokens, 29);
    EXPECT_EQ(usage->cached_input_tokens, 4);
    EXPECT_EQ(usage->reasoning_tokens, 3);
    EXPECT_FALSE(usage->cache_creation_input_tokens);
}

TEST(Usage, AnthropicMessageWithCacheTokensAndComputedTotal) {
    auto usage =
        extract_usage(R"({"type":"message","usage":{"input_tokens":100,"output_tokens":20,)"
                      R"("cache_read_input_tokens":50,"cache_creation_input_tokens":7}})");
    ASSERT_TRUE(usage);
    EXPECT_EQ(usage->input_tokens, 100);
    EXPECT_EQ(usage->output_tokens, 20);
    EXPECT_EQ(usage->total_tokens, 120);
    EXPECT_EQ(usage->cached_input_tokens, 50);
    EXPECT_EQ(usage->cache_creation_input_tokens, 7);
}

TEST(Usage, OpenAiFieldsWinOverAnthropicNames) {
    auto usage = extract_usage(
        R"({"usage":{"input_tokens":1,"prompt_tokens":2,"output_tokens":3,"completion_tokens":4,)"
        R"("cache_read_input_tokens":5,"prompt_tokens_details":{"cached_tokens":6}}})");
    ASSERT_TRUE(usage);
    EXPECT_EQ(usage->input_tokens, 2);
    EXPECT_EQ(usage->output_tokens, 4);
    EXPECT_EQ(usage->total_tokens, 6);
    EXPECT_EQ(usage->cached_input_tokens, 6);
}

TEST(Usage, GeminiStyleFallbacks) {
    auto usage = extract_usage(
        R"({"usage":{"prompt_tokens":8,"cached_content_token_count":2,"thoughts_token_count":9}})");
    ASSERT_TRUE(usage);
    EXPECT_EQ(usage->cached_input_tokens, 2);
    EXPECT_EQ(usage->reasoning_tokens, 9);
    EXPECT_EQ(usage->total_tokens, 8);
}

TEST(Usage, ResponsesApiNestedUnderResponse) {
    const char* event =
        R"({"type":"response.completed","response":{"id":"resp_1","model":"gpt-4.1",)"
        R"("usage":{"input_tokens":30,"input_tokens_details":{"cached_tokens":10},)"
        R"("output_tokens":5,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":35}}})";
    auto meta = read_response_meta(event);
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta->model, "gpt-4.1");
    EXPECT_EQ(meta->id, "resp_1");
    ASSERT_TRUE(meta->usage);
    EXPECT_EQ(meta->usage->input_tokens, 30);
    EXPECT_EQ(meta->usage->cached_input_tokens, 10);
    EXPECT_EQ(meta->usage->reasoning_tokens, 2);
    EXPECT_EQ(meta->usage->total_tokens, 35);
}

TEST(Usage, AnthropicMessageStartNestedUnderMessage) {
    auto meta = read_response_meta(
        R"({"type":"message_start","message":{"id":"msg_1","model":"claude-sonnet-4-5",)"
        R"("usage":{"input_tokens":12,"output_tokens":1}}})");
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta->model, "claude-sonnet-4-5");
    EXPECT_EQ(meta->id, "msg_1");
    EXPECT_EQ(meta->usage->input_tokens, 12);
}

TEST(Usage, TopLevelWinsOverNested) {
    auto meta = read_response_meta(
        R"({"message":{"model":"inner","usage":{"input_tokens":1}},"model":"outer",)"
        R"("usage":{"output_tokens":2}})");
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta->model, "outer");
    EXPECT_FALSE(meta->usage->input_tokens);
    EXPECT_EQ(meta->usage->output_tokens, 2);
}

TEST(Usage, StreamChunkWithNullUsageHasNone) {
    const char* chunk =
        R"({"id":"c","model":"gpt-4o","choices":[{"delta":{"content":"hi"}}],"usage":null})";
    EXPECT_FALSE(extract_usage(chunk));
    EXPECT_EQ(response_model(chunk), "gpt-4o");
}

TEST(Usage, WrongTypesAreIgnored) {
    auto usage = extract_usage(R"({"usage":{"prompt_tokens":"12","completion_tokens":3.5,)"
                               R"("total_tokens":null,"output_tokens":4}})");
    ASSERT_TRUE(usage);
    EXPECT_FALSE(usage->input_tokens);
    EXPECT_EQ(usage->output_tokens, 4);
    EXPECT_EQ(usage->total_tokens, 4);
}

TEST(Usage, UnreadableInputGivesNothing) {
    EXPECT_FALSE(read_response_meta("data: [DONE]"));
    EXPECT_FALSE(read_response_meta("[DONE]"));
    EXPECT_FALSE(read_response_meta("[1,2]"));
    EXPECT_FALSE(read_response_meta("42"));
    EXPECT_FALSE(read_response_meta(R"({"usage":{"prompt_tokens":1)"));
    EXPECT_FALSE(extract_usage(R"({"model":"m"})"));
    EXPECT_FALSE(response_model(R"({"usage":{}})"));
}

TEST(Usage, EmptyUsageObjectIsPresentButEmpty) {
    auto usage = extract_usage(R"({"usage":{}})");
    ASSERT_TRUE(usage);
    EXPECT_FALSE(usage->input_tokens);
    EXPECT_FALSE(usage->total_tokens);
}

}  // namespace
}  // namespace gw::json

namespace gw::json {
namespace {

TEST(FinishReasons, ChatChoicesGiveOneReasonEach) {
    auto meta = read_response_meta(
        R"({"id":"c","choices":[{"index":0,"finish_reason":"stop"},)"
        R"({"index":1,"finish_reason":"tool_calls"},{"index":2,"finish_reason":null}]})");
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta->finish_reasons, (std::vector<std::string>{"stop", "tool_calls"}));
}

TEST(FinishReasons, AnthropicStopReasonTopLevelOrInMessageDelta) {
    auto message = read_response_meta(R"({"type":"message","stop_reason":"end_turn"})");
    ASSERT_TRUE(message);
    EXPECT_EQ(message->finish_reasons, (std::vector<std::string>{"end_turn"}));
    auto delta = read_response_meta(
        R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":5}})");
    ASSERT_TRUE(delta);
    EXPECT_EQ(delta->finish_reasons, (std::vector<std::string>{"max_tokens"}));
    EXPECT_EQ(delta->usage->output_tokens, 5);
}

TEST(FinishReasons, StatesFinishReasonIgnoresNulls) {
    EXPECT_FALSE(states_finish_reason(R"({"choices":[{"delta":{},"finish_reason":null}]})"));
    EXPECT_TRUE(states_finish_reason(R"({"choices":[{"delta":{},"finish_reason":"stop"}]})"));
    EXPECT_TRUE(states_finish_reason(R"({"delta":{"stop_reason": "end_turn"}})"));
    EXPECT_FALSE(states_finish_reason(R"({"text":"no reason here"})"));
}

}  // namespace
}  // namespace gw::json
