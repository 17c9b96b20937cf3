// The model listener end to end: a real Gateway in-process in front of the in-process mock
// provider (or a step-by-step scripted upstream), driven by real HTTP clients.

#include "gw/mock/mock_provider.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include "scripted_upstream.hpp"
#include <atomic>
#include <thread>
#include <vector>

namespace gw::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ProxyTest : public ::testing::Test {
  protected:
    void SetUp() override { mock_ = mock::MockProvider::start({}); }

    std::unique_ptr<RunningGateway> start_gateway(
        const std::string& extra = {}, const std::function<void(config::Config&)>& adjust = {}) {
        return RunningGateway::start(single_provider_yaml(mock_->base_url(), extra), {}, adjust);
    }

    static Headers with(std::initializer_list<std::pair<std::string, std::string>> fields) {
        Headers h;
        for (const auto& [k, v] : fields) h.add(k, v);
        return h;
    }

    std::unique_ptr<mock::MockProvider> mock_;
};

TEST_F(ProxyTest, ForwardsChatCompletionWithAuthAndRewrittenModel) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    std::string body = chat_body("openai/gpt-4o-mini");
    auto response = http_post(gw->port(), "/v1/chat/completions", body,
                              with({{"Authorization", "Bearer client-secret"}, {"X-Custom", "1"}}));
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr("\"chat.completion\""));
    EXPECT_THAT(response.headers.get("content-type").value_or(""), HasSubstr("application/json"));

    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 1u);
    const auto& seen = requests[0];
    EXPECT_EQ(seen.target, "/v1/chat/completions");
    EXPECT_EQ(seen.headers.get("authorization"), "Bearer test-key");
    EXPECT_EQ(seen.headers.get("x-custom"), "1");
    // Byte-exact except the model value: numbers keep their spelling.
    std::string expected = body;
    expected.replace(expected.find("openai/gpt-4o-mini"), 18, "gpt-4o-mini");
    EXPECT_EQ(seen.body, expected);
}

TEST_F(ProxyTest, ResolvesAliasesAndBareModelIds) {
    auto gw = start_gateway("model_aliases:\n  fast:\n    target: openai/gpt-4o-mini\n");
    ASSERT_TRUE(gw);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("fast")).status, 200);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
    for (const auto& request : mock_->requests()) {
        EXPECT_THAT(request.body, HasSubstr(R"("model":"gpt-4o-mini")"));
    }
}

TEST_F(ProxyTest, StreamsEveryFrameAndDone) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini", true),
                              with({{"x-mock-chunks", "7"}}));
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.headers.get("content-type").value_or(""), HasSubstr("text/event-stream"));
    std::size_t frames = 0;
    for (std::size_t at = 0;
         (at = response.body.find("chat.completion.chunk", at)) != std::string::npos; ++at) {
        ++frames;
    }
    EXPECT_GE(frames, 7u);
    EXPECT_THAT(response.body, HasSubstr("data: [DONE]"));
}

TEST_F(ProxyTest, UnknownAndMissingModelAre400NamingTheModel) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    auto unknown = http_post(gw->port(), "/v1/chat/completions", chat_body("nope/model-x"));
    EXPECT_EQ(unknown.status, 400);
    EXPECT_THAT(unknown.body, HasSubstr("Model 'nope/model-x' not found"));
    EXPECT_THAT(unknown.body, HasSubstr(R"("code":"model_not_found")"));
    auto missing = http_post(gw->port(), "/v1/chat/completions", R"({"messages":[]})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_THAT(missing.body, HasSubstr("Model '' not found"));
    EXPECT_TRUE(mock_->requests().empty());
}

TEST_F(ProxyTest, MalformedJsonIs400) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    for (std::string bad : {"{\"model\":", "not json", "[1,2]", "{\"model\":\"gpt-4o-mini\"} x"}) {
        auto response = http_post(gw->port(), "/v1/chat/completions", bad);
        EXPECT_EQ(response.status, 400) << bad;
        EXPECT_THAT(response.body, HasSubstr("\"error\"")) << bad;
    }
    EXPECT_TRUE(mock_->requests().empty());
}

TEST_F(ProxyTest, AnthropicClientsGetAnthropicShapedErrors) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/messages", R"({"model":"missing","max_tokens":5})");
    EXPECT_EQ(response.status, 400);
    EXPECT_THAT(response.body, HasSubstr(R"("type":"error")"));
}

TEST_F(ProxyTest, MessagesGoNativelyToAnthropicProviders) {
    auto gw = start_gateway(
        "  - model: anthropic/claude-sonnet-4\n    access_key: ant-key\n"
        "    base_url: " +
        mock_->base_url() + "\n");
    ASSERT_TRUE(gw);
    std::string body =
        R"({"model":"claude-sonnet-4","max_tokens":64,"messages":[{"role":"user","content":"hi"}]})";
    auto response = http_post(gw->port(), "/v1/messages", body,
                              with({{"anthropic-version", "2023-06-01"}, {"x-api-key", "client"}}));
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr(R"("type":"message")"));
    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].target, "/v1/messages");
    EXPECT_EQ(requests[0].headers.get("x-api-key"), "ant-key");
    EXPECT_FALSE(requests[0].headers.contains("authorization"));
}

TEST_F(ProxyTest, WildcardProviderPassesAnyModelIdAndClientAuth) {
    auto gw = start_gateway("  - model: local/*\n    base_url: " + mock_->base_url() +
                            "\n    provider_interface: openai\n    passthrough_auth: true\n");
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("local/llama-3.1-8b"),
                              with({{"Authorization", "Bearer user-token"}}));
    EXPECT_EQ(response.status, 200);
    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_THAT(requests[0].body, HasSubstr(R"("model":"llama-3.1-8b")"));
    EXPECT_EQ(requests[0].headers.get("authorization"), "Bearer user-token");
}

TEST_F(ProxyTest, OversizedBodyIs413) {
    auto gw =
        start_gateway({}, [](config::Config& c) { c.overrides.max_request_body_bytes = 1024; });
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions",
                              chat_body("gpt-4o-mini", false, std::string(4096, 'a')));
    EXPECT_EQ(response.status, 413);
    EXPECT_THAT(response.body, HasSubstr("body_too_large"));
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
}

TEST_F(ProxyTest, UpstreamErrorStatusBodyAndRetryAfterPassThrough) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"),
                              with({{"x-mock-status", "429"}}));
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(response.headers.get("retry-after"), "7");
    EXPECT_THAT(response.body, HasSubstr("\"error\""));
    auto server_error = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"),
                                  with({{"x-mock-status", "503"}}));
    EXPECT_EQ(server_error.status, 503);
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
}

TEST_F(ProxyTest, UnreachableUpstreamIs502) {
    uint16_t closed_port = 0;
    {
        ScriptedUpstream probe;  // bind, then release: nothing listens there afterwards
        closed_port = probe.port();
    }
    auto gw = RunningGateway::start(
        single_provider_yaml("http://127.0.0.1:" + std::to_string(closed_port) + "/v1"));
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"));
    EXPECT_EQ(response.status, 502);
    EXPECT_THAT(response.body, HasSubstr("upstream_unreachable"));
    EXPECT_THAT(response.body, Not(HasSubstr("test-key")));
}

TEST_F(ProxyTest, SlowUpstreamIs504AfterListenerTimeout) {
    auto gw = start_gateway(
        {}, [](config::Config& c) { c.listeners[0].timeout = std::chrono::milliseconds(200); });
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"),
                              with({{"x-mock-delay-ms", "5000"}}));
    EXPECT_EQ(response.status, 504);
    EXPECT_THAT(response.body, HasSubstr("upstream_timeout"));
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
}

TEST_F(ProxyTest, BrokenUpstreamStreamEndsClientStreamCleanly) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    TestConnection client(gw->port());
    client.send("POST", "/v1/chat/completions", chat_body("gpt-4o-mini", true),
                with({{"x-mock-break-after", "2"}, {"x-mock-chunks", "10"}}));
    EXPECT_EQ(client.read_head(), 200);
    auto [body, clean] = client.read_rest();
    EXPECT_TRUE(clean) << "the chunked body must be terminated properly";
    EXPECT_THAT(body, HasSubstr("upstream_stream_broken"));
    EXPECT_THAT(body, Not(HasSubstr("[DONE]")));
    EXPECT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
}

TEST_F(ProxyTest, ReusesUpstreamConnectionsAcrossRequests) {
    auto gw = start_gateway({}, [](config::Config& c) { c.overrides.worker_threads = 1; });
    ASSERT_TRUE(gw);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(
            http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini", i % 2 == 1))
                .status,
            200);
    }
    EXPECT_EQ(mock_->connections_accepted(), 1u);
}

TEST_F(ProxyTest, ClientKeepAliveServesManyRequestsOnOneConnection) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    TestConnection client(gw->port());
    for (int i = 0; i < 3; ++i) {
        auto response =
            client.request("POST", "/v1/chat/completions", chat_body("gpt-4o-mini", i == 1));
        EXPECT_EQ(response.status, 200);
    }
    EXPECT_EQ(client.request("GET", "/healthz").status, 200);
}

TEST_F(ProxyTest, ALongPromptIsForwardedWholeAndTheConnectionServesTheNextRequest) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    // Larger than any read room, with a recognisable end, so a truncated or reordered body shows.
    std::string prompt(3 * 1024 * 1024, 'p');
    prompt.replace(prompt.size() - 4, 4, "tail");
    const std::string body =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":")" + prompt + R"("}]})";
    TestConnection client(gw->port());
    EXPECT_EQ(client.request("POST", "/v1/chat/completions", body).status, 200);
    EXPECT_EQ(client.request("POST", "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);

    auto requests = mock_->requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].body, body);
    EXPECT_THAT(requests[1].body, Not(HasSubstr("tail")));
}

TEST_F(ProxyTest, ClientAbortMidStreamCancelsUpstream) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    {
        TestConnection client(gw->port());
        client.send("POST", "/v1/chat/completions", chat_body("gpt-4o-mini", true),
                    with({{"x-mock-chunks", "1000"}, {"x-mock-chunk-delay-ms", "50"}}));
        EXPECT_EQ(client.read_head(), 200);
        EXPECT_TRUE(client.read_some().has_value());
        client.close();
    }
    EXPECT_TRUE(mock_->wait_for([](const mock::MockStats& s) { return s.streams_aborted >= 1; },
                                std::chrono::seconds(10)));
}

TEST_F(ProxyTest, TwoHundredConcurrentStreamsCompleteIntact) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    std::atomic<int> intact{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 200; ++i) {
        clients.emplace_back([&, i] {
            try {
                auto response =
                    http_post(gw->port(), "/v1/chat/completions",
                              chat_body("gpt-4o-mini", true, "client " + std::to_string(i)),
                              with({{"x-mock-chunks", "20"}, {"x-mock-chunk-delay-ms", "5"}}));
                bool ok = response.status == 200 &&
                          response.body.find("data: [DONE]") != std::string::npos;
                if (ok) intact.fetch_add(1);
            } catch (const std::exception&) {
            }
        });
    }
    for (auto& t : clients) t.join();
    EXPECT_EQ(intact.load(), 200);
}

TEST_F(ProxyTest, ModelsHealthCorsAndUnknownRoutes) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    auto models = http_get(gw->port(), "/v1/models");
    EXPECT_EQ(models.status, 200);
    EXPECT_THAT(models.body, HasSubstr(R"("object":"list")"));
    EXPECT_THAT(models.body, HasSubstr(R"("id":"openai/gpt-4o-mini")"));
    EXPECT_THAT(models.body, Not(HasSubstr("arch-function")));
    EXPECT_EQ(http_get(gw->port(), "/healthz").status, 200);
    TestConnection preflight(gw->port());
    auto options = preflight.request("OPTIONS", "/v1/models");
    EXPECT_EQ(options.status, 204);
    EXPECT_EQ(options.headers.get("access-control-allow-origin"), "*");
    EXPECT_EQ(http_get(gw->port(), "/v1/embeddings").status, 404);
    EXPECT_EQ(http_get(gw->port(), "/v1/chat/completions").status, 405);
}

TEST_F(ProxyTest, MalformedHttpGets400AndServerKeepsServing) {
    auto gw = start_gateway();
    ASSERT_TRUE(gw);
    TestConnection raw(gw->port());
    std::string reply = raw.raw_exchange("GARBAGE\r\n\r\n");
    EXPECT_THAT(reply, HasSubstr("400"));
    EXPECT_EQ(http_get(gw->port(), "/healthz").status, 200);
}

TEST(ProxyStreaming, EachFrameReachesClientBeforeTheNextIsSent) {
    ScriptedUpstream upstream;
    auto gw = RunningGateway::start(
        single_provider_yaml("http://127.0.0.1:" + std::to_string(upstream.port()) + "/v1"));
    ASSERT_TRUE(gw);
    TestConnection client(gw->port());
    client.send("POST", "/v1/chat/completions", chat_body("gpt-4o-mini", true), {});
    upstream.receive_request();
    upstream.send(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        "Transfer-Encoding: chunked\r\n\r\n");
    ASSERT_EQ(client.read_head(), 200);
    for (int i = 0; i < 3; ++i) {
        std::string frame = "data: {\"frame\":" + std::to_string(i) + "}\n\n";
        upstream.send_chunk(frame);
        // The next frame is only sent after this one arrived: a buffering proxy would block here
        // until the receive timeout and fail.
        auto got = client.read_some();
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(*got, frame);
    }
    upstream.send_chunk("data: [DONE]\n\n");
    upstream.send("0\r\n\r\n");
    auto [rest, clean] = client.read_rest();
    EXPECT_TRUE(clean);
    EXPECT_EQ(rest, "data: [DONE]\n\n");
}

TEST(ProxyShutdown, DrainFinishesAnInFlightStream) {
    auto mock = mock::MockProvider::start({});
    auto gw = RunningGateway::start(single_provider_yaml(mock->base_url()));
    ASSERT_TRUE(gw);
    TestConnection client(gw->port());
    Headers slow;
    slow.add("x-mock-chunks", "20");
    slow.add("x-mock-chunk-delay-ms", "25");
    client.send("POST", "/v1/chat/completions", chat_body("gpt-4o-mini", true), slow);
    ASSERT_EQ(client.read_head(), 200);
    std::thread drainer([&] { EXPECT_TRUE(gw->shutdown(std::chrono::seconds(20))); });
    auto [body, clean] = client.read_rest();
    drainer.join();
    EXPECT_TRUE(clean);
    EXPECT_THAT(body, HasSubstr("data: [DONE]"));
}

}  // namespace
}  // namespace gw::testing
