#include "gw/mock/session.hpp"

#include "gw/base/log.hpp"
#include "gw/mock/router.hpp"
#include "gw/net/read_room.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cerrno>
#include <sys/socket.h>

namespace gw::mock {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Request = http::request<http::string_body>;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
constexpr uint32_t kHeaderLimit = 64 * 1024;

enum class Outcome { KeepAlive, Close, PeerGone };

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

// Only the x-mock-* fields, so the common case copies nothing.
Headers mock_headers(const Request& req) {
    Headers out;
    for (const auto& field : req) {
        if (istarts_with(sv(field.name_string()), kMockHeaderPrefix)) {
            out.add(std::string(sv(field.name_string())), std::string(sv(field.value())));
        }
    }
    return out;
}

RecordedRequest to_record(const Request& req) {
    RecordedRequest out{.method = std::string(sv(req.method_string())),
                        .target = std::string(sv(req.target())),
                        .headers = {},
                        .body = req.body()};
    for (const auto& field : req) {
        out.headers.add(std::string(sv(field.name_string())), std::string(sv(field.value())));
    }
    return out;
}

// What a session needs to perform one response.
struct Exchange {
    PlannedResponse plan;
    FaultScript script;
    unsigned version = 11;
    bool keep_alive = true;
};

class Session {
  public:
    Session(tcp::socket socket, ProviderState& state, size_t body_limit)
        : socket_(std::move(socket)), state_(state), body_limit_(body_limit) {
        state_.on_connection_open();
    }
    ~Session() { state_.on_connection_close(); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    asio::awaitable<void> run() {
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(kHeaderLimit);
            parser.body_limit(body_limit_);
            const bool got = co_await read_request(&parser);
            if (!got) co_return;
            Exchange exchange = prepare(parser.release());
            const Outcome outcome = co_await respond(std::move(exchange));
            if (outcome != Outcome::KeepAlive) co_return;
        }
    }

  private:
    // Reads one request, answering `Expect: 100-continue` (curl sends it for large bodies).
    asio::awaitable<bool> read_request(http::request_parser<http::string_body>* parser) {
        auto [ec, n] = co_await http::async_read_header(socket_, buffer_, *parser, use_nothrow);
        if (ec) co_return false;
        const auto expect = parser->get()[http::field::expect];
        if (beast::iequals(expect, "100-continue")) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            auto [wec, wn] =
                co_await asio::async_write(socket_, asio::buffer(kContinue), use_nothrow);
            if (wec) co_return false;
        }
        if (parser->is_done()) co_return true;
        net::make_read_room(buffer_, parser->content_length().value_or(net::kBodyReadRoom));
        auto [rec, rn] = co_await http::async_read(socket_, buffer_, *parser, use_nothrow);
        net::release_read_room(buffer_);
        co_return !rec;
    }

    Exchange prepare(Request req) {
        const uint64_t seq = state_.on_request();
        if (state_.recording()) state_.record(to_record(req));
        Exchange out{.plan = {},
                     .script = parse_fault_script(mock_headers(req)),
                     .version = req.version(),
                     .keep_alive = req.keep_alive()};
        if (auto status = state_.take_scripted_failure()) out.script.status = *status;
        out.plan =
            plan_response(sv(req.method_string()), sv(req.target()), req.body(), out.script, seq);
        return out;
    }

    // Waits and streams under a watch for the peer closing, so an abandoned stream is noticed
    // (and counted) at once rather than at the next failed write.
    asio::awaitable<Outcome> respond(Exchange exchange) {
        const bool stream = exchange.plan.stream;
        if (stream) state_.on_stream_start();
        if (!stream && exchange.script.delay.count() == 0) {
            co_return co_await write_body(std::move(exchange));
        }
        auto race = perform(std::move(exchange)) || watch_peer();
        const auto result = co_await std::move(race);
        const Outcome outcome = result.index() == 0 ? std::get<0>(result) : Outcome::PeerGone;
        if (stream && outcome == Outcome::PeerGone) state_.on_stream_end(StreamEnd::Aborted);
        co_return outcome;
    }

    asio::awaitable<Outcome> perform(Exchange exchange) {
        if (exchange.script.delay.count() > 0) {
            const bool waited = co_await wait(exchange.script.delay);
            if (!waited) co_return Outcome::PeerGone;
        }
        if (!exchange.plan.stream) co_return co_await write_body(std::move(exchange));
        co_return co_await write_stream(std::move(exchange));
    }

    asio::awaitable<Outcome> write_body(Exchange exchange) {
        http::response<http::string_body> res{static_cast<http::status>(exchange.plan.status),
                                              exchange.version};
        add_head_fields(res, exchange);
        res.body() = std::move(exchange.plan.body);
        res.prepare_payload();
        auto [ec, n] = co_await http::async_write(socket_, res, use_nothrow);
        if (ec) co_return Outcome::PeerGone;
        co_return exchange.keep_alive ? Outcome::KeepAlive : Outcome::Close;
    }

    asio::awaitable<Outcome> write_stream(Exchange exchange) {
        http::response<http::empty_body> head{http::status::ok, exchange.version};
        add_head_fields(head, exchange);
        head.chunked(true);
        http::response_serializer<http::empty_body> serializer{head};
        auto [ec, n] = co_await http::async_write_header(socket_, serializer, use_nothrow);
        if (ec) co_return Outcome::PeerGone;
        size_t sent = 0;
        const auto& script = exchange.script;
        for (const auto& frame : exchange.plan.frames) {
            if (frame.content && script.break_after && sent == *script.break_after) {
                co_return cut_stream();
            }
            if (frame.content && script.chunk_delay.count() > 0) {
                const bool waited = co_await wait(script.chunk_delay);
                if (!waited) co_return Outcome::PeerGone;
            }
            const bool written = co_await write_chunk(asio::buffer(frame.bytes));
            if (!written) co_return Outcome::PeerGone;
            sent += frame.content ? 1 : 0;
        }
        const auto last = http::make_chunk_last();
        auto [lec, ln] = co_await asio::async_write(socket_, last, use_nothrow);
        if (lec) co_return Outcome::PeerGone;
        state_.on_stream_end(StreamEnd::Completed);
        co_return exchange.keep_alive ? Outcome::KeepAlive : Outcome::Close;
    }

    asio::awaitable<bool> write_chunk(asio::const_buffer bytes) {
        const auto chunk = http::make_chunk(bytes);
        auto [ec, n] = co_await asio::async_write(socket_, chunk, use_nothrow);
        co_return !ec;
    }

    // x-mock-break-after: end the connection without the terminating chunk.
    Outcome cut_stream() {
        boost::system::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
        state_.on_stream_end(StreamEnd::Broken);
        return Outcome::Close;
    }

    template <class Message>
    void add_head_fields(Message& msg, const Exchange& exchange) const {
        msg.set(http::field::server, "plano-mock");
        msg.set(http::field::content_type, exchange.plan.content_type);
        for (const auto& [name, value] : exchange.plan.extra_headers) msg.set(name, value);
        msg.keep_alive(exchange.keep_alive);
    }

    // False when the wait was cancelled (the peer went away).
    asio::awaitable<bool> wait(std::chrono::milliseconds delay) {
        asio::steady_timer timer(socket_.get_executor(), delay);
        auto [ec] = co_await timer.async_wait(use_nothrow);
        co_return !ec;
    }

    // Completes when the peer closes or resets. Readable bytes that are not EOF are a pipelined
    // request: the peer is alive, so sleep until the response finishes and cancels this watch.
    asio::awaitable<void> watch_peer() {
        for (;;) {
            auto [ec] = co_await socket_.async_wait(tcp::socket::wait_read, use_nothrow);
            if (ec) co_return;
            char byte = 0;
            const auto n = ::recv(socket_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) co_return;
            if (n > 0) break;
        }
        asio::steady_timer forever(socket_.get_executor(), asio::steady_timer::time_point::max());
        auto [ec] = co_await forever.async_wait(use_nothrow);
        (void)ec;
    }

    tcp::socket socket_;
    ProviderState& state_;
    size_t body_limit_;
    beast::flat_buffer buffer_;
};

}  // namespace

asio::awaitable<void> serve_connection(tcp::socket socket, ProviderState* state,
                                       size_t body_limit) {
    try {
        Session session(std::move(socket), *state, body_limit);
        co_await session.run();
    } catch (const std::exception& e) {
        log::warn("plano-mock: connection failed: {}", e.what());
    }
}

}  // namespace gw::mock
