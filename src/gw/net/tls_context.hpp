#pragma once
// The process-wide TLS client context for upstream connections: TLS 1.2+, peer verification
// against the system CAs (or a configured bundle). Read-only after creation, so all workers share
// it.

#include "gw/base/result.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace gw::net {

Result<std::shared_ptr<boost::asio::ssl::context>> make_client_tls_context(
    const std::optional<std::string>& ca_file);

// A client TLS context built on first use. Building one loads the whole CA store (about 1.5 MiB
// and 90k allocations, plus the libcrypto pages it touches), which a gateway that reaches every
// upstream over plain http never needs; the built-in https providers are configured everywhere
// but called by few.
class ClientTls {
  public:
    explicit ClientTls(std::optional<std::string> ca_file) : ca_file_(std::move(ca_file)) {}
    ClientTls(const ClientTls&) = delete;
    ClientTls& operator=(const ClientTls&) = delete;

    // Thread-safe. The first call builds the context; every call returns it, or the same error.
    [[nodiscard]] Result<std::shared_ptr<boost::asio::ssl::context>> context() const;

  private:
    std::optional<std::string> ca_file_;
    mutable std::once_flag built_once_;
    mutable std::optional<Result<std::shared_ptr<boost::asio::ssl::context>>> built_;
};

}  // namespace gw::net
