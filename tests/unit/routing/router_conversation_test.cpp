#include "gw/routing/router_conversation.hpp"

#include "gw/translate/translate.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {
namespace {

using translate::ContentPart;
using translate::Role;

std::vector<RouterTurn> turns_of(llm::ApiFormat api, std::string_view body) {
    auto request = translate::decode_request(api, body);
    EXPECT_TRUE(request.has_value()) << (request ? "" : request.error().message);
    return request ? router_conversation(*request) : std::vector<RouterTurn>{};
}

ContentPart part(ContentPart::Kind kind, std::string text) {
    ContentPart p;
    p.kind = kind;
    p.text = std::move(text);
    return p;
}

TEST(RouterConversation, KeepsUserAndAssistantTextInOrder) {
    const auto turns = turns_of(llm::ApiFormat::OpenAiChat, R"({"model":"m","messages":[
        {"role":"system","content":"be brief"},
        {"role":"developer","content":"really"},
        {"role":"user","content":"hi"},
        {"role":"assistant","content":"hello"},
        {"role":"user","content":"bye"}]})");
    const std::vector<RouterTurn> expected = {
        {"user", "hi"}, {"assistant", "hello"}, {"user", "bye"}};
    EXPECT_EQ(turns, expected);
}

TEST(RouterConversation, JoinsTextPartsWithNewlinesAndIgnoresImages) {
    const auto turns = turns_of(llm::ApiFormat::OpenAiChat, R"({"model":"m","messages":[
        {"role":"user","content":[{"type":"text","text":"one"},
            {"type":"image_url","image_url":{"url":"https://x/y.png"}},
            {"type":"text","text":"two"}]},
        {"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/z.png"}}]}]})");
    const std::vector<RouterTurn> expected = {{"user", "one\ntwo"}};
    EXPECT_EQ(turns, expected);
}

TEST(RouterConversation, DropsToolMessagesAndToolCallOnlyAnswers) {
    const auto turns = turns_of(llm::ApiFormat::OpenAiChat, R"({"model":"m","messages":[
        {"role":"user","content":"weather?"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
            "function":{"name":"get_weather","arguments":"{}"}}]},
        {"role":"tool","tool_call_id":"c1","content":"sunny"},
        {"role":"assistant","content":"It is sunny.","tool_calls":[{"id":"c2","type":"function",
            "function":{"name":"log","arguments":"{}"}}]}]})");
    const std::vector<RouterTurn> expected = {{"user", "weather?"}, {"assistant", "It is sunny."}};
    EXPECT_EQ(turns, expected);
}

TEST(RouterConversation, AnthropicToolResultsAreNotText) {
    const auto turns = turns_of(llm::ApiFormat::AnthropicMessages, R"({"model":"m","max_tokens":9,
        "system":"sys","messages":[
        {"role":"user","content":"weather?"},
        {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"w","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"sunny"}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"x"},
            {"type":"text","text":"and tomorrow?"}]}]})");
    const std::vector<RouterTurn> expected = {{"user", "weather?"}, {"user", "and tomorrow?"}};
    EXPECT_EQ(turns, expected);
}

TEST(RouterConversation, ResponsesInputBecomesTurns) {
    const auto turns = turns_of(llm::ApiFormat::OpenAiResponses,
                                R"({"model":"m","instructions":"sys","input":"just this"})");
    const std::vector<RouterTurn> expected = {{"user", "just this"}};
    EXPECT_EQ(turns, expected);
}

TEST(RouterConversation, ThinkingAndEmptyTextAreNotText) {
    translate::Request request;
    request.messages.push_back({Role::Assistant, {part(ContentPart::Kind::Thinking, "hmm")}});
    request.messages.push_back({Role::User, {part(ContentPart::Kind::Text, "")}});
    request.messages.push_back({Role::Tool, {part(ContentPart::Kind::Text, "result text")}});
    request.messages.push_back(
        {Role::Assistant,
         {part(ContentPart::Kind::Thinking, "hmm"), part(ContentPart::Kind::Text, "answer")}});
    const std::vector<RouterTurn> expected = {{"assistant", "answer"}};
    EXPECT_EQ(router_conversation(request), expected);
}

TEST(RouterConversation, EmptyTextPartsStillJoin) {
    // As the reference: two empty parts join to "\n", which is text.
    translate::Request request;
    request.messages.push_back(
        {Role::User, {part(ContentPart::Kind::Text, ""), part(ContentPart::Kind::Text, "")}});
    const std::vector<RouterTurn> expected = {{"user", "\n"}};
    EXPECT_EQ(router_conversation(request), expected);
}

TEST(RouterConversation, NoMessagesNoTurns) {
    EXPECT_TRUE(router_conversation(translate::Request{}).empty());
}

}  // namespace
}  // namespace gw::routing
