#pragma once
// Where a Redis server is and how to log in: parsed from `redis://[user:pass@]host[:port][/db]`
// or `rediss://...` (TLS). Pure: no I/O.

#include "gw/base/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace gw::kv {

struct RedisEndpoint {
    bool tls = false;  // rediss://
    std::string host;  // a name or an IP address (IPv6 without brackets)
    uint16_t port = 6379;
    // Sent as `AUTH [username] password` after connecting when a password is given, as the
    // reference's client does; a username alone sends nothing.
    std::string username;
    std::string password;  // never logged
    unsigned db = 0;       // SELECTed after connecting when not 0

    // `redis://host:port/db`: for logs and error messages, without any credentials.
    [[nodiscard]] std::string display_name() const;
};

// Percent-escapes in the user and password are decoded. Errors name the part that is wrong but
// never quote the URL, which may hold a password.
[[nodiscard]] Result<RedisEndpoint> parse_redis_url(std::string_view url);

}  // namespace gw::kv
