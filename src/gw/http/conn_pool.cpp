#include "gw/base/concat.hpp"
#include "gw/base/log.hpp"
#include "gw/http/upstream_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>

#include <sys/socket.h>

namespace gw::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
constexpr auto kDnsTtl = std::chrono::seconds(30);

bool set_sni(TlsStream& stream, const std::string& host) {
    // The macro form of SSL_set_tlsext_host_name casts old-style; call the function it expands to.
    return SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                    const_cast<char*>(host.c_str())) == 1;
}

Error connect_error(const UpstreamOrigin& origin, const boost::system::error_code& ec) {
    std::string what =
        fmt::format("cannot connect to {}:{}: {}", origin.host, origin.port, ec.message());
    if (ec == beast::error::timeout) return Error::timeout(what);
    return Error::io(what);
}

}  // namespace

std::string UpstreamOrigin::key() const {
    return concat({tls ? "https://" : "http://", host, ":", Decimal(port).view()});
}

void UpstreamConnection::close() {
    boost::system::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().close();
}

std::unique_ptr<UpstreamConnection> UpstreamClient::Impl::take_idle(const std::string& origin_key) {
    auto it = idle.find(origin_key);
    if (it == idle.end()) return nullptr;
    auto& stack = it->second;
    auto now = std::chrono::steady_clock::now();
    while (!stack.empty()) {
        std::unique_ptr<UpstreamConnection> conn = std::move(stack.back());
        stack.pop_back();
        // No liveness probe here (it would cost a system call per request): a reused connection
        // the provider closed meanwhile fails before any response byte and the call retries once.
        if (now - conn->idle_since < options.idle_ttl) {
            conn->reused = true;
            return conn;
        }
        log::debug("discarding idle upstream connection to {} (idle too long)", origin_key);
        conn->close();
    }
    return nullptr;
}

void UpstreamClient::Impl::give_back(std::unique_ptr<UpstreamConnection> connection) {
    auto& stack = idle[connection->origin_key];
    if (stack.size() >= options.max_idle_per_origin) {
        connection->close();
        return;
    }
    log::debug("upstream connection to {} back in the pool", connection->origin_key);
    connection->idle_since = std::chrono::steady_clock::now();
    connection->buffer.clear();
    stack.push_back(std::move(connection));
}

asio::awaitable<Result<tcp::resolver::results_type>> UpstreamClient::Impl::resolve(
    const UpstreamOrigin& origin) {
    std::string key = fmt::format("{}:{}", origin.host, origin.port);
    auto now = std::chrono::steady_clock::now();
    if (auto it = dns_cache_.find(key); it != dns_cache_.end() && it->second.expires > now) {
        co_return it->second.results;
    }
    auto [ec, results] =
        co_await resolver.async_resolve(origin.host, std::to_string(origin.port), use_nothrow);
    if (ec) {
        co_return Error::io(fmt::format("cannot resolve {}: {}", origin.host, ec.message()));
    }
    dns_cache_[key] = CachedAddress{results, now + kDnsTtl};
    co_return results;
}

asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> UpstreamClient::Impl::connect(
    const UpstreamOrigin& origin, std::chrono::milliseconds timeout) {
    auto endpoints = co_await resolve(origin);
    if (!endpoints) co_return endpoints.error();

    if (origin.tls && !tls) {
        co_return Error::invalid("no TLS configured for " + origin.key());
    }
    auto conn = std::make_unique<UpstreamConnection>();
    conn->origin_key = origin.key();
    if (origin.tls) {
        auto tls_context = tls->context();
        if (!tls_context) co_return tls_context.error();
        conn->secure = std::make_unique<TlsStream>(context, **tls_context);
    } else {
        conn->plain = std::make_unique<beast::tcp_stream>(context);
    }
    beast::tcp_stream& stream = conn->tcp();
    stream.expires_after(timeout);
    auto [ec, endpoint] = co_await stream.async_connect(*endpoints, use_nothrow);
    if (ec) co_return connect_error(origin, ec);
    boost::system::error_code ignored;
    stream.socket().set_option(tcp::no_delay(true), ignored);

    if (origin.tls) {
        if (!set_sni(*conn->secure, origin.host)) {
            co_return Error::io("cannot set TLS server name for " + origin.host);
        }
        conn->secure->set_verify_callback(asio::ssl::host_name_verification(origin.host));
        auto [hs_ec] =
            co_await conn->secure->async_handshake(asio::ssl::stream_base::client, use_nothrow);
        if (hs_ec) {
            co_return Error::io(
                fmt::format("TLS handshake with {} failed: {}", origin.host, hs_ec.message()));
        }
    }
    stream.expires_never();
    ++opened;
    log::debug("opened upstream connection to {}", conn->origin_key);
    co_return conn;
}

UpstreamClient::UpstreamClient(asio::io_context& context, std::shared_ptr<const net::ClientTls> tls,
                               PoolOptions options)
    : impl_(std::make_unique<Impl>(context, std::move(tls), options)) {}

UpstreamClient::~UpstreamClient() {
    for (auto& [key, stack] : impl_->idle) {
        for (auto& conn : stack) conn->close();
    }
}

std::size_t UpstreamClient::idle_connections() const {
    std::size_t n = 0;
    for (const auto& [key, stack] : impl_->idle) n += stack.size();
    return n;
}

std::size_t UpstreamClient::connections_opened() const { return impl_->opened; }

}  // namespace gw::http
