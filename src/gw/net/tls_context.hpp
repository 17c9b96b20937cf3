#pragma once
// The process-wide TLS client context for upstream connections: TLS 1.2+, peer verification
// against the system CAs (or a configured bundle). Read-only after creation, so all workers share
// it.

#include "gw/base/result.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <optional>
#include <string>

namespace gw::net {

Result<std::shared_ptr<boost::asio::ssl::context>> make_client_tls_context(
    const std::optional<std::string>& ca_file);

}  // namespace gw::net
