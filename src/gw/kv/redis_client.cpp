#include "gw/kv/redis_client.hpp"

#include "gw/base/log.hpp"
#include "gw/kv/redis_connection.hpp"

#include <fmt/format.h>

namespace gw::kv {

using detail::RedisConnection;
using State = RedisConnection::State;

RedisClient::RedisClient(boost::asio::io_context& context, RedisClientOptions options)
    : context_(context),
      options_(std::move(options)),
      display_name_(options_.endpoint.display_name()) {}

RedisClient::~RedisClient() {
    if (connection_) connection_->fail(Error::cancelled(display_name_ + ": client shut down"));
}

boost::asio::awaitable<Result<RedisReply>> RedisClient::command(std::vector<std::string> argv) {
    if (argv.empty()) co_return Error::invalid("Redis: empty command");
    if (!context_.get_executor().running_in_this_thread()) {
        co_return Error::internal(display_name_ + ": command() called off the client's worker");
    }
    auto connection = usable_connection();
    if (!connection) co_return connection.error();
    auto pending = (*connection)->enqueue(format_command(argv));
    if (!pending) co_return pending.error();
    // From here on only the connection and the command are touched: the client may be gone.
    Result<RedisReply> reply =
        co_await detail::await_reply(std::move(*connection), std::move(*pending));
    co_return reply;
}

Result<std::shared_ptr<RedisConnection>> RedisClient::usable_connection() {
    if (connection_ && connection_->state() != State::Closed) {
        if (failing_ && connection_->state() == State::Ready) {
            log::info("{}: connected", display_name_);
            failing_ = false;
        }
        return connection_;
    }
    if (connection_ && !connection_->was_ready() &&
        detail::SteadyClock::now() < connection_->closed_at() + options_.reconnect_backoff) {
        const Error& reason = connection_->close_reason();
        return Error{reason.kind, reason.message + " (waiting before the next connect attempt)"};
    }
    log_transition();
    connection_ = std::make_shared<RedisConnection>(context_, options_);
    ++connection_attempts_;
    RedisConnection::open(connection_);
    return connection_;
}

// Logs a lost connection, and the first failed connect of a streak rather than every attempt.
void RedisClient::log_transition() {
    if (!connection_) return;
    const Error& reason = connection_->close_reason();
    if (connection_->was_ready()) {
        log::warn("{}; reconnecting", reason.message);
    } else if (!failing_) {
        log::warn("{} (retrying at most every {} ms)", reason.message,
                  options_.reconnect_backoff.count());
        failing_ = true;
    }
}

}  // namespace gw::kv
