// The mock as a server on 127.0.0.1:0, driven by a blocking Beast client.
#include "gw/mock/mock_provider.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <chrono>

namespace gw::mock {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr std::string_view kChat =
    R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello there"}]})";
constexpr std::string_view kChatStream =
    R"({"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]})";

// One keep-alive client connection.
class Client {
  public:
    explicit Client(uint16_t port) : socket_(io_) {
        socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }

    void send(http::verb verb, std::string_view target, std::string_view body,
              const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        http::request<http::string_body> req{verb, std::string(target), 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::content_type, "application/json");
        for (const auto& [name, value] : headers) req.set(name, value);
        req.body() = std::string(body);
        req.prepare_payload();
        http::write(socket_, req);
    }

    // Reads one response; `ec` reports a truncated or failed read.
    http::response<http::string_body> read(beast::error_code& ec) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64U << 20);
        http::read(socket_, buffer_, parser, ec);
        return parser.release();
    }

    http::response<http::string_body> call(
        http::verb verb, std::string_view target, std::string_view body = {},
        const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        send(verb, target, body, headers);
        beast::error_code ec;
        auto res = read(ec);
        EXPECT_FALSE(ec) << ec.message();
        return res;
    }

    void close() { socket_.close(); }

    tcp::socket& socket() { return socket_; }

  private:
    asio::io_context io_;
    tcp::socket socket_;
    beast::flat_buffer buffer_;
};

class MockProviderTest : public ::testing::Test {
  protected:
    void SetUp() override { mock_ = MockProvider::start({.port = 0, .threads = 2}); }

    std::unique_ptr<MockProvider> mock_;
};

size_t count(std::string_view text, std::string_view needle) {
    size_t n = 0;
    for (size_t pos = text.find(needle); pos != std::string_view::npos;
         pos = text.find(needle, pos + 1)) {
        ++n;
    }
    return n;
}

TEST_F(MockProviderTest, HealthAndModels) {
    Client client(mock_->port());
    EXPECT_EQ(client.call(http::verb::get, "/healthz").body(), "ok");
    const auto models = client.call(http::verb::get, "/v1/models");
    EXPECT_EQ(models.result_int(), 200);
    EXPECT_NE(models.body().find("gpt-4o-mini"), std::string::npos);
}

TEST_F(MockProviderTest, ChatCompletionEchoesModelAndRecordsTheRequest) {
    Client client(mock_->port());
    const auto res = client.call(http::verb::post, "/v1/chat/completions", kChat,
                                 {{"authorization", "Bearer k"}});
    ASSERT_EQ(res.result_int(), 200);
    const auto body = boost::json::parse(res.body());
    EXPECT_EQ(body.at("model").as_string(), "gpt-4o-mini");
    EXPECT_EQ(body.at("choices").at(0).at("message").at("content").as_string(),
              "Hello from plano-mock! You said: hello there");
    const auto recorded = mock_->requests();
    ASSERT_EQ(recorded.size(), 1U);
    EXPECT_EQ(recorded[0].method, "POST");
    EXPECT_EQ(recorded[0].target, "/v1/chat/completions");
    EXPECT_EQ(recorded[0].headers.get("Authorization"), "Bearer k");
    EXPECT_EQ(recorded[0].body, kChat);
}

TEST_F(MockProviderTest, KeepAliveServesTwoRequestsOnOneConnection) {
    Client client(mock_->port());
    EXPECT_EQ(client.call(http::verb::post, "/v1/messages", kChat).result_int(), 200);
    EXPECT_EQ(client.call(http::verb::post, "/v1/responses", kChat).result_int(), 200);
    EXPECT_EQ(mock_->stats().requests, 2U);
    EXPECT_EQ(mock_->connections_accepted(), 1U);
}

TEST_F(MockProviderTest, StreamsChunkedSseAndCountsCompletion) {
    Client client(mock_->port());
    const auto res = client.call(http::verb::post, "/v1/chat/completions", kChatStream,
                                 {{"x-mock-chunks", "4"}});
    EXPECT_EQ(res[http::field::content_type], "text/event-stream");
    EXPECT_TRUE(res.chunked());
    EXPECT_EQ(count(res.body(), "\"content\":"), 5U);  // role chunk + 4 pieces
    EXPECT_TRUE(res.body().ends_with("data: [DONE]\n\n"));
    EXPECT_TRUE(mock_->wait_for([](const MockStats& s) { return s.streams_completed == 1; }, 5s));
}

TEST_F(MockProviderTest, AnthropicStreamHasEventLines) {
    Client client(mock_->port());
    const auto res =
        client.call(http::verb::post, "/v1/messages", kChatStream, {{"x-mock-chunks", "3"}});
    EXPECT_EQ(count(res.body(), "event: content_block_delta\n"), 3U);
    EXPECT_TRUE(res.body().starts_with("event: message_start\n"));
    EXPECT_TRUE(res.body().ends_with("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

TEST_F(MockProviderTest, ToolCallAndCachedTokensAreScriptedByHeaders) {
    constexpr std::string_view kWithTool =
        R"({"model":"llama","tools":[{"type":"function","function":{"name":"lookup"}}],)"
        R"("messages":[{"role":"user","content":"hello there"}]})";
    Client client(mock_->port());
    const auto res = client.call(http::verb::post, "/openai/v1/chat/completions", kWithTool,
                                 {{"x-mock-tool-call", "lookup"},
                                  {"x-mock-tool-args", R"({"q":1})"},
                                  {"x-mock-cached-tokens", "3"}});
    ASSERT_EQ(res.result_int(), 200);
    const auto body = boost::json::parse(res.body());
    const auto& choice = body.at("choices").at(0);
    EXPECT_EQ(choice.at("finish_reason").as_string(), "tool_calls");
    EXPECT_EQ(
        choice.at("message").at("tool_calls").at(0).at("function").at("arguments").as_string(),
        R"({"q":1})");
    EXPECT_EQ(body.at("usage").at("prompt_tokens_details").at("cached_tokens").as_int64(), 3);
}

TEST_F(MockProviderTest, ScriptedStatusAndRetryAfter) {
    Client client(mock_->port());
    const auto res =
        client.call(http::verb::post, "/v1/chat/completions", kChat, {{"x-mock-status", "429"}});
    EXPECT_EQ(res.result_int(), 429);
    EXPECT_EQ(res["retry-after"], "7");
    EXPECT_NE(res.body().find("rate_limit_error"), std::string::npos);
    // The connection stays usable after an error.
    EXPECT_EQ(client.call(http::verb::get, "/healthz").result_int(), 200);
}

TEST_F(MockProviderTest, DelayHoldsTheHead) {
    Client client(mock_->port());
    const auto start = std::chrono::steady_clock::now();
    client.call(http::verb::post, "/v1/chat/completions", kChat, {{"x-mock-delay-ms", "50"}});
    EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
}

TEST_F(MockProviderTest, ChunkDelaySpacesTheChunks) {
    Client client(mock_->port());
    const auto start = std::chrono::steady_clock::now();
    client.call(http::verb::post, "/v1/chat/completions", kChatStream,
                {{"x-mock-chunks", "3"}, {"x-mock-chunk-delay-ms", "20"}});
    EXPECT_GE(std::chrono::steady_clock::now() - start, 60ms);
}

TEST_F(MockProviderTest, BreakAfterCutsTheStream) {
    Client client(mock_->port());
    client.send(http::verb::post, "/v1/chat/completions", kChatStream,
                {{"x-mock-chunks", "5"}, {"x-mock-break-after", "2"}});
    beast::error_code ec;
    http::response_parser<http::string_body> parser;
    beast::flat_buffer buffer;
    http::read(client.socket(), buffer, parser, ec);
    EXPECT_EQ(ec, http::error::partial_message);
    EXPECT_EQ(count(parser.get().body(), "\"content\":"), 3U);  // role chunk + 2 pieces
    EXPECT_TRUE(mock_->wait_for([](const MockStats& s) { return s.streams_broken == 1; }, 5s));
}

TEST_F(MockProviderTest, BodyBytesPadsTheResponse) {
    Client client(mock_->port());
    const auto res = client.call(http::verb::post, "/v1/chat/completions", kChat,
                                 {{"x-mock-body-bytes", "200000"}});
    EXPECT_GE(res.body().size(), 200'000U);
}

TEST_F(MockProviderTest, ClientGoneMidStreamIsCounted) {
    {
        Client client(mock_->port());
        client.send(http::verb::post, "/v1/chat/completions", kChatStream,
                    {{"x-mock-chunks", "50"}, {"x-mock-chunk-delay-ms", "100"}});
        http::response_parser<http::string_body> parser;
        beast::flat_buffer buffer;
        http::read_header(client.socket(), buffer, parser);
        client.close();
    }
    EXPECT_TRUE(mock_->wait_for([](const MockStats& s) { return s.streams_aborted == 1; }, 5s));
    EXPECT_TRUE(mock_->wait_for([](const MockStats& s) { return s.connections_open == 0; }, 5s));
    EXPECT_EQ(mock_->stats().streams_completed, 0U);
}

TEST(MockProvider, StopIsIdempotentAndFreesThePort) {
    auto mock = MockProvider::start({});
    const uint16_t port = mock->port();
    EXPECT_NE(port, 0);
    EXPECT_EQ(mock->base_url(), "http://127.0.0.1:" + std::to_string(port) + "/v1");
    mock->stop();
    mock->stop();
    mock.reset();
    EXPECT_NO_THROW(MockProvider::start({.port = port}));
}

}  // namespace
}  // namespace gw::mock
