#include "gw/exporter/endpoint.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <fmt/format.h>

namespace gw::exporter {

std::string Endpoint::authority() const {
    if (host.find(':') != std::string::npos) return fmt::format("[{}]:{}", host, port);
    return fmt::format("{}:{}", host, port);
}

Result<Endpoint> parse_endpoint(std::string_view url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) return Error::invalid(fmt::format("invalid exporter endpoint '{}'", url));
    const boost::urls::url_view& u = *parsed;
    Endpoint endpoint;
    if (u.scheme_id() == boost::urls::scheme::https) {
        endpoint.tls = true;
    } else if (u.scheme_id() != boost::urls::scheme::http) {
        return Error::invalid(
            fmt::format("exporter endpoint '{}': scheme must be http or https", url));
    }
    // Without the brackets of an IPv6 literal: the resolver wants the bare address.
    endpoint.host = u.host_address();
    if (endpoint.host.empty()) {
        return Error::invalid(fmt::format("exporter endpoint '{}' has no host", url));
    }
    if (u.has_port()) {
        if (u.port().empty() || u.port_number() == 0) {
            return Error::invalid(fmt::format("exporter endpoint '{}' has an invalid port", url));
        }
        endpoint.port = u.port_number();
    } else {
        endpoint.port = endpoint.tls ? 443 : 80;
    }
    std::string_view path(u.encoded_path().data(), u.encoded_path().size());
    if (path != "/") endpoint.path = path;
    if (u.has_query()) {
        endpoint.path.append("?").append(u.encoded_query().data(), u.encoded_query().size());
    }
    return endpoint;
}

}  // namespace gw::exporter
