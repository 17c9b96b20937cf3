#pragma once
// A scripted stand-in for a Redis server on 127.0.0.1 (a free port), served on the test's own
// io_context: it parses each command it receives and answers with exactly the bytes the script
// returns, so replies can be split, held back, malformed, or cut by a close.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gw::kv::testing {

using Argv = std::vector<std::string>;

struct FakeAction {
    std::string send;    // raw reply bytes; empty sends nothing
    bool hold = false;   // keep them (and what earlier holds kept) until an action without hold
    bool close = false;  // close the connection once sent
};

inline FakeAction send(std::string bytes) { return {std::move(bytes), false, false}; }
inline FakeAction hold(std::string bytes) { return {std::move(bytes), true, false}; }
inline FakeAction send_and_close(std::string bytes) { return {std::move(bytes), false, true}; }

// Called for every command, in arrival order; `connection` counts from 1.
using FakeScript = std::function<FakeAction(std::size_t connection, const Argv& argv)>;

// `+OK` for every command.
FakeAction reply_ok(std::size_t connection, const Argv& argv);
// No reply, ever.
FakeAction never_reply(std::size_t connection, const Argv& argv);

class FakeRedisServer {
  public:
    FakeRedisServer(boost::asio::io_context& io, FakeScript script);
    FakeRedisServer(const FakeRedisServer&) = delete;
    FakeRedisServer& operator=(const FakeRedisServer&) = delete;

    [[nodiscard]] uint16_t port() const { return port_; }
    [[nodiscard]] std::string url() const;
    [[nodiscard]] std::size_t connections() const { return connections_; }
    // Every command received, over all connections.
    [[nodiscard]] const std::vector<Argv>& commands() const { return commands_; }

  private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, std::size_t number);

    boost::asio::io_context& io_;
    FakeScript script_;
    boost::asio::ip::tcp::acceptor acceptor_;
    uint16_t port_ = 0;
    std::size_t connections_ = 0;
    std::vector<Argv> commands_;
};

}  // namespace gw::kv::testing
