#pragma once
// A provider's base_url split the way the reference renders it (dataplane.md §2.5): scheme,
// host, port (default 80/443) and a path prefix that replaces the default upstream prefix.

#include "gw/base/result.hpp"
#include "gw/config/model.hpp"
#include "gw/providers/origin.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gw::providers {

struct BaseUrl {
    Origin origin;
    // The non-root path without trailing '/', e.g. "/v1" or "/ai-gateway/openai"; nullopt for
    // "" or "/". Kept percent-encoded as written: it goes on the wire as is.
    std::optional<std::string> path_prefix;
};

// InvalidArgument for anything but an absolute http(s) URL with a host and a valid port.
Result<BaseUrl> parse_base_url(std::string_view url);

// Where `provider` is reached: its base_url, else the built-in endpoint of its provider family.
Result<BaseUrl> provider_endpoint(const config::ModelProvider& provider);

// The Host header value for `origin`: the host, bracketed when IPv6, with ":port" unless the
// port is the scheme's default.
std::string host_header_for(const Origin& origin);

}  // namespace gw::providers
