#include "gw/http/server.hpp"

#include "gw/base/log.hpp"
#include "gw/http/client_connection.hpp"
#include "gw/net/read_room.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <fmt/format.h>

#include <exception>
#include <unordered_set>
#include <vector>

namespace gw::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

// Status and OpenAI-style error body for a request the server itself refuses.
struct Refusal {
    int status;
    std::string message;
    std::string code;
};

std::string refusal_body(const Refusal& r) {
    return fmt::format(
        R"({{"error":{{"message":"{}","type":"invalid_request_error","code":"{}"}}}})", r.message,
        r.code);
}

std::optional<Refusal> refusal_for_read_error(const boost::system::error_code& ec,
                                              const ServerOptions& options) {
    if (ec == bhttp::error::header_limit) {
        return Refusal{
            431,
            fmt::format("request headers exceed the limit of {} bytes", options.max_header_bytes),
            "headers_too_large"};
    }
    if (ec == bhttp::error::body_limit) {
        return Refusal{
            413, fmt::format("request body exceeds the limit of {} bytes", options.max_body_bytes),
            "body_too_large"};
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        return Refusal{400, "malformed HTTP request: " + ec.message(), "bad_request"};
    }
    return std::nullopt;  // EOF, timeout, reset: nobody to answer
}

Headers json_headers() {
    Headers h;
    h.add("Content-Type", "application/json");
    return h;
}

}  // namespace

struct HttpServer::Impl {
    Impl(net::WorkerPool& w, ServerOptions o, RequestHandler& h)
        : workers(w), options(std::move(o)), handler(h), idle(w.size()) {}

    net::WorkerPool& workers;
    ServerOptions options;
    RequestHandler& handler;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::atomic<std::size_t> open{0};
    std::atomic<bool> draining{false};
    // Connections waiting for their next request, per worker; touched only on that worker.
    std::vector<std::unordered_set<ClientConnection*>> idle;
};

namespace {

asio::awaitable<void> refuse(ClientConnection& conn, const Refusal& refusal) {
    ResponseWriter writer(conn, false);
    co_await writer.send(refusal.status, json_headers(), refusal_body(refusal));
}

asio::awaitable<bool> send_continue_if_expected(
    ClientConnection& conn, const bhttp::request_parser<bhttp::string_body>& p) {
    auto expect = p.get()[bhttp::field::expect];
    if (!beast::iequals(expect, "100-continue")) co_return true;
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    conn.stream.expires_after(conn.write_timeout);
    auto [ec, n] = co_await asio::async_write(conn.stream, asio::buffer(kContinue), use_nothrow);
    co_return !ec;
}

ServerRequest to_server_request(bhttp::request<bhttp::string_body>&& msg) {
    ServerRequest req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg) {
        req.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    return req;
}

asio::awaitable<void> dispatch(HttpServer::Impl* impl, std::size_t worker, ServerRequest& request,
                               ResponseWriter& writer) {
    bool failed = false;
    try {
        co_await impl->handler.handle(request, writer, worker);
    } catch (const std::exception& e) {
        log::error("request handler failed: {}", e.what());
        failed = true;
    }
    if (!failed) co_return;
    if (!writer.started()) {
        co_await writer.send(500, json_headers(),
                             refusal_body({500, "internal error", "internal_error"}));
    }
    writer.abort();
}

// Reads one request; returns nullopt when the connection should end.
asio::awaitable<std::optional<ServerRequest>> read_request(HttpServer::Impl* impl,
                                                           std::size_t worker,
                                                           ClientConnection& conn,
                                                           bool& keep_alive) {
    const ServerOptions& options = impl->options;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(options.max_body_bytes);

    conn.stream.expires_after(options.idle_timeout);
    impl->idle[worker].insert(&conn);
    auto [ec, n] = co_await bhttp::async_read_header(conn.stream, conn.buffer, parser, use_nothrow);
    impl->idle[worker].erase(&conn);
    if (!ec && parser.content_length() && *parser.content_length() > options.max_body_bytes) {
        ec = bhttp::error::body_limit;
    }
    if (!ec && !parser.is_done()) {
        if (!co_await send_continue_if_expected(conn, parser)) co_return std::nullopt;
        conn.stream.expires_after(options.idle_timeout);
        net::make_read_room(conn.buffer, parser.content_length().value_or(net::kBodyReadRoom));
        auto [body_ec, m] =
            co_await bhttp::async_read(conn.stream, conn.buffer, parser, use_nothrow);
        net::release_read_room(conn.buffer);
        ec = body_ec;
    }
    if (ec) {
        if (auto refusal = refusal_for_read_error(ec, options)) co_await refuse(conn, *refusal);
        co_return std::nullopt;
    }
    conn.stream.expires_never();
    auto message = parser.release();
    keep_alive = message.keep_alive();
    co_return to_server_request(std::move(message));
}

asio::awaitable<void> run_session(HttpServer::Impl* impl, std::size_t worker, tcp::socket socket) {
    {
        ClientConnection conn(std::move(socket));
        conn.write_timeout = impl->options.write_timeout;
        boost::system::error_code ignored;
        conn.stream.socket().set_option(tcp::no_delay(true), ignored);
        while (!impl->draining.load(std::memory_order_relaxed)) {
            bool keep_alive = false;
            std::optional<ServerRequest> request =
                co_await read_request(impl, worker, conn, keep_alive);
            if (!request) break;
            keep_alive = keep_alive && !impl->draining.load(std::memory_order_relaxed);
            ResponseWriter writer(conn, keep_alive);
            co_await dispatch(impl, worker, *request, writer);
            if (!writer.keep_alive()) break;
        }
        conn.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        conn.stream.close();
    }
    impl->open.fetch_sub(1, std::memory_order_relaxed);
}

void reject_overloaded(tcp::socket& socket) {
    static const std::string kResponse = [] {
        std::string body = refusal_body({503, "too many connections", "overloaded"});
        return fmt::format(
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            "Retry-After: 1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            body.size(), body);
    }();
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(kResponse), ignored);
    socket.close(ignored);
}

asio::awaitable<void> accept_loop(HttpServer::Impl* impl) {
    asio::steady_timer backoff(impl->acceptor->get_executor());
    for (;;) {
        std::size_t worker = impl->workers.next_index();
        auto [ec, accepted] =
            co_await impl->acceptor->async_accept(impl->workers.context(worker), use_nothrow);
        tcp::socket socket(std::move(accepted));
        if (ec == asio::error::operation_aborted || !impl->acceptor->is_open()) co_return;
        if (ec) {
            // Out of descriptors or similar: pause instead of spinning on the error.
            log::warn("accept failed: {}", ec.message());
            backoff.expires_after(std::chrono::milliseconds(50));
            co_await backoff.async_wait(use_nothrow);
            continue;
        }
        if (impl->open.load(std::memory_order_relaxed) >= impl->options.max_connections) {
            reject_overloaded(socket);
            continue;
        }
        impl->open.fetch_add(1, std::memory_order_relaxed);
        asio::co_spawn(impl->workers.context(worker), run_session(impl, worker, std::move(socket)),
                       asio::detached);
    }
}

}  // namespace

HttpServer::HttpServer(net::WorkerPool& workers, ServerOptions options, RequestHandler& handler)
    : impl_(std::make_unique<Impl>(workers, std::move(options), handler)) {}

HttpServer::~HttpServer() = default;

Result<uint16_t> HttpServer::start() {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(impl_->options.address, ec);
    if (ec) return Error::invalid("invalid listen address '" + impl_->options.address + "'");
    tcp::endpoint endpoint(address, impl_->options.port);
    auto acceptor = std::make_unique<tcp::acceptor>(impl_->workers.context(0));
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return Error::io(fmt::format("cannot listen on {}:{}: {}", impl_->options.address,
                                     impl_->options.port, ec.message()));
    }
    uint16_t port = acceptor->local_endpoint().port();
    impl_->acceptor = std::move(acceptor);
    asio::co_spawn(impl_->workers.context(0), accept_loop(impl_.get()), asio::detached);
    return port;
}

void HttpServer::begin_drain() {
    impl_->draining.store(true);
    Impl* impl = impl_.get();
    asio::post(impl->workers.context(0), [impl] {
        boost::system::error_code ignored;
        if (impl->acceptor) impl->acceptor->close(ignored);
    });
    for (std::size_t w = 0; w < impl->workers.size(); ++w) {
        asio::post(impl->workers.context(w), [impl, w] {
            for (ClientConnection* conn : impl->idle[w]) conn->stream.cancel();
        });
    }
}

std::size_t HttpServer::open_connections() const {
    return impl_->open.load(std::memory_order_relaxed);
}

}  // namespace gw::http
