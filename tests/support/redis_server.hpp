#pragma once
// A throwaway Redis server for tests: `redis-server` on a free 127.0.0.1 port, without
// persistence, in a temporary directory that is deleted on destruction (the server is killed
// then if it still runs).

#include "gw/base/result.hpp"

#include "free_port.hpp"
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace gw::testing {

struct RedisServerOptions {
    std::string password;  // requirepass; empty: no AUTH needed
    // Extra `--name value` arguments, e.g. {"--tls-port", "..."}.
    std::vector<std::string> extra_arguments;
};

class RedisServer {
  public:
    // Fails with what to install when redis-server is missing (tests must not skip: CI
    // installs it through scripts/install-deps.sh).
    [[nodiscard]] static Result<std::unique_ptr<RedisServer>> start(
        RedisServerOptions options = {});
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    [[nodiscard]] uint16_t port() const { return port_; }
    // redis://[:password@]127.0.0.1:<port>/<db>
    [[nodiscard]] std::string url(unsigned db = 0) const;

    // Stops the server (open connections are cut); restart() serves on the same port again,
    // with no data (nothing is persisted).
    [[nodiscard]] Result<void> stop();
    // Returns once the server answers PING.
    [[nodiscard]] Result<void> restart();

  private:
    RedisServer(std::filesystem::path binary, std::filesystem::path dir,
                RedisServerOptions options);
    [[nodiscard]] Result<void> launch();
    [[nodiscard]] Result<void> wait_until_ready();
    [[nodiscard]] bool answers_ping() const;
    [[nodiscard]] std::string log_tail() const;

    std::filesystem::path binary_;
    std::filesystem::path dir_;
    RedisServerOptions options_;
    uint16_t port_ = 0;
    pid_t pid_ = -1;  // while it runs
};

}  // namespace gw::testing
