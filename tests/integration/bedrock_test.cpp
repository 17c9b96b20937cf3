// Every client API against an amazon_bedrock provider (the in-process mock speaking Converse and
// ConverseStream's binary event stream) through a real Gateway: the provider sees Converse at
// /model/<id>/converse[-stream], the client gets its own API back with the usage intact.

#include "gw/json/usage.hpp"
#include "gw/mock/mock_provider.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"

namespace gw::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kModelId = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
constexpr const char* kEncodedPath = "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0";

class BedrockTest : public ::testing::Test {
  protected:
    void SetUp() override {
        mock_ = mock::MockProvider::start({});
        gateway_ = RunningGateway::start(
            single_provider_yaml(mock_->base_url(), fmt::format("  - model: amazon_bedrock/{}\n"
                                                                "    access_key: bedrock-api-key\n"
                                                                "    base_url: {}\n",
                                                                kModelId, bedrock_base_url())));
        ASSERT_TRUE(gateway_);
    }

    // Bedrock paths have no /v1 prefix: the base_url is the bare origin, as for AWS.
    std::string bedrock_base_url() const {
        return fmt::format("http://127.0.0.1:{}", mock_->port());
    }

    TestResponse post(const std::string& path, const std::string& body, const Headers& h = {}) {
        return http_post(gateway_->port(), path, body, h);
    }

    mock::RecordedRequest only_upstream_request() {
        auto requests = mock_->requests();
        EXPECT_EQ(requests.size(), 1u);
        return requests.empty() ? mock::RecordedRequest{} : requests.front();
    }

    // A Converse usage count the mock reports for the request the gateway sent, asked directly.
    int64_t direct_count(const mock::RecordedRequest& seen, const std::string& field) {
        auto response =
            http_post(mock_->port(), std::string(kEncodedPath) + "/converse", seen.body);
        EXPECT_EQ(response.status, 200) << response.body;
        const std::string key = "\"" + field + "\":";
        const size_t at = response.body.find(key);
        if (at == std::string::npos) return -1;
        return std::stoll(response.body.substr(at + key.size()));
    }

    std::unique_ptr<mock::MockProvider> mock_;
    std::unique_ptr<RunningGateway> gateway_;
};

TEST_F(BedrockTest, ChatClientGetsAChatCompletionFromConverse) {
    auto response = post("/v1/chat/completions", chat_body(kModelId));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr(R"("object":"chat.completion")"));
    EXPECT_THAT(response.body, HasSubstr(R"("finish_reason":"stop")"));
    EXPECT_THAT(response.body, HasSubstr(fmt::format(R"("model":"{}")", kModelId)));
    EXPECT_THAT(response.body, HasSubstr("Hello from plano-mock!"));

    auto seen = only_upstream_request();
    EXPECT_EQ(seen.target, std::string(kEncodedPath) + "/converse");
    EXPECT_EQ(seen.headers.get("authorization"), "Bearer bedrock-api-key");
    EXPECT_THAT(seen.body, HasSubstr(R"("messages":[{"role":"user","content":[{"text":)"));
    EXPECT_THAT(seen.body, Not(HasSubstr(R"("model")")));
    // Converse's inputTokens exclude cache reads; with none, Chat's prompt_tokens equal them.
    const llm::Usage client = json::extract_usage(response.body).value_or(llm::Usage{});
    ASSERT_TRUE(client.input_tokens.has_value());
    EXPECT_EQ(*client.input_tokens, direct_count(seen, "inputTokens"));
    EXPECT_EQ(client.output_tokens.value_or(-1), direct_count(seen, "outputTokens"));
}

TEST_F(BedrockTest, ChatClientStreamIsDecodedFromTheBinaryEventStream) {
    std::string body = chat_body(kModelId, true);
    body.insert(1, R"("stream_options":{"include_usage":true},)");
    auto response = post("/v1/chat/completions", body);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.headers.get("content-type").value_or(""), HasSubstr("text/event-stream"));
    EXPECT_THAT(response.body, HasSubstr("chat.completion.chunk"));
    EXPECT_THAT(response.body, HasSubstr(R"("content":"Hello")"));
    EXPECT_THAT(response.body, HasSubstr(R"("finish_reason":"stop")"));
    EXPECT_THAT(response.body, HasSubstr(R"("choices":[],"usage":{"prompt_tokens":)"));
    EXPECT_TRUE(response.body.ends_with("data: [DONE]\n\n"));
    EXPECT_EQ(only_upstream_request().target, std::string(kEncodedPath) + "/converse-stream");
}

TEST_F(BedrockTest, MessagesClientStreamIsAFullEventLifecycleWithUsage) {
    auto response = post("/v1/messages", fmt::format(R"({{"model":"{}","max_tokens":64,)"
                                                     R"("stream":true,"system":"Be brief.",)"
                                                     R"("messages":[{{"role":"user",)"
                                                     R"("content":"Hello there"}}]}})",
                                                     kModelId));
    ASSERT_EQ(response.status, 200) << response.body;
    for (const char* event :
         {"event: message_start", "event: content_block_start", "event: content_block_delta",
          "event: content_block_stop", "event: message_delta", "event: message_stop"}) {
        EXPECT_THAT(response.body, HasSubstr(event));
    }
    // Converse reports usage only at the end (metadata), so message_delta carries it.
    const auto delta = response.body.find("event: message_delta");
    ASSERT_NE(delta, std::string::npos);
    const std::string delta_event =
        response.body.substr(delta, response.body.find("\n\n", delta) - delta);
    EXPECT_THAT(delta_event, HasSubstr(R"("stop_reason":"end_turn")"));
    EXPECT_THAT(delta_event, HasSubstr(R"("output_tokens":)"));
    EXPECT_THAT(delta_event, Not(HasSubstr(R"("output_tokens":0)")));
    EXPECT_THAT(only_upstream_request().body, HasSubstr(R"("system":[{"text":"Be brief."}])"));
}

TEST_F(BedrockTest, ResponsesClientStreamEndsWithCompleted) {
    auto response = post("/v1/responses", fmt::format(R"({{"model":"{}","stream":true,)"
                                                      R"("input":"Hello there"}})",
                                                      kModelId));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr("response.created"));
    EXPECT_THAT(response.body, HasSubstr("response.output_text.delta"));
    EXPECT_THAT(response.body, HasSubstr("response.completed"));
}

TEST_F(BedrockTest, ToolCallsSurviveTranslationBothWays) {
    Headers script;
    script.add("x-mock-tool-call", "get_weather");
    const std::string body = fmt::format(
        R"({{"model":"{}","stream":true,"messages":[{{"role":"user","content":"Weather?"}}],)"
        R"("tools":[{{"type":"function","function":{{"name":"get_weather",)"
        R"("parameters":{{"type":"object","properties":{{"query":{{"type":"string"}}}}}}}}}}]}})",
        kModelId);
    auto response = post("/v1/chat/completions", body, script);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_THAT(response.body, HasSubstr(R"("name":"get_weather")"));
    EXPECT_THAT(response.body, HasSubstr(R"("finish_reason":"tool_calls")"));
    EXPECT_THAT(only_upstream_request().body,
                HasSubstr(R"("toolConfig":{"tools":[{"toolSpec":{"name":"get_weather")"));
}

TEST_F(BedrockTest, ProviderErrorsReachTheClientInItsOwnShape) {
    Headers script;
    script.add("x-mock-status", "429");
    auto chat = post("/v1/chat/completions", chat_body(kModelId), script);
    EXPECT_EQ(chat.status, 429);
    EXPECT_THAT(chat.body, HasSubstr(R"({"error":{"message":"plano-mock scripted error 429")"));
}

TEST_F(BedrockTest, BrokenStreamEndsWithAnErrorEvent) {
    Headers script;
    script.add("x-mock-break-after", "2");
    auto response = post("/v1/messages",
                         fmt::format(R"({{"model":"{}","max_tokens":64,)"
                                     R"("stream":true,"messages":[{{"role":"user",)"
                                     R"("content":"Hello there"}}]}})",
                                     kModelId),
                         script);
    ASSERT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr("event: error"));
    EXPECT_THAT(response.body, Not(HasSubstr("event: message_stop")));
}

}  // namespace
}  // namespace gw::testing
