#include "gw/http/response_writer.hpp"

#include "gw/base/concat.hpp"
#include "gw/http/client_connection.hpp"
#include "gw/net/send_now.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <sys/socket.h>
#include <utility>

namespace gw::http {
namespace {

namespace asio = boost::asio;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

bool is_framing_header(std::string_view name) {
    return iequals(name, "content-length") || iequals(name, "transfer-encoding") ||
           iequals(name, "connection") || iequals(name, "keep-alive");
}

}  // namespace

std::string_view reason_phrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Unknown";
    }
}

ResponseWriter::ResponseWriter(ClientConnection& connection, bool keep_alive)
    : connection_(connection), keep_alive_(keep_alive) {}

std::string ResponseWriter::format_head(int status, const Headers& headers,
                                        std::optional<uint64_t> content_length) const {
    const Decimal code(static_cast<std::uint64_t>(status));
    const std::string_view reason = reason_phrase(status);
    std::string head;
    // The status line, framing and Connection headers fit in the 96.
    head.reserve(reason.size() + 96 + headers.wire_size());
    head.append("HTTP/1.1 ").append(code.view()).append(" ").append(reason).append("\r\n");
    for (const auto& [name, value] : headers.fields()) {
        if (is_framing_header(name)) continue;
        head.append(name).append(": ").append(value).append("\r\n");
    }
    if (content_length) {
        head.append("Content-Length: ").append(Decimal(*content_length).view()).append("\r\n");
    } else {
        head.append("Transfer-Encoding: chunked\r\n");
    }
    if (!keep_alive_) head.append("Connection: close\r\n");
    head.append("\r\n");
    return head;
}

asio::awaitable<bool> ResponseWriter::write_buffers(std::string_view a, std::string_view b,
                                                    std::string_view c) {
    if (failed_) co_return false;
    net::Pieces pieces{a, b, c};
    boost::system::error_code ec;
    std::size_t total = a.size() + b.size() + c.size();
    std::size_t sent = net::send_now(connection_.stream.socket().native_handle(), pieces, ec);
    if (!ec && sent < total) {
        // The socket buffer is full (a slow reader): wait for room, with a deadline.
        net::Pieces rest = net::skip_bytes(pieces, sent);
        std::array<asio::const_buffer, 3> buffers{asio::buffer(rest[0]), asio::buffer(rest[1]),
                                                  asio::buffer(rest[2])};
        connection_.stream.expires_after(connection_.write_timeout);
        auto [write_ec, n] = co_await asio::async_write(connection_.stream, buffers, use_nothrow);
        ec = write_ec;
    }
    if (ec) failed_ = true;
    co_return !ec;
}

asio::awaitable<bool> ResponseWriter::send(int status, const Headers& headers,
                                           std::string_view body) {
    status_ = status;
    started_ = true;
    std::string head = format_head(status, headers, body.size());
    bool ok = co_await write_buffers(head, body, {});
    body_bytes_ = body.size();
    complete_ = ok;
    co_return ok;
}

asio::awaitable<bool> ResponseWriter::begin(int status, const Headers& headers,
                                            std::optional<uint64_t> content_length) {
    status_ = status;
    started_ = true;
    chunked_ = !content_length;
    expected_length_ = content_length;
    std::string head = format_head(status, headers, content_length);
    // A stream's head goes out at once: clients time out waiting for headers while a model
    // thinks. A body of known length follows promptly, so its head waits to share one segment.
    if (chunked_) co_return co_await write_buffers(head, {}, {});
    pending_head_ = std::move(head);
    co_return !failed_;
}

asio::awaitable<bool> ResponseWriter::write(std::string_view data) {
    if (data.empty()) co_return !failed_;
    body_bytes_ += data.size();
    std::string head = std::exchange(pending_head_, {});
    if (!chunked_) co_return co_await write_buffers(head, data, {});
    head.append(fmt::format("{:x}\r\n", data.size()));
    co_return co_await write_buffers(head, data, "\r\n");
}

asio::awaitable<bool> ResponseWriter::finish() {
    std::string head = std::exchange(pending_head_, {});
    if (chunked_) {
        bool ok = co_await write_buffers(head, "0\r\n\r\n", {});
        complete_ = ok;
        co_return ok;
    }
    if (!head.empty() && !co_await write_buffers(head, {}, {})) co_return false;
    complete_ = !failed_ && expected_length_ && *expected_length_ == body_bytes_;
    co_return complete_;
}

namespace {

void arm(asio::ip::tcp::socket& socket, std::shared_ptr<DisconnectWatch> watch);

// The client socket became readable: EOF or a reset means the client left; bytes mean it is
// alive (a pipelined request), in which case the session's next read takes over.
void on_readable(asio::ip::tcp::socket& socket, std::shared_ptr<DisconnectWatch> watch,
                 const boost::system::error_code& ec) {
    watch->armed = false;
    if (ec == asio::error::operation_aborted || !watch->on_disconnect) return;
    char byte = 0;
    ssize_t n = ec ? -1 : ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0) return;
    if (n < 0 && !ec && (errno == EAGAIN || errno == EINTR)) {
        arm(socket, std::move(watch));
        return;
    }
    auto callback = std::exchange(watch->on_disconnect, {});
    callback();
}

void arm(asio::ip::tcp::socket& socket, std::shared_ptr<DisconnectWatch> watch) {
    if (watch->armed) return;
    watch->armed = true;
    // The handler owns the watch and reaches the socket only while a request is watching, i.e.
    // while the connection is certainly alive.
    socket.async_wait(asio::ip::tcp::socket::wait_read,
                      [&socket, watch](const boost::system::error_code& ec) mutable {
                          on_readable(socket, std::move(watch), ec);
                      });
}

}  // namespace

void ResponseWriter::watch_disconnect(std::function<void()> on_disconnect) {
    if (!connection_.watch) connection_.watch = std::make_shared<DisconnectWatch>();
    connection_.watch->on_disconnect = [this, user = std::move(on_disconnect)] {
        failed_ = true;
        keep_alive_ = false;
        user();
    };
    arm(connection_.stream.socket(), connection_.watch);
}

void ResponseWriter::stop_watching() {
    if (connection_.watch) connection_.watch->on_disconnect = nullptr;
}

ResponseWriter::~ResponseWriter() { stop_watching(); }

void ResponseWriter::abort() {
    failed_ = true;
    keep_alive_ = false;
    boost::system::error_code ignored;
    connection_.stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    connection_.stream.socket().close(ignored);
}

}  // namespace gw::http
