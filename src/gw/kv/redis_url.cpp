#include "gw/kv/redis_url.hpp"

#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace gw::kv {
namespace {

namespace urls = boost::urls;

Error bad_url(std::string_view why) {
    return Error::invalid(fmt::format("invalid Redis URL: {}", why));
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// URL schemes are case-insensitive (RFC 3986 §3.1).
bool is_scheme(std::string_view scheme, std::string_view lower_case_name) {
    if (scheme.size() != lower_case_name.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (ascii_lower(scheme[i]) != lower_case_name[i]) return false;
    }
    return true;
}

template <class Number>
bool parse_number(std::string_view text, Number& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

Result<uint16_t> parse_port(std::string_view text) {
    unsigned value = 0;
    if (!parse_number(text, value) || value == 0 || value > 65535) {
        return bad_url("the port must be a number from 1 to 65535");
    }
    return static_cast<uint16_t>(value);
}

// The path is empty, "/", or "/<database number>".
Result<unsigned> parse_db(std::string_view path) {
    if (path.starts_with('/')) path.remove_prefix(1);
    if (path.empty()) return 0u;
    unsigned value = 0;
    if (!parse_number(path, value) || value > std::numeric_limits<int>::max()) {
        return bad_url("the path must be empty or a database number, as in redis://host:6379/0");
    }
    return value;
}

}  // namespace

std::string RedisEndpoint::display_name() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return fmt::format("{}://{}{}{}:{}/{}", tls ? "rediss" : "redis", ipv6 ? "[" : "", host,
                       ipv6 ? "]" : "", port, db);
}

Result<RedisEndpoint> parse_redis_url(std::string_view url) {
    auto parsed = urls::parse_uri(url);
    if (!parsed) return bad_url("not an absolute URL (expected redis://host:port or rediss://...)");
    const urls::url_view& u = *parsed;
    RedisEndpoint out;
    if (is_scheme(u.scheme(), "rediss")) {
        out.tls = true;
    } else if (!is_scheme(u.scheme(), "redis")) {
        return bad_url("the scheme must be redis:// or rediss:// (TLS)");
    }
    out.host = u.host_address();
    if (out.host.empty()) return bad_url("the host is missing");
    if (u.has_port()) {
        auto port = parse_port(u.port());
        if (!port) return port.error();
        out.port = *port;
    }
    if (u.has_userinfo()) {
        out.username = u.user();
        out.password = u.password();
    }
    auto db = parse_db(u.encoded_path());
    if (!db) return db.error();
    out.db = *db;
    if (u.has_query()) return bad_url("query parameters are not supported");
    // The reference's client reads `#insecure` as "skip certificate checks"; we always verify.
    if (u.has_fragment()) return bad_url("fragments (such as #insecure) are not supported");
    return out;
}

}  // namespace gw::kv
