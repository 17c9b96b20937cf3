// Every client API against a provider of another API, through a real Gateway and the in-process
// mock: the provider receives its own API, the client gets its own back, usage numbers intact.

#include "gw/json/usage.hpp"
#include "gw/mock/mock_provider.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"

namespace gw::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kMessagesBody =
    R"({"model":"gpt-4o-mini","max_tokens":64,"system":"Be brief.",)"
    R"("messages":[{"role":"user","content":"Hello there"}]})";
constexpr const char* kResponsesBody = R"({"model":"claude-sonnet-4","input":"Hello there"})";

class TranslationTest : public ::testing::Test {
  protected:
    void SetUp() override {
        mock_ = mock::MockProvider::start({});
        gateway_ = RunningGateway::start(
            single_provider_yaml(mock_->base_url(),
                                 "  - model: anthropic/claude-sonnet-4\n    access_key: ant-key\n"
                                 "    base_url: " +
                                     mock_->base_url() + "\n"));
        ASSERT_TRUE(gateway_);
    }

    TestResponse post(const std::string& path, const std::string& body, const Headers& h = {}) {
        return http_post(gateway_->port(), path, body, h);
    }

    // What the provider saw for the one request made so far.
    mock::RecordedRequest only_upstream_request() {
        auto requests = mock_->requests();
        EXPECT_EQ(requests.size(), 1u);
        return requests.empty() ? mock::RecordedRequest{} : requests.front();
    }

    // The usage the mock reports for `body` in `path`'s API, asked directly.
    llm::Usage direct_usage(const std::string& path, const std::string& body) {
        auto response = http_post(mock_->port(), path, body);
        EXPECT_EQ(response.status, 200) << response.body;
        return json::extract_usage(response.body).value_or(llm::Usage{});
    }

    static std::string with_stream(std::string body) {
        body.insert(1, R"("stream":true,)");
        return body;
    }

    std::unique_ptr<mock::MockProvider> mock_;
    std::unique_ptr<RunningGateway> gateway_;
};

void expect_same_tokens(const llm::Usage& client, const llm::Usage& provider) {
    EXPECT_EQ(client.input_tokens, provider.input_tokens);
    EXPECT_EQ(client.output_tokens, provider.output_tokens);
    EXPECT_TRUE(client.input_tokens.has_value());
}

TEST_F(TranslationTest, ChatClientToAnthropicSpeaksNativeMessages) {
    auto response = post("/v1/chat/completions", chat_body("claude-sonnet-4"));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr(R"("object":"chat.completion")"));
    EXPECT_THAT(response.body, HasSubstr(R"("finish_reason":"stop")"));
    EXPECT_THAT(response.headers.get("content-type").value_or(""), HasSubstr("application/json"));

    auto seen = only_upstream_request();
    EXPECT_EQ(seen.target, "/v1/messages");
    EXPECT_EQ(seen.headers.get("x-api-key"), "ant-key");
    EXPECT_FALSE(seen.headers.contains("authorization"));
    EXPECT_THAT(seen.body, HasSubstr(R"("model":"claude-sonnet-4")"));
    EXPECT_THAT(seen.body, HasSubstr(R"("max_tokens":)"));
    expect_same_tokens(json::extract_usage(response.body).value_or(llm::Usage{}),
                       direct_usage("/v1/messages", seen.body));
}

TEST_F(TranslationTest, ChatClientStreamFromAnthropicIsChatChunksWithUsageWhenAsked) {
    std::string body = chat_body("claude-sonnet-4", true);
    body.insert(1, R"("stream_options":{"include_usage":true},)");
    auto response = post("/v1/chat/completions", body);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.headers.get("content-type").value_or(""), HasSubstr("text/event-stream"));
    EXPECT_THAT(response.body, HasSubstr("chat.completion.chunk"));
    EXPECT_THAT(response.body, Not(HasSubstr("content_block_delta")));
    EXPECT_TRUE(response.body.ends_with("data: [DONE]\n\n"));
    EXPECT_THAT(response.body, HasSubstr(R"("choices":[],"usage":{"prompt_tokens":)"));
    EXPECT_THAT(only_upstream_request().body, HasSubstr(R"("stream":true)"));
}

TEST_F(TranslationTest, ChatClientStreamWithoutIncludeUsageGetsNoUsageChunk) {
    auto response = post("/v1/chat/completions", chat_body("claude-sonnet-4", true));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_TRUE(response.body.ends_with("data: [DONE]\n\n"));
    EXPECT_THAT(response.body, Not(HasSubstr(R"("choices":[])")));
    EXPECT_THAT(response.body, Not(HasSubstr(R"("usage")")));
}

TEST_F(TranslationTest, MessagesClientToChatProvider) {
    auto response = post("/v1/messages", kMessagesBody);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr(R"("type":"message")"));
    EXPECT_THAT(response.body, HasSubstr(R"("stop_reason":"end_turn")"));
    auto seen = only_upstream_request();
    EXPECT_EQ(seen.target, "/v1/chat/completions");
    EXPECT_EQ(seen.headers.get("authorization"), "Bearer test-key");
    EXPECT_THAT(seen.body, HasSubstr(R"("role":"system")"));
    expect_same_tokens(json::extract_usage(response.body).value_or(llm::Usage{}),
                       direct_usage("/v1/chat/completions", seen.body));
}

TEST_F(TranslationTest, MessagesClientStreamFromChatProviderIsAFullEventLifecycle) {
    auto response = post("/v1/messages", with_stream(kMessagesBody));
    ASSERT_EQ(response.status, 200) << response.body;
    for (const char* event :
         {"event: message_start", "event: content_block_start", "event: content_block_delta",
          "event: content_block_stop", "event: message_delta", "event: message_stop"}) {
        EXPECT_THAT(response.body, HasSubstr(event));
    }
    EXPECT_THAT(response.body, Not(HasSubstr("[DONE]")));
    // The provider was asked for usage, so message_delta carries real output tokens.
    EXPECT_THAT(only_upstream_request().body, HasSubstr(R"("include_usage":true)"));
    const auto delta = response.body.find("event: message_delta");
    ASSERT_NE(delta, std::string::npos);
    const std::string delta_event =
        response.body.substr(delta, response.body.find("\n\n", delta) - delta);
    EXPECT_THAT(delta_event, HasSubstr(R"("output_tokens":)"));
    EXPECT_THAT(delta_event, Not(HasSubstr(R"("output_tokens":0)")));
}

TEST_F(TranslationTest, ResponsesClientToAnthropic) {
    auto response = post("/v1/responses", kResponsesBody);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr(R"("object":"response")"));
    EXPECT_THAT(response.body, HasSubstr(R"("type":"output_text")"));
    auto seen = only_upstream_request();
    EXPECT_EQ(seen.target, "/v1/messages");
    expect_same_tokens(json::extract_usage(response.body).value_or(llm::Usage{}),
                       direct_usage("/v1/messages", seen.body));
}

TEST_F(TranslationTest, ResponsesClientStreamFromAnthropicEndsWithCompleted) {
    auto response = post("/v1/responses", with_stream(kResponsesBody));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr("response.created"));
    EXPECT_THAT(response.body, HasSubstr("response.output_text.delta"));
    EXPECT_THAT(response.body, HasSubstr("response.completed"));
}

TEST_F(TranslationTest, ProviderErrorsReachTheClientInItsOwnShape) {
    Headers script;
    script.add("x-mock-status", "429");
    auto chat = post("/v1/chat/completions", chat_body("claude-sonnet-4"), script);
    EXPECT_EQ(chat.status, 429);
    EXPECT_EQ(chat.headers.get("retry-after"), "7");
    EXPECT_THAT(chat.body, HasSubstr(R"({"error":{"message":)"));
    EXPECT_THAT(chat.body, Not(HasSubstr(R"("type":"error")")));

    auto messages = post("/v1/messages", kMessagesBody, script);
    EXPECT_EQ(messages.status, 429);
    EXPECT_THAT(messages.body, HasSubstr(R"("type":"error")"));
    EXPECT_THAT(messages.body, HasSubstr(R"("rate_limit_error")"));
}

TEST_F(TranslationTest, BrokenTranslatedStreamEndsWithAnErrorEvent) {
    Headers script;
    script.add("x-mock-break-after", "2");
    auto response = post("/v1/messages", with_stream(kMessagesBody), script);
    ASSERT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr("event: error"));
    EXPECT_THAT(response.body, Not(HasSubstr("event: message_stop")));
}

TEST_F(TranslationTest, InvalidTranslatedRequestIs400AndNeverSent) {
    auto response = post("/v1/messages", R"({"model":"gpt-4o-mini","messages":[]})");
    EXPECT_EQ(response.status, 400);
    EXPECT_THAT(response.body, HasSubstr("max_tokens"));
    EXPECT_TRUE(mock_->requests().empty());
}

}  // namespace
}  // namespace gw::testing
