#pragma once
// A blocking `GET <path>` for the CLI's readiness checks: `planoai up` waits for the gateway's
// /healthz before it reports success. Not for the data path (that is gw_http).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::cli {

// True when http://host:port<path> answers with status 200 within `timeout`. A wildcard host
// (0.0.0.0, ::, empty) means this machine.
[[nodiscard]] bool http_get_ok(const std::string& host, std::uint16_t port, std::string_view path,
                               std::chrono::milliseconds timeout);

// The address to reach a listener bound to `host` from this machine.
[[nodiscard]] std::string local_address_for(const std::string& host);

}  // namespace gw::cli
