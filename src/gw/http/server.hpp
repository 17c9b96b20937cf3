#pragma once
// An HTTP/1.1 server: one acceptor hands each connection to the next worker; each connection is
// one coroutine reading requests (keep-alive, 100-continue, size limits, idle timeout) and passing
// them to the RequestHandler.

#include "gw/base/result.hpp"
#include "gw/http/request_handler.hpp"
#include "gw/net/worker_pool.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace gw::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    uint16_t port = 0;
    std::size_t max_body_bytes = 32u * 1024 * 1024;
    std::size_t max_header_bytes = 64u * 1024;
    std::size_t max_connections = 10000;
    std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
};

class HttpServer {
  public:
    HttpServer(net::WorkerPool& workers, ServerOptions options, RequestHandler& handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts accepting; returns the bound port (useful with port 0).
    Result<uint16_t> start();
    // Stops accepting, closes idle keep-alive connections, and makes in-flight responses the last
    // one on their connection. Thread-safe.
    void begin_drain();
    // Connections still open (in-flight requests keep theirs open).
    [[nodiscard]] std::size_t open_connections() const;

    struct Impl;  // implementation detail, public only for the session coroutines in server.cpp

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::http
