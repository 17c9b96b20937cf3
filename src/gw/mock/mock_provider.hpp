#pragma once
// plano-mock: a deterministic fake LLM provider (OpenAI Chat, Anthropic Messages, OpenAI Responses,
// streaming and not) with faults scripted by request headers (see fault_script.hpp). Used in
// process by integration tests (port 0), and as the plano-mock binary by the demo and the bench.
//
// Endpoints: POST /v1/chat/completions, POST /v1/messages, POST /v1/responses (and any path ending
// in /chat/completions, /messages or /responses, as providers prefix them differently), GET
// /v1/models, GET /healthz, POST /v1/traces (a sink). Thread-safe: every accessor may be called
// from any thread while it serves.

#include "gw/base/headers.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gw::mock {

struct MockOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 0;           // 0: the kernel picks one; read it back with port()
    size_t threads = 1;          // one io_context per thread; connections are spread round-robin
    size_t record_limit = 1024;  // requests kept for requests() (oldest dropped); 0 records none
    size_t body_limit = 64U << 20;
};

struct RecordedRequest {
    std::string method;
    std::string target;
    Headers headers;
    std::string body;
};

struct MockStats {
    size_t connections_accepted = 0;
    size_t connections_open = 0;
    size_t requests = 0;
    size_t streams_started = 0;
    size_t streams_completed = 0;
    size_t streams_aborted = 0;  // the client went away before the stream ended
    size_t streams_broken = 0;   // cut on purpose by x-mock-break-after
};

class ProviderState;
class Server;

class MockProvider {
  public:
    // Binds and starts serving on its own threads. Throws std::runtime_error when it cannot bind.
    static std::unique_ptr<MockProvider> start(const MockOptions& options);
    ~MockProvider();
    MockProvider(const MockProvider&) = delete;
    MockProvider& operator=(const MockProvider&) = delete;

    [[nodiscard]] uint16_t port() const;
    // "http://127.0.0.1:<port>/v1", the base_url a provider config points at.
    [[nodiscard]] std::string base_url() const;
    [[nodiscard]] MockStats stats() const;
    [[nodiscard]] std::vector<RecordedRequest> requests() const;
    // The next `count` requests are answered with `status` and an error body, as if they had
    // carried x-mock-status (for retry and fallback tests).
    void fail_next(size_t count, unsigned status);
    [[nodiscard]] size_t connections_accepted() const { return stats().connections_accepted; }
    [[nodiscard]] size_t streams_aborted() const { return stats().streams_aborted; }
    // Blocks until `done(stats())` holds or `timeout` passes; returns whether it held. Lets tests
    // wait for an event (say, an aborted stream) without sleeping.
    bool wait_for(const std::function<bool(const MockStats&)>& done,
                  std::chrono::milliseconds timeout) const;
    // Stops accepting, closes every connection and joins the threads. Idempotent.
    void stop();

  private:
    MockProvider(const MockOptions& options);

    std::unique_ptr<ProviderState> state_;
    std::unique_ptr<Server> server_;
    std::string host_;
};

}  // namespace gw::mock
