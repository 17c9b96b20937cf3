#pragma once
// The mock's listener and worker threads: one io_context per thread, one acceptor that hands
// connections out round-robin. Asio stays inside server.cpp and session.cpp.

#include "gw/mock/mock_provider.hpp"

#include <cstdint>
#include <memory>

namespace gw::mock {

class ProviderState;

class Server {
  public:
    // Binds options.host:options.port and starts the threads. Throws std::runtime_error on failure.
    Server(const MockOptions& options, ProviderState& state);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    [[nodiscard]] uint16_t port() const;
    // Idempotent; joins the threads and drops every open connection.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::mock
