#pragma once
// Keeps the prices and latencies that rank routed models (agents.md §6.4) up to date: fetches the
// configured cost and latency sources on one worker, refetches each every refresh_interval, and
// publishes the result as immutable snapshots any thread may read. A failed fetch keeps the data
// of the last good one; cost and latency are fetched and updated independently.

#include "gw/config/model.hpp"
#include "gw/routing/model_ranking.hpp"

#include <chrono>
#include <cstdint>
#include <memory>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace gw::http {
class UpstreamClient;
}  // namespace gw::http

namespace gw::proxy {

class ModelMetricsFeed {
  public:
    // Fetches on `context` (a worker's io_context) with `client` (that worker's UpstreamClient,
    // which needs a TLS context for the https catalogues). Does nothing until start().
    ModelMetricsFeed(config::ModelMetricsSources sources, boost::asio::io_context& context,
                     http::UpstreamClient& client);
    ~ModelMetricsFeed();  // stop()s
    ModelMetricsFeed(const ModelMetricsFeed&) = delete;
    ModelMetricsFeed& operator=(const ModelMetricsFeed&) = delete;

    // Starts the first fetch of every source, then their refresh loops (a source without
    // refresh_interval is fetched once). Returns when every first fetch has finished, or after
    // `first_fetch_limit`: the reference fetches before serving, but a dead catalogue must not
    // hold up startup. Call once, from a thread other than the worker's, while it runs.
    void start(std::chrono::milliseconds first_fetch_limit);
    // Ends the refresh loops and aborts a fetch in flight. Idempotent. Call before the worker's
    // context is destroyed; what is still pending when the context stops is simply dropped.
    void stop();

    // The latest metrics: never null, empty before the first successful fetch. Any thread.
    [[nodiscard]] std::shared_ptr<const routing::ModelMetrics> current() const;

    // Fetch attempts and how many of them failed, over both sources (for /metrics). Any thread.
    struct Stats {
        uint64_t fetches = 0;
        uint64_t failures = 0;
    };
    [[nodiscard]] Stats stats() const;

    struct State;  // implementation detail, shared with the fetch loops

  private:
    std::shared_ptr<State> state_;
};

}  // namespace gw::proxy
