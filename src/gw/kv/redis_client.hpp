#pragma once
// A Redis client for one worker: one connection, opened on the first command, on which every
// command of the worker is pipelined (writes are batched in call order, replies matched FIFO).
// hiredis is only the codec; the socket is Asio's, plain or TLS (stack.md §1.6).
//
// Failures are values. A broken connection (reset, EOF, malformed reply, a reply that does not
// come within the response timeout) fails every command waiting on it; the next command opens a
// new one. After a failed connect, commands fail at once for `reconnect_backoff` rather than
// each waiting for a connect of its own, so a dead Redis is not hammered.
//
// Worker-affine: create it for the worker's io_context and call command() only from coroutines
// on that context. Destroy it on that thread or once the context no longer runs, and before the
// io_context itself: waiting commands then complete with an error (or are dropped with the
// context), never touching the destroyed client.

#include "gw/base/result.hpp"
#include "gw/kv/redis_reply.hpp"
#include "gw/kv/redis_url.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace gw::kv {

namespace detail {
class RedisConnection;
}

struct RedisClientOptions {
    RedisEndpoint endpoint;
    // Required for rediss://: peer verification against its CAs (net/tls_context.hpp); the
    // connection adds SNI and host-name verification.
    std::shared_ptr<boost::asio::ssl::context> tls;
    // TCP connect, TLS handshake, AUTH and SELECT together.
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
    // From sending a command (or, while connecting, from the connect deadline) to its reply.
    std::chrono::milliseconds response_timeout{std::chrono::seconds(2)};
    std::chrono::milliseconds reconnect_backoff{std::chrono::seconds(1)};
    // Commands waiting for a reply; beyond it new commands fail with LimitExceeded.
    std::size_t max_pending_commands = 10000;
};

class RedisClient {
  public:
    RedisClient(boost::asio::io_context& context, RedisClientOptions options);
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    // Sends `argv` (e.g. {"SETEX", key, "60", value}) and returns the server's reply; an error
    // reply of the server is a RedisReply::ErrorReply value. Errors: InvalidArgument (empty
    // command), Io (cannot connect, connection lost), Timeout, Protocol (malformed reply),
    // LimitExceeded, Cancelled (the caller's cancellation slot fired), Internal (called off the
    // client's worker).
    boost::asio::awaitable<Result<RedisReply>> command(std::vector<std::string> argv);

    // Connections opened so far (successful or not): for tests and diagnostics.
    [[nodiscard]] std::size_t connection_attempts() const { return connection_attempts_; }

  private:
    [[nodiscard]] Result<std::shared_ptr<detail::RedisConnection>> usable_connection();
    void log_transition();

    boost::asio::io_context& context_;
    const RedisClientOptions options_;
    const std::string display_name_;
    std::shared_ptr<detail::RedisConnection> connection_;
    std::size_t connection_attempts_ = 0;
    bool failing_ = false;  // the last connect failed: logged once per streak
};

}  // namespace gw::kv
