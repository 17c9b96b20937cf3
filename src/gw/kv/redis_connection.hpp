#pragma once
// Internal to gw_kv: one connection to a Redis server and the commands awaiting its replies, in
// order. Shared (std::shared_ptr) by the client, the waiting commands and the coroutines that
// drive the socket, so that the client may be destroyed while they unwind. Worker-affine.

#include "gw/base/result.hpp"
#include "gw/kv/redis_client.hpp"
#include "gw/kv/resp_codec.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace gw::kv::detail {

using SteadyClock = std::chrono::steady_clock;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// One command awaiting its reply. Shared by the connection's reply queue and the awaiting
// coroutine, which may give up (timeout, cancellation) before the reply comes.
struct PendingCommand {
    explicit PendingCommand(boost::asio::io_context& context) : wake(context) {}

    // Expires at the command's deadline (moved once if queued while connecting); cancelled
    // once `outcome` is set.
    boost::asio::steady_timer wake;
    std::optional<Result<RedisReply>> outcome;
};

class RedisConnection {
  public:
    enum class State { Connecting, Ready, Closed };

    RedisConnection(boost::asio::io_context& context, RedisClientOptions options);
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // Starts connecting; the coroutines started keep `connection` alive until they end.
    static void open(const std::shared_ptr<RedisConnection>& connection);

    // Queues `request`, written once connected, and its place in the reply order.
    [[nodiscard]] Result<std::shared_ptr<PendingCommand>> enqueue(std::string request);
    // Closes the connection and completes every waiting command with `error`. Idempotent.
    void fail(const Error& error);

    [[nodiscard]] State state() const { return state_; }
    // Whether it ever got past connecting: a connection that broke later may be replaced at
    // once, one that never connected only after the backoff.
    [[nodiscard]] bool was_ready() const { return was_ready_; }
    [[nodiscard]] SteadyClock::time_point closed_at() const { return closed_at_; }
    [[nodiscard]] const Error& close_reason() const { return close_reason_; }
    [[nodiscard]] Error timeout_error() const;

  private:
    // The roots of the connection's coroutines: `keep_alive` is this connection.
    boost::asio::awaitable<void> run(std::shared_ptr<RedisConnection> keep_alive);
    boost::asio::awaitable<void> write_requests(std::shared_ptr<RedisConnection> keep_alive);
    boost::asio::awaitable<Result<void>> establish();
    boost::asio::awaitable<Result<void>> start_tls();
    boost::asio::awaitable<Result<void>> log_in();
    boost::asio::awaitable<Result<RedisReply>> read_reply();
    boost::asio::awaitable<void> read_replies();
    // Hands every parsed reply to its command; false once that failed the connection.
    bool deliver_parsed();

    boost::asio::awaitable<boost::system::error_code> write(std::string bytes);
    boost::asio::awaitable<std::pair<boost::system::error_code, std::size_t>> read_some();
    boost::beast::tcp_stream& tcp();
    [[nodiscard]] Error named(const Error& error) const;
    [[nodiscard]] Error connect_error(std::string_view step,
                                      const boost::system::error_code& ec) const;

    boost::asio::io_context& context_;
    const RedisClientOptions options_;
    const std::string name_;  // endpoint.display_name(), without credentials
    const SteadyClock::time_point connect_deadline_;
    State state_ = State::Connecting;
    bool was_ready_ = false;
    SteadyClock::time_point closed_at_{};
    Error close_reason_;
    std::unique_ptr<boost::beast::tcp_stream> plain_;  // one of the two, once connecting
    std::unique_ptr<TlsStream> secure_;
    RespReader reader_;
    std::array<char, 16 * 1024> read_buffer_{};
    std::deque<std::shared_ptr<PendingCommand>> pending_;  // in the order written
    std::string outbox_;                                   // requests not yet handed to the socket
    boost::asio::steady_timer writer_wake_;  // cancelled when outbox_ fills or on close
};

// Waits for `command`'s reply. A deadline that passes fails the whole connection: FIFO matching
// cannot skip a reply, and a server that let one command wait that long is not answering.
boost::asio::awaitable<Result<RedisReply>> await_reply(std::shared_ptr<RedisConnection> connection,
                                                       std::shared_ptr<PendingCommand> command);

}  // namespace gw::kv::detail
