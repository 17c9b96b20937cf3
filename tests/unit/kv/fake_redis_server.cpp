#include "fake_redis_server.hpp"

#include "gw/kv/resp_codec.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <variant>

namespace gw::kv::testing {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

// A request is an array of bulk strings; the RESP reply parser reads it just as well.
Argv to_argv(const RedisReply& request) {
    Argv argv;
    if (const auto* parts = std::get_if<RedisReply::Array>(&request.value)) {
        for (const RedisReply& part : *parts) {
            if (const auto* text = std::get_if<std::string>(&part.value)) argv.push_back(*text);
        }
    }
    return argv;
}

}  // namespace

FakeAction reply_ok(std::size_t /*connection*/, const Argv& /*argv*/) { return send("+OK\r\n"); }

FakeAction never_reply(std::size_t /*connection*/, const Argv& /*argv*/) { return hold(""); }

FakeRedisServer::FakeRedisServer(asio::io_context& io, FakeScript script)
    : io_(io),
      script_(std::move(script)),
      acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, accept_loop(), asio::detached);
}

std::string FakeRedisServer::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

asio::awaitable<void> FakeRedisServer::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(use_nothrow);
        if (ec) co_return;
        asio::co_spawn(io_, serve(std::move(socket), ++connections_), asio::detached);
    }
}

asio::awaitable<void> FakeRedisServer::serve(tcp::socket socket, std::size_t number) {
    RespReader requests;
    std::array<char, 4096> buffer{};
    std::string held;
    for (;;) {
        auto [read_ec, n] = co_await socket.async_read_some(asio::buffer(buffer), use_nothrow);
        if (read_ec || !requests.feed({buffer.data(), n})) co_return;
        for (auto request = requests.next(); request && *request; request = requests.next()) {
            const Argv argv = to_argv(**request);
            commands_.push_back(argv);
            const FakeAction action = script_(number, argv);
            held += action.send;
            if (action.hold) continue;
            auto [write_ec, written] =
                co_await asio::async_write(socket, asio::buffer(held), use_nothrow);
            held.clear();
            if (write_ec || action.close) co_return;
        }
    }
}

}  // namespace gw::kv::testing
