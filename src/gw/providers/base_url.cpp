#include "gw/providers/base_url.hpp"

#include "gw/base/concat.hpp"
#include "gw/providers/provider_id.hpp"

#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include <charconv>

namespace gw::providers {
namespace {

namespace urls = boost::urls;

bool is_ipv6(std::string_view host) { return host.find(':') != std::string_view::npos; }

std::string bracketed(std::string_view host) {
    return is_ipv6(host) ? concat({"[", host, "]"}) : std::string(host);
}

Error bad_url(std::string_view url, std::string_view why) {
    return Error::invalid(fmt::format("Invalid base_url \"{}\": {}", url, why));
}

}  // namespace

std::string Origin::key() const {
    return concat({tls ? "https://" : "http://", bracketed(host), ":", Decimal(port).view()});
}

std::string host_header_for(const Origin& origin) {
    const uint16_t default_port = origin.tls ? 443 : 80;
    if (origin.port == default_port) return bracketed(origin.host);
    return concat({bracketed(origin.host), ":", Decimal(origin.port).view()});
}

Result<BaseUrl> parse_base_url(std::string_view url) {
    auto parsed = urls::parse_absolute_uri(url);
    if (!parsed) return bad_url(url, "not an absolute URL");
    const urls::url_view& u = *parsed;
    BaseUrl out;
    if (u.scheme_id() == urls::scheme::https) {
        out.origin.tls = true;
    } else if (u.scheme_id() == urls::scheme::http) {
        out.origin.tls = false;
    } else {
        return bad_url(url, "the scheme must be http or https");
    }
    if (u.has_userinfo()) return bad_url(url, "credentials in the URL are not supported");
    out.origin.host = u.host_address();
    if (out.origin.host.empty()) return bad_url(url, "the host is missing");
    out.origin.port = out.origin.tls ? 443 : 80;
    if (u.has_port()) {
        const std::string_view port = u.port();
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
            return bad_url(url, "the port must be a number from 1 to 65535");
        }
        out.origin.port = static_cast<uint16_t>(value);
    }
    std::string_view path = u.encoded_path();
    while (path.ends_with('/')) path.remove_suffix(1);
    if (!path.empty()) out.path_prefix.emplace(path);
    return out;
}

Result<BaseUrl> provider_endpoint(const config::ModelProvider& provider) {
    if (provider.base_url) return parse_base_url(*provider.base_url);
    const auto id = parse_provider_id(provider.provider_interface);
    const std::string_view host = id ? builtin_host(*id) : std::string_view{};
    if (host.empty()) {
        return Error::invalid(fmt::format(
            "LLM Provider \"{}\" has no base_url and no built-in endpoint; set base_url",
            provider.name));
    }
    std::optional<std::string> prefix;
    if (!builtin_path_prefix(*id).empty()) prefix.emplace(builtin_path_prefix(*id));
    return BaseUrl{Origin{true, std::string(host), 443}, std::move(prefix)};
}

}  // namespace gw::providers
