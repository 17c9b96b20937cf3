#pragma once
// Where a provider is reached: scheme (TLS or not), host and port. Pure: no I/O.

#include <cstdint>
#include <string>

namespace gw::providers {

struct Origin {
    bool tls = true;
    std::string host;  // DNS name or IP literal, also the TLS SNI name
    uint16_t port = 443;

    [[nodiscard]] std::string key() const;  // "https://host:port", the connection-pool key
    bool operator==(const Origin&) const = default;
};

}  // namespace gw::providers
