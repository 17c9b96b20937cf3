#pragma once
// Checks that a TCP port can be bound before the receivers try, so that a taken port gives one
// clear message naming the port (gRPC's own bind failure only logs a generic line).

#include "gw/base/result.hpp"

#include <cstdint>
#include <string>

namespace gw::collector {

// Binds (with SO_REUSEADDR, as a listening server would) and releases host:port. Port 0 always
// succeeds. Errors: Error::Kind::Io naming the port when it is taken, InvalidArgument for a host
// that does not resolve.
[[nodiscard]] Result<void> check_port_free(const std::string& host, std::uint16_t port);

// Whether a TCP connection to host:port succeeds now (a wildcard host means this machine).
[[nodiscard]] bool accepts_connections(const std::string& host, std::uint16_t port);

}  // namespace gw::collector
