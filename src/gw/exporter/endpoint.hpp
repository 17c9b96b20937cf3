#pragma once
// An exporter endpoint URL split into what the transports need.

#include "gw/base/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace gw::exporter {

struct Endpoint {
    bool tls = false;  // https
    std::string host;  // without brackets for IPv6 literals
    std::uint16_t port = 0;
    std::string path;  // percent-encoded as written, query included; "" when absent or "/"

    // "host:port" (IPv6 bracketed): the Host header and the gRPC target.
    [[nodiscard]] std::string authority() const;
};

// InvalidArgument for anything but an absolute http(s) URL with a host and a valid port. The
// port defaults to 80/443.
[[nodiscard]] Result<Endpoint> parse_endpoint(std::string_view url);

}  // namespace gw::exporter
