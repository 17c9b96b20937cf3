#pragma once
// Internal to the http module: one upstream connection (plain or TLS) and the per-worker pool of
// idle ones.

#include "gw/base/result.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/net/tls_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gw::http {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

struct UpstreamConnection {
    std::string origin_key;
    std::unique_ptr<boost::beast::tcp_stream> plain;
    std::unique_ptr<TlsStream> secure;
    boost::beast::flat_buffer buffer;
    std::chrono::steady_clock::time_point idle_since;
    bool reused = false;

    boost::beast::tcp_stream& tcp() {
        return secure ? boost::beast::get_lowest_layer(*secure) : *plain;
    }
    void close();
};

struct UpstreamClient::Impl {
    Impl(boost::asio::io_context& c, std::shared_ptr<const net::ClientTls> t, PoolOptions o)
        : context(c), tls(std::move(t)), options(o), resolver(c) {}

    // A healthy idle connection for `origin`, or nullptr.
    std::unique_ptr<UpstreamConnection> take_idle(const std::string& origin_key);
    void give_back(std::unique_ptr<UpstreamConnection> connection);
    boost::asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> connect(
        const UpstreamOrigin& origin, std::chrono::milliseconds timeout);

    boost::asio::io_context& context;
    std::shared_ptr<const net::ClientTls> tls;
    PoolOptions options;
    boost::asio::ip::tcp::resolver resolver;
    std::map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>, std::less<>> idle;
    std::size_t opened = 0;

  private:
    boost::asio::awaitable<Result<boost::asio::ip::tcp::resolver::results_type>> resolve(
        const UpstreamOrigin& origin);

    struct CachedAddress {
        boost::asio::ip::tcp::resolver::results_type results;
        std::chrono::steady_clock::time_point expires;
    };
    std::map<std::string, CachedAddress, std::less<>> dns_cache_;
};

}  // namespace gw::http
