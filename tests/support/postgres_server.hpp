#pragma once
// A throwaway PostgreSQL server for tests: a fresh cluster (initdb) in a temporary directory,
// served on a free 127.0.0.1 port with trust authentication, deleted on destruction. initdb and
// postgres refuse to run as root, so under root they run as the `postgres` system user (which
// Debian's package creates), else as `nobody`.

#include "gw/base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>

namespace gw::testing {

// Who runs initdb and postgres.
struct ServerAccount {
    uid_t uid = 0;
    gid_t gid = 0;
    bool switch_user = false;  // we are root: the children drop to uid/gid
};

class PostgresServer {
  public:
    // Fails with what to install when the server binaries are missing (tests must not skip:
    // CI installs them through scripts/install-deps.sh).
    [[nodiscard]] static Result<std::unique_ptr<PostgresServer>> start();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // libpq key=value form; database "postgres", superuser "gw", no password.
    [[nodiscard]] std::string connection_string() const;
    [[nodiscard]] uint16_t port() const { return port_; }

    // Fast shutdown (active connections are cut); the data stays for restart().
    [[nodiscard]] Result<void> stop();
    // Serves the same data on the same port again; returns once it accepts connections.
    [[nodiscard]] Result<void> restart();

  private:
    PostgresServer(std::filesystem::path bin_dir, std::filesystem::path dir, ServerAccount account);
    [[nodiscard]] Result<void> init_cluster();
    [[nodiscard]] Result<void> launch();
    [[nodiscard]] Result<void> wait_until_ready();
    [[nodiscard]] std::string log_tail(const std::string& file) const;

    std::filesystem::path bin_dir_;
    std::filesystem::path dir_;  // the cluster in data/, the socket and the logs
    ServerAccount account_;
    uint16_t port_ = 0;
    pid_t pid_ = -1;  // the postmaster while it runs
};

}  // namespace gw::testing
