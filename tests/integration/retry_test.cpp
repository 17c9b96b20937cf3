// Listener max_retries: a provider that fails with 429/5xx or refuses the connection is asked
// again after a jittered backoff, each attempt its own plano(outbound) span; the client only
// sees the final answer.

#include "gw/mock/mock_provider.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collecting_sink.hpp"
#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include "scripted_upstream.hpp"

namespace gw::testing {
namespace {

using telemetry::Span;
using ::testing::HasSubstr;

// Backoff short enough for a test, the way users tune it in overrides.
std::string retry_yaml() {
    return "overrides:\n  retry_backoff_base: 1ms\n  retry_backoff_max: 20ms\n"
           "tracing:\n  random_sampling: 100\n";
}

class RetryTest : public ::testing::Test {
  protected:
    void SetUp() override { mock_ = mock::MockProvider::start({}); }

    std::unique_ptr<RunningGateway> start(int max_retries, const std::string& base_url = {}) {
        return RunningGateway::start(
            single_provider_yaml(base_url.empty() ? mock_->base_url() : base_url, retry_yaml()), {},
            [max_retries](config::Config& c) { c.listeners[0].max_retries = max_retries; },
            app::GatewayOptions{&sink_});
    }

    // The outbound spans of the one request made so far, in the order they ended.
    std::vector<Span> outbound_spans(std::size_t expected) {
        std::vector<Span> out;
        for (Span& span : sink_.wait_for(expected + 1)) {
            if (span.service_name == "plano(outbound)") out.push_back(std::move(span));
        }
        return out;
    }

    std::unique_ptr<mock::MockProvider> mock_;
    CollectingSink sink_;
};

TEST_F(RetryTest, ServerErrorsAreRetriedUntilTheProviderAnswers) {
    auto gw = start(2);
    ASSERT_TRUE(gw);
    mock_->fail_next(2, 503);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"));
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr("chat.completion"));
    EXPECT_EQ(mock_->requests().size(), 3u);
    auto outbound = outbound_spans(3);
    ASSERT_EQ(outbound.size(), 3u);
    EXPECT_EQ(attribute_text(outbound[0], "http.status_code"), "503");
    EXPECT_EQ(attribute_text(outbound[1], "http.status_code"), "503");
    EXPECT_EQ(attribute_text(outbound[2], "http.status_code"), "200");
}

TEST_F(RetryTest, RateLimitsAreRetriedHonouringRetryAfterUnderTheCap) {
    auto gw = start(1);
    ASSERT_TRUE(gw);
    mock_->fail_next(1, 429);  // the mock says retry-after: 7; the 20 ms cap wins
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(mock_->requests().size(), 2u);
}

TEST_F(RetryTest, TheLastFailureReachesTheClientWhenRetriesRunOut) {
    auto gw = start(1);
    ASSERT_TRUE(gw);
    mock_->fail_next(5, 502);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"));
    EXPECT_EQ(response.status, 502);
    EXPECT_THAT(response.body, HasSubstr("error"));
    EXPECT_EQ(mock_->requests().size(), 2u);
    // The client's next request is served normally once the provider recovers.
    mock_->fail_next(0, 0);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
}

TEST_F(RetryTest, WithoutMaxRetriesAFailureIsPassedThroughAtOnce) {
    auto gw = start(0);
    ASSERT_TRUE(gw);
    mock_->fail_next(1, 503);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 503);
    EXPECT_EQ(mock_->requests().size(), 1u);
}

TEST_F(RetryTest, ClientErrorsAreNeverRetried) {
    auto gw = start(3);
    ASSERT_TRUE(gw);
    mock_->fail_next(1, 400);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 400);
    EXPECT_EQ(mock_->requests().size(), 1u);
}

TEST_F(RetryTest, StreamsAreRetriedBeforeTheirFirstByte) {
    auto gw = start(1);
    ASSERT_TRUE(gw);
    mock_->fail_next(1, 500);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini", true));
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr("data: [DONE]"));
    EXPECT_EQ(mock_->requests().size(), 2u);
}

TEST_F(RetryTest, RefusedConnectionsAreRetriedThen502) {
    uint16_t closed_port = 0;
    {
        ScriptedUpstream probe;  // bind, then release: nothing listens there afterwards
        closed_port = probe.port();
    }
    auto gw = start(2, "http://127.0.0.1:" + std::to_string(closed_port) + "/v1");
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"));
    EXPECT_EQ(response.status, 502);
    EXPECT_THAT(response.body, HasSubstr("upstream_unreachable"));
    auto outbound = outbound_spans(3);
    EXPECT_EQ(outbound.size(), 3u);
}

}  // namespace
}  // namespace gw::testing
