#include "gw/base/concat.hpp"
#include "gw/base/log.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/http/upstream_connection.hpp"
#include "gw/net/read_room.hpp"
#include "gw/net/send_now.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <fmt/format.h>

#include <array>
#include <optional>
#include <type_traits>

namespace gw::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kSliceBytes = 16 * 1024;

std::string format_request_head(const UpstreamRequest& r) {
    const Decimal length(r.body_bytes().size());
    std::string head;
    head.reserve(r.method.size() + r.target.size() + r.host_header.size() + length.view().size() +
                 48 /* the fixed text around them */ + r.headers.wire_size());
    head.append(r.method).append(" ").append(r.target).append(" HTTP/1.1\r\nHost: ");
    head.append(r.host_header).append("\r\n");
    for (const auto& [name, value] : r.headers.fields()) {
        head.append(name).append(": ").append(value).append("\r\n");
    }
    head.append("Content-Length: ").append(length.view()).append("\r\n\r\n");
    return head;
}

Error io_error(std::string_view what, const boost::system::error_code& ec) {
    std::string message = fmt::format("{}: {}", what, ec.message());
    if (ec == beast::error::timeout) return Error::timeout(message);
    if (ec == asio::error::operation_aborted) return Error::cancelled(message);
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
        return Error::protocol(message);
    }
    return Error::io(message);
}

// A TLS peer that closes without close_notify is common; after a complete message it is EOF.
bool is_clean_eof(const boost::system::error_code& ec) {
    return ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
           ec == bhttp::error::end_of_stream;
}

}  // namespace

struct UpstreamCall::Impl {
    explicit Impl(UpstreamClient& c) : client(c.impl()) {}

    UpstreamClient::Impl& client;
    std::unique_ptr<UpstreamConnection> connection;
    std::optional<bhttp::response_parser<bhttp::buffer_body>> parser;
    // Not zeroed: only the bytes the parser produced are ever read, and clearing 16 KiB per call
    // was a sixth of the proxy's instructions per request.
    std::array<char, kSliceBytes> slice;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    CallTimeouts timeouts;
    bool finished = false;  // the whole body was read
    bool aborted = false;   // abort() closed the connection; no retry, no reuse

    template <class Stream>
    asio::awaitable<boost::system::error_code> send_and_read_head(Stream& stream,
                                                                  const UpstreamRequest& request);
    template <class Stream>
    asio::awaitable<std::pair<boost::system::error_code, std::size_t>> read_slice(Stream& stream);

    asio::awaitable<boost::system::error_code> exchange(const UpstreamRequest& request);
    void release_if_done();
    std::size_t parse_buffered();
};

template <class Stream>
asio::awaitable<boost::system::error_code> UpstreamCall::Impl::send_and_read_head(
    Stream& stream, const UpstreamRequest& request) {
    std::string head = format_request_head(request);
    net::Pieces pieces{head, request.body_bytes(), {}};
    std::size_t sent = 0;
    boost::system::error_code write_ec;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        sent = net::send_now(stream.socket().native_handle(), pieces, write_ec);
        if (write_ec) co_return write_ec;
    }
    connection->tcp().expires_after(timeouts.response);
    if (sent < head.size() + request.body_bytes().size()) {
        net::Pieces rest = net::skip_bytes(pieces, sent);
        std::array<asio::const_buffer, 2> buffers{asio::buffer(rest[0]), asio::buffer(rest[1])};
        auto [ec, written] = co_await asio::async_write(stream, buffers, use_nothrow);
        if (ec) co_return ec;
    }
    parser.emplace();
    parser->body_limit(boost::none);
    auto [read_ec, read] =
        co_await bhttp::async_read_header(stream, connection->buffer, *parser, use_nothrow);
    co_return read_ec;
}

template <class Stream>
asio::awaitable<std::pair<boost::system::error_code, std::size_t>> UpstreamCall::Impl::read_slice(
    Stream& stream) {
    auto& body = parser->get().body();
    body.data = slice.data();
    body.size = slice.size();
    // Bytes that arrived with the head are parsed in place: no read, no trip through the loop.
    if (std::size_t got = parse_buffered(); got > 0 || parser->is_done()) {
        co_return std::make_pair(boost::system::error_code{}, got);
    }
    connection->tcp().expires_after(timeouts.response);
    // A slice's worth of room stays with the pooled connection: pools are bounded and idle
    // connections expire, and a response body then never needs more than one read per slice.
    net::make_read_room(connection->buffer, slice.size());
    auto [ec, n] =
        co_await bhttp::async_read_some(stream, connection->buffer, *parser, use_nothrow);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec && is_clean_eof(ec) && !parser->is_done()) {
        // Close-delimited bodies end at EOF; the parser decides whether that is complete.
        boost::system::error_code eof_ec;
        parser->put_eof(eof_ec);
        ec = eof_ec;
    }
    co_return std::make_pair(ec, slice.size() - body.size);
}

asio::awaitable<boost::system::error_code> UpstreamCall::Impl::exchange(
    const UpstreamRequest& request) {
    if (connection->secure) co_return co_await send_and_read_head(*connection->secure, request);
    co_return co_await send_and_read_head(*connection->plain, request);
}

UpstreamCall::UpstreamCall(UpstreamClient& client) : impl_(std::make_unique<Impl>(client)) {}

UpstreamCall::~UpstreamCall() {
    if (!impl_->connection) return;
    log::debug("closing upstream connection to {} (response not read to the end)",
               impl_->connection->origin_key);
    impl_->connection->close();
}

// Feeds already-buffered bytes to the parser; returns the body bytes produced into `slice`.
std::size_t UpstreamCall::Impl::parse_buffered() {
    auto& buffer = connection->buffer;
    auto& body = parser->get().body();
    std::size_t room = body.size;
    while (buffer.size() > 0 && !parser->is_done() && body.size > 0) {
        boost::system::error_code ec;
        std::size_t used = parser->put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == bhttp::error::need_buffer) continue;
        if (ec || used == 0) break;  // need more input, or a parse error the async read reports
    }
    return room - body.size;
}

// Returns the connection to the pool the moment the response is complete, before the caller
// relays the last bytes: a client that immediately sends its next request then finds it idle.
void UpstreamCall::Impl::release_if_done() {
    if (!connection || !parser->is_done()) return;
    finished = true;
    if (parser->get().keep_alive()) {
        connection->tcp().expires_never();
        client.give_back(std::move(connection));
    } else {
        connection->close();
        connection.reset();
    }
}

asio::awaitable<Result<ResponseHead>> UpstreamCall::start(UpstreamRequest request,
                                                          CallTimeouts timeouts) {
    Impl& impl = *impl_;
    impl.timeouts = timeouts;
    std::string key = request.origin.key();
    // A reused connection may have been closed by the provider a moment ago; since it never saw
    // a complete request, one retry on a fresh connection is safe even for POST.
    for (int attempt = 0; attempt < 2; ++attempt) {
        impl.connection = impl.client.take_idle(key);
        if (!impl.connection) {
            auto fresh = co_await impl.client.connect(request.origin, timeouts.connect);
            if (!fresh) co_return fresh.error();
            impl.connection = std::move(*fresh);
        }
        boost::system::error_code ec = co_await impl.exchange(request);
        if (!ec) break;
        bool retry = impl.connection->reused && attempt == 0 && !impl.aborted &&
                     ec != beast::error::timeout && ec != asio::error::operation_aborted;
        impl.connection->close();
        impl.connection.reset();
        if (!retry) co_return io_error("upstream " + key + " failed", ec);
    }
    ResponseHead head;
    const auto& message = impl.parser->get();
    head.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
        head.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    if (auto length = impl.parser->content_length()) head.content_length = *length;
    impl.release_if_done();
    co_return head;
}

asio::awaitable<Result<std::string_view>> UpstreamCall::read_body() {
    Impl& impl = *impl_;
    if (impl.finished) co_return std::string_view{};
    if (!impl.connection || impl.aborted) co_return Error::cancelled("upstream call aborted");
    for (;;) {
        auto [ec, got] = impl.connection->secure
                             ? co_await impl.read_slice(*impl.connection->secure)
                             : co_await impl.read_slice(*impl.connection->plain);
        if (ec) {
            abort();
            co_return io_error("upstream response broke off", ec);
        }
        impl.release_if_done();
        if (got > 0) co_return std::string_view(impl.slice.data(), got);
        if (impl.finished) co_return std::string_view{};
    }
}

void UpstreamCall::abort() {
    // Only close: an operation may be pending on this connection, and its completion must still
    // find the stream alive. The destructor frees it.
    if (!impl_->connection || impl_->aborted) return;
    impl_->aborted = true;
    impl_->connection->close();
}

bool UpstreamCall::reused_connection() const {
    return impl_->connection && impl_->connection->reused;
}

}  // namespace gw::http
