// route_on_user_only's turn gate (dataplane.md §4.7), driven through the real decoders: every
// agent wire format has to normalise to "the last message is a user turn" or not.

#include "gw/routing/user_turn.hpp"

#include "gw/translate/translate.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace gw::routing {
namespace {

bool chat_turn(std::string_view messages) {
    const std::string body = fmt::format(R"({{"model":"gpt-4o","messages":{}}})", messages);
    return is_user_turn(translate::decode_request(llm::ApiFormat::OpenAiChat, body).value());
}

bool messages_turn(std::string_view messages) {
    const std::string body =
        fmt::format(R"({{"model":"claude","max_tokens":1024,"messages":{}}})", messages);
    return is_user_turn(translate::decode_request(llm::ApiFormat::AnthropicMessages, body).value());
}

std::string chat_tail(std::string_view user_content) {
    return fmt::format(R"([{{"role":"user","content":"fix the bug"}},
                           {{"role":"assistant","content":"Fixed it."}},
                           {{"role":"user","content":{}}}])",
                       user_content);
}

TEST(IsUserTurn, FreshUserTextIsATurn) {
    EXPECT_TRUE(chat_turn(R"([{"role":"user","content":"hi"}])"));
    EXPECT_TRUE(chat_turn(chat_tail(R"("now write the tests")")));
    EXPECT_TRUE(messages_turn(R"([{"role":"user","content":"hi"}])"));
}

TEST(IsUserTurn, AnthropicToolResultIsAContinuation) {
    EXPECT_FALSE(messages_turn(R"([
        {"role":"user","content":"fix the bug in main.rs"},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"read_file",
                                        "input":{"path":"main.rs"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                                   "content":"fn main() {}"}]}])"));
}

TEST(IsUserTurn, AnthropicToolResultWithOnlyAReminderIsAContinuation) {
    EXPECT_FALSE(messages_turn(R"([
        {"role":"user","content":"fix the bug in main.rs"},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"read_file",
                                        "input":{"path":"main.rs"}}]},
        {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_1","content":"fn main() {}"},
            {"type":"text","text":"<system-reminder>\nYour todo list has changed.\n</system-reminder>"}
        ]}])"));
}

TEST(IsUserTurn, AnthropicToolResultWithNewUserTextIsATurn) {
    EXPECT_TRUE(messages_turn(R"([
        {"role":"user","content":"fix the bug"},
        {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"},
                                  {"type":"text","text":"also rename it"}]}])"));
}

TEST(IsUserTurn, ChatToolResultAndAssistantTailsAreContinuations) {
    EXPECT_FALSE(chat_turn(R"([
        {"role":"user","content":"weather?"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
            "function":{"name":"get_weather","arguments":"{}"}}]},
        {"role":"tool","tool_call_id":"c1","content":"sunny"}])"));
    EXPECT_FALSE(chat_turn(R"([{"role":"user","content":"hi"},
                               {"role":"assistant","content":"Hello"}])"));
}

TEST(IsUserTurn, EmptyOrBlankUserTextIsNoTurn) {
    EXPECT_FALSE(chat_turn(chat_tail(R"("")")));
    EXPECT_FALSE(chat_turn(chat_tail(R"("  \n\t")")));
    EXPECT_FALSE(chat_turn(chat_tail(R"([])")));
    EXPECT_FALSE(messages_turn(R"([{"role":"user","content":"a"},
                                   {"role":"assistant","content":"b"},
                                   {"role":"user","content":[{"type":"text","text":" "}]}])"));
}

TEST(IsUserTurn, EnvelopeOnlyUserTextIsNoTurn) {
    for (
        const char* content : {
            R"("<system-reminder>\nYour todo list is empty.\n</system-reminder>")",
            R"("<user-prompt-submit-hook>blocked by hook</user-prompt-submit-hook>\n")",
            R"("<system-reminder>a</system-reminder> <system-reminder>b</system-reminder>")",
            R"("<system-reminder>a</system-reminder><user-prompt-submit-hook>b</user-prompt-submit-hook>")",
            // Truncated: still harness output, not user text.
            R"("<system-reminder>\nYour todo list is empty.")",
        }) {
        EXPECT_FALSE(chat_turn(chat_tail(content))) << content;
    }
}

TEST(IsUserTurn, EnvelopePlusUserTextIsATurn) {
    EXPECT_TRUE(chat_turn(chat_tail(
        R"("<system-reminder>\nTodo list is empty.\n</system-reminder>\nnow write the tests")")));
    EXPECT_TRUE(chat_turn(chat_tail(R"("before <system-reminder>x</system-reminder>")")));
}

TEST(IsUserTurn, AnImageWithoutCaptionIsATurn) {
    EXPECT_TRUE(chat_turn(chat_tail(
        R"([{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}])")));
    EXPECT_TRUE(messages_turn(R"([{"role":"user","content":"fix the bug"},
        {"role":"assistant","content":"Fixed it."},
        {"role":"user","content":[{"type":"image","source":{"type":"base64",
            "media_type":"image/png","data":"iVBORw0KGgo="}}]}])"));
}

TEST(IsUserTurn, NoMessagesIsNoTurn) { EXPECT_FALSE(is_user_turn(translate::Request{})); }

}  // namespace
}  // namespace gw::routing
