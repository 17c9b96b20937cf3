// Responses conversation state kept by the gateway (agents.md §4.1): a turn naming an earlier
// response as previous_response_id reaches a non-Responses provider with the whole history.

#include "gw/json/usage.hpp"
#include "gw/mock/mock_provider.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include <regex>

namespace gw::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string responses_body(const std::string& model, const std::string& input,
                           const std::string& previous = {}, bool stream = false) {
    std::string body = R"({"model":")" + model + R"(","input":")" + input + "\"";
    if (!previous.empty()) body += R"(,"previous_response_id":")" + previous + "\"";
    if (stream) body += R"(,"stream":true)";
    return body + "}";
}

// The first "resp_..." id of a body or stream.
std::string response_id(const std::string& text) {
    std::smatch match;
    if (!std::regex_search(text, match, std::regex(R"re("id":"(resp_[^"]+)")re"))) return {};
    return match[1];
}

class ConversationStateTest : public ::testing::Test {
  protected:
    void SetUp() override {
        mock_ = mock::MockProvider::start({});
        gateway_ = RunningGateway::start(
            single_provider_yaml(mock_->base_url(),
                                 "  - model: anthropic/claude-sonnet-4\n    access_key: ant-key\n"
                                 "    base_url: " +
                                     mock_->base_url() + "\nstate_storage:\n  type: memory\n"));
        ASSERT_TRUE(gateway_);
    }

    TestResponse post(const std::string& body) {
        return http_post(gateway_->port(), "/v1/responses", body);
    }

    std::unique_ptr<mock::MockProvider> mock_;
    std::unique_ptr<RunningGateway> gateway_;
};

TEST_F(ConversationStateTest, SecondTurnCarriesTheFirstTurnsInputAndAnswer) {
    auto first = post(responses_body("claude-sonnet-4", "My name is Ada"));
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string id = response_id(first.body);
    ASSERT_FALSE(id.empty()) << first.body;

    auto second = post(responses_body("claude-sonnet-4", "What is my name?", id));
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_NE(response_id(second.body), id);

    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 2u);
    const std::string& sent = requests[1].body;
    EXPECT_EQ(requests[1].target, "/v1/messages");
    EXPECT_THAT(sent, HasSubstr("My name is Ada"));
    EXPECT_THAT(sent,
                HasSubstr("Hello from plano-mock! You said: My name is Ada"));  // turn 1's answer
    EXPECT_THAT(sent, HasSubstr("What is my name?"));
    EXPECT_THAT(sent, Not(HasSubstr("previous_response_id")));
    EXPECT_LT(sent.find("My name is Ada"), sent.find("What is my name?"));
}

TEST_F(ConversationStateTest, StreamedTurnsAreStoredToo) {
    auto first = post(responses_body("claude-sonnet-4", "Remember blue", {}, true));
    ASSERT_EQ(first.status, 200) << first.body;
    ASSERT_THAT(first.body, HasSubstr("response.completed"));
    const std::string id = response_id(first.body);
    ASSERT_FALSE(id.empty());
    auto second = post(responses_body("claude-sonnet-4", "Which colour?", id, true));
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_THAT(mock_->requests().at(1).body, HasSubstr("Remember blue"));
}

TEST_F(ConversationStateTest, UnknownPreviousResponseIdIs409AndNeverSent) {
    auto response = post(responses_body("claude-sonnet-4", "hi", "resp_nope"));
    EXPECT_EQ(response.status, 409);
    EXPECT_THAT(response.body,
                HasSubstr("Conversation state not found for previous_response_id: resp_nope"));
    EXPECT_TRUE(mock_->requests().empty());
}

TEST_F(ConversationStateTest, NativeResponsesProvidersKeepTheirOwnState) {
    auto response = post(responses_body("gpt-4o-mini", "hi", "resp_kept_by_openai"));
    EXPECT_EQ(response.status, 200) << response.body;
    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].target, "/v1/responses");
    EXPECT_THAT(requests[0].body, HasSubstr(R"("previous_response_id":"resp_kept_by_openai")"));
}

}  // namespace
}  // namespace gw::testing
