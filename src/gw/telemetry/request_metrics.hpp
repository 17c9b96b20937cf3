#pragma once
// The gateway's request metrics (docs/metrics.md): HTTP requests per handler and LLM upstream
// calls per provider and model, kept in one shard per worker. A worker records only into its own
// shard, so the request path takes no lock, does no read-modify-write on shared cache lines and,
// once a (provider, model) pair has been seen on that worker, allocates nothing. A scrape sums
// the shards from any thread.

#include "gw/llm/api.hpp"
#include "gw/telemetry/prometheus_text.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::telemetry {

// The `handler` label of the HTTP metrics.
enum class HttpHandler {
    LlmChat,
    ListModels,
    CorsPreflight,
    NotFound,
    Health,
    Metrics,
    RoutingDecision
};

// The `error_class` label of an upstream call; exactly one per call.
enum class UpstreamErrorClass {
    None,       // a response was relayed completely (whatever its status)
    Timeout,    // no response head within the listener timeout, or the provider went silent
    Connect,    // DNS, connect, TLS or the request write failed
    Stream,     // the response broke off after its head
    Cancelled,  // the client went away first
};

// What one finished upstream call reports; filled where the call ends.
struct UpstreamOutcome {
    // The provider entry's name, "openai/gpt-4o": provider and model are split at the first '/'
    // (provider "unknown" without one).
    std::string provider_model;
    int status = 0;  // 0: no response head arrived
    UpstreamErrorClass error = UpstreamErrorClass::None;
    std::chrono::steady_clock::duration duration{};  // request sent to last byte relayed
    // Request sent to the first body byte of a streamed (SSE) response.
    std::optional<std::chrono::steady_clock::duration> time_to_first_token{};
    std::optional<llm::Usage> usage{};
};

struct RequestMetricsLimits {
    // Distinct (provider, model) pairs per worker; further ones are counted as
    // provider="other",model="other" (wildcard providers pass any model id through).
    std::size_t max_models_per_worker = 256;
};

class RequestMetrics {
  public:
    explicit RequestMetrics(std::size_t workers, RequestMetricsLimits limits = {});
    ~RequestMetrics();
    RequestMetrics(const RequestMetrics&) = delete;
    RequestMetrics& operator=(const RequestMetrics&) = delete;

    // Worker-affine: call only on worker `worker`'s thread (one writer per shard).
    void http_started(std::size_t worker, HttpHandler handler);
    void http_finished(std::size_t worker, HttpHandler handler, std::string_view method, int status,
                       std::chrono::steady_clock::duration duration);
    void record_upstream(std::size_t worker, const UpstreamOutcome& outcome);

    // Any thread: appends every request metric family, the shards summed.
    void render(PrometheusText& out) const;

    [[nodiscard]] std::size_t workers() const { return shards_.size(); }

  private:
    struct Shard;
    void render_http(PrometheusText& out) const;
    void render_upstream(PrometheusText& out) const;

    std::vector<std::unique_ptr<Shard>> shards_;
};

// Counts one HTTP request as in flight while it lives and records it when it ends, so an
// exception or a cancelled coroutine cannot leave the gauge high. Worker-affine.
class HttpRequestScope {
  public:
    // `method` must outlive the scope (it is the request's own string).
    HttpRequestScope(RequestMetrics& metrics, std::size_t worker, HttpHandler handler,
                     std::string_view method);
    ~HttpRequestScope();
    HttpRequestScope(const HttpRequestScope&) = delete;
    HttpRequestScope& operator=(const HttpRequestScope&) = delete;

    // The status the client got; without one the request counts as status_class "other".
    void set_status(int status) { status_ = status; }

  private:
    RequestMetrics& metrics_;
    std::size_t worker_;
    HttpHandler handler_;
    std::string_view method_;
    int status_ = 0;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace gw::telemetry
