// The model_metrics_sources feed (agents.md §6.4) against catalogue and Prometheus servers on
// 127.0.0.1: what it publishes, what it asks for, and how it behaves when a source fails, hangs
// or is stopped.

#include "gw/proxy/model_metrics_feed.hpp"

#include "gw/http/upstream_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kModelsDev = R"({"openai": {"models": {
    "gpt-4o": {"cost": {"input": 2.5, "output": 10}},
    "gpt-oss-120b": {"cost": {"input": 1, "output": 2}}}}})";
constexpr std::string_view kModelsDevRepriced = R"({"openai": {"models": {
    "gpt-4o": {"cost": {"input": 3, "output": 12}}}}})";
constexpr std::string_view kPrometheus = R"({"status": "success", "data": {
    "resultType": "vector", "result": [
    {"metric": {"model_name": "openai/gpt-4o"}, "value": [1700000000.1, "0.42"]},
    {"metric": {"model_name": "anthropic/claude-sonnet"}, "value": [1700000000.1, "1.5"]}]}})";

// A worker as the gateway runs one: an io_context on its own thread, with its UpstreamClient.
class Worker {
  public:
    Worker() : thread_([this] { run(); }) {}
    ~Worker() {
        guard_.reset();
        context_.stop();
        thread_.join();
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    asio::io_context& context() { return context_; }
    http::UpstreamClient& client() { return client_; }
    // Drops the keep-alive guard: true when the context then runs out of work within `limit`,
    // i.e. nothing the feed started is still pending.
    bool runs_out_within(std::chrono::milliseconds limit) {
        guard_.reset();
        return ran_out_.wait_for(limit) == std::future_status::ready;
    }

  private:
    void run() {
        context_.run();
        done_.set_value();
    }

    asio::io_context context_{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard_ =
        asio::make_work_guard(context_);
    http::UpstreamClient client_{context_, nullptr, http::PoolOptions{}};
    std::promise<void> done_;
    std::future<void> ran_out_ = done_.get_future();
    std::thread thread_;
};

// Answers every request with the document of the moment and remembers what was asked for.
class DocumentServer {
  public:
    DocumentServer();
    ~DocumentServer() {
        context_.stop();
        thread_.join();
    }
    DocumentServer(const DocumentServer&) = delete;
    DocumentServer& operator=(const DocumentServer&) = delete;

    [[nodiscard]] std::string url(std::string_view path) const {
        return fmt::format("http://127.0.0.1:{}{}", port_, path);
    }
    void answer(int status, std::string_view body) {
        std::lock_guard lock(mutex_);
        status_ = status;
        body_ = body;
    }
    [[nodiscard]] std::vector<std::string> targets() const {
        std::lock_guard lock(mutex_);
        return targets_;
    }

    // Called by the connections, on the server's thread.
    std::string reply_to(std::string target) {
        std::lock_guard lock(mutex_);
        targets_.push_back(std::move(target));
        return fmt::format(
            "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n"
            "Connection: close\r\n\r\n{}",
            status_, body_.size(), body_);
    }
    tcp::acceptor& acceptor() { return acceptor_; }

  private:
    asio::io_context context_{1};
    tcp::acceptor acceptor_{context_, {asio::ip::make_address_v4("127.0.0.1"), 0}};
    uint16_t port_ = acceptor_.local_endpoint().port();
    mutable std::mutex mutex_;
    int status_ = 200;
    std::string body_;
    std::vector<std::string> targets_;
    std::thread thread_;
};

std::string request_target(std::string_view request) {
    const std::size_t start = request.find(' ') + 1;
    return std::string(request.substr(start, request.find(' ', start) - start));
}

asio::awaitable<void> serve(DocumentServer* server, tcp::socket socket) {
    std::string request;
    auto [read_ec, read] = co_await asio::async_read_until(socket, asio::dynamic_buffer(request),
                                                           "\r\n\r\n", use_nothrow);
    if (read_ec) co_return;
    std::string reply = server->reply_to(request_target(request));
    co_await asio::async_write(socket, asio::buffer(reply), use_nothrow);
}

asio::awaitable<void> accept_loop(DocumentServer* server) {
    for (;;) {
        auto [ec, socket] = co_await server->acceptor().async_accept(use_nothrow);
        if (ec) co_return;
        asio::co_spawn(socket.get_executor(), serve(server, std::move(socket)), asio::detached);
    }
}

DocumentServer::DocumentServer() {
    asio::co_spawn(context_, accept_loop(this), asio::detached);
    thread_ = std::thread([this] { context_.run(); });
}

// The feed works on its own schedule: poll for the effect rather than sleep a fixed time.
template <class Condition>
bool eventually(Condition done) {
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > give_up) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

config::ModelMetricsSources cost_from(std::string provider, std::string url,
                                      std::optional<std::chrono::seconds> refresh = {},
                                      config::StringPairs aliases = {}) {
    config::ModelMetricsSources sources;
    sources.cost =
        config::CostSource{std::move(provider), std::move(url), refresh, std::move(aliases)};
    return sources;
}

config::LatencySource latency_from(std::string url, std::string query) {
    return {std::move(url), std::move(query), std::nullopt};
}

double input_price(const ModelMetricsFeed& feed, const std::string& model) {
    auto metrics = feed.current();
    auto it = metrics->prices.find(model);
    return it == metrics->prices.end() ? -1 : it->second.input_per_million;
}

TEST(ModelMetricsFeed, ModelsDevPricesArriveUnderTheirAliases) {
    DocumentServer catalogue;
    catalogue.answer(200, kModelsDev);
    Worker worker;
    ModelMetricsFeed feed(cost_from("models.dev", catalogue.url("/api.json"), std::nullopt,
                                    {{"openai/gpt-oss-120b", "openai/cheap"}}),
                          worker.context(), worker.client());
    EXPECT_TRUE(feed.current()->prices.empty());

    feed.start(5s);

    auto metrics = feed.current();
    EXPECT_EQ(metrics->prices.at("openai/gpt-4o").output_per_million, 10.0);
    EXPECT_EQ(metrics->prices.at("gpt-4o").input_per_million, 2.5);
    EXPECT_EQ(metrics->prices.at("openai/cheap").input_per_million, 1.0);
    EXPECT_FALSE(metrics->prices.contains("openai/gpt-oss-120b"));
    EXPECT_TRUE(metrics->latency.empty());
    EXPECT_EQ(catalogue.targets(), std::vector<std::string>{"/api.json"});
    EXPECT_EQ(feed.stats().fetches, 1u);
    EXPECT_EQ(feed.stats().failures, 0u);
}

TEST(ModelMetricsFeed, DigitalOceanPricesAreScaledToPerMillion) {
    DocumentServer catalogue;
    catalogue.answer(200, R"({"data": [{"model_id": "openai-gpt-4o", "pricing": {
        "input_price_per_million": 2.5e-6, "output_price_per_million": 1e-5}}]})");
    Worker worker;
    ModelMetricsFeed feed(cost_from("digitalocean", catalogue.url("/v2/gen-ai/models/catalog"),
                                    std::nullopt, {{"openai-gpt-4o", "openai/gpt-4o"}}),
                          worker.context(), worker.client());

    feed.start(5s);

    EXPECT_NEAR(input_price(feed, "openai/gpt-4o"), 2.5, 1e-9);
    EXPECT_EQ(catalogue.targets(), std::vector<std::string>{"/v2/gen-ai/models/catalog"});
}

TEST(ModelMetricsFeed, PrometheusQueryIsEncodedAndItsValuesRead) {
    DocumentServer prometheus;
    prometheus.answer(200, kPrometheus);
    Worker worker;
    config::ModelMetricsSources sources;
    sources.latency = latency_from(
        prometheus.url("/prom/"),
        R"(histogram_quantile(0.95, sum by (le, model_name) (rate(latency_bucket{job="x"}[5m]))))");
    ModelMetricsFeed feed(sources, worker.context(), worker.client());

    feed.start(5s);

    EXPECT_EQ(prometheus.targets(),
              std::vector<std::string>{
                  "/prom/api/v1/query?query=histogram_quantile%280.95%2C%20sum%20by%20%28le%2C%"
                  "20model_name%29%20%28rate%28latency_bucket%7Bjob%3D%22x%22%7D%5B5m%5D%29%29%"
                  "29"});
    auto metrics = feed.current();
    EXPECT_EQ(metrics->latency.at("openai/gpt-4o"), 0.42);
    EXPECT_EQ(metrics->latency.at("anthropic/claude-sonnet"), 1.5);
    EXPECT_TRUE(metrics->prices.empty());
}

TEST(ModelMetricsFeed, FailedRefreshesKeepThePreviousData) {
    DocumentServer catalogue;
    catalogue.answer(200, kModelsDev);
    Worker worker;
    ModelMetricsFeed feed(cost_from("models.dev", catalogue.url("/api.json"), 1s), worker.context(),
                          worker.client());
    feed.start(5s);
    ASSERT_EQ(input_price(feed, "gpt-4o"), 2.5);

    catalogue.answer(500, "overloaded");
    ASSERT_TRUE(eventually([&] { return feed.stats().failures == 1; }));
    EXPECT_EQ(input_price(feed, "gpt-4o"), 2.5);

    catalogue.answer(200, "<html>not json</html>");
    ASSERT_TRUE(eventually([&] { return feed.stats().failures == 2; }));
    EXPECT_EQ(input_price(feed, "gpt-4o"), 2.5);
    EXPECT_GE(feed.stats().fetches, 3u);
}

TEST(ModelMetricsFeed, RefreshPicksUpAChangedDocument) {
    DocumentServer catalogue;
    catalogue.answer(200, kModelsDev);
    Worker worker;
    ModelMetricsFeed feed(cost_from("models.dev", catalogue.url("/api.json"), 1s), worker.context(),
                          worker.client());
    feed.start(5s);
    ASSERT_EQ(input_price(feed, "gpt-4o"), 2.5);

    catalogue.answer(200, kModelsDevRepriced);

    EXPECT_TRUE(eventually([&] { return input_price(feed, "gpt-4o") == 3.0; }));
    EXPECT_EQ(input_price(feed, "openai/gpt-oss-120b"), -1);  // replaced, not merged
    EXPECT_EQ(feed.stats().failures, 0u);
}

TEST(ModelMetricsFeed, CostAndLatencyUpdateIndependently) {
    DocumentServer catalogue;
    catalogue.answer(200, kModelsDev);
    DocumentServer prometheus;
    prometheus.answer(503, "down");
    Worker worker;
    config::ModelMetricsSources sources = cost_from("models.dev", catalogue.url("/api.json"));
    sources.latency = latency_from(prometheus.url(""), "up");
    ModelMetricsFeed feed(sources, worker.context(), worker.client());

    feed.start(5s);

    EXPECT_EQ(input_price(feed, "gpt-4o"), 2.5);
    EXPECT_TRUE(feed.current()->latency.empty());
    EXPECT_EQ(feed.stats().fetches, 2u);
    EXPECT_EQ(feed.stats().failures, 1u);
}

TEST(ModelMetricsFeed, RefusedConnectionIsAFailureAndLeavesTheMetricsEmpty) {
    uint16_t closed_port = 0;
    {
        asio::io_context context;
        tcp::acceptor probe(context, {asio::ip::make_address_v4("127.0.0.1"), 0});
        closed_port = probe.local_endpoint().port();
    }
    Worker worker;
    ModelMetricsFeed feed(cost_from("models.dev", fmt::format("http://127.0.0.1:{}/", closed_port)),
                          worker.context(), worker.client());

    feed.start(5s);

    EXPECT_TRUE(feed.current()->prices.empty());
    EXPECT_EQ(feed.stats().failures, 1u);
}

// A server that accepts connections (the kernel does, from the backlog) and never answers.
TEST(ModelMetricsFeed, SilentServerHoldsUpStartOnlyUntilTheLimit) {
    asio::io_context silent_context;
    tcp::acceptor silent(silent_context, {asio::ip::make_address_v4("127.0.0.1"), 0});
    Worker worker;
    ModelMetricsFeed feed(cost_from("models.dev", fmt::format("http://127.0.0.1:{}/api.json",
                                                              silent.local_endpoint().port())),
                          worker.context(), worker.client());

    const auto before = std::chrono::steady_clock::now();
    feed.start(200ms);
    const auto waited = std::chrono::steady_clock::now() - before;

    EXPECT_GE(waited, 200ms);
    EXPECT_LT(waited, 2s);
    EXPECT_TRUE(feed.current()->prices.empty());
    feed.stop();  // aborts the fetch still waiting for an answer
    EXPECT_TRUE(worker.runs_out_within(5s));
    EXPECT_EQ(feed.stats().failures, 0u);  // the abort was ours, not the source's fault
}

TEST(ModelMetricsFeed, StopEndsAPendingRefresh) {
    DocumentServer catalogue;
    catalogue.answer(200, kModelsDev);
    Worker worker;
    ModelMetricsFeed feed(cost_from("models.dev", catalogue.url("/api.json"), 3600s),
                          worker.context(), worker.client());
    feed.start(5s);
    ASSERT_EQ(input_price(feed, "gpt-4o"), 2.5);

    feed.stop();
    feed.stop();

    EXPECT_TRUE(worker.runs_out_within(5s));
    EXPECT_EQ(input_price(feed, "gpt-4o"), 2.5);  // stopping keeps the last data
}

TEST(ModelMetricsFeed, WithoutSourcesStartReturnsAtOnce) {
    Worker worker;
    ModelMetricsFeed feed({}, worker.context(), worker.client());

    feed.start(10s);

    EXPECT_EQ(feed.stats().fetches, 0u);
    EXPECT_TRUE(feed.current()->prices.empty());
}

}  // namespace
}  // namespace gw::proxy
