#include "gw/kv/redis_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <variant>
#include <vector>

namespace gw::kv::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

bool is_ip_address(const std::string& host) {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

bool set_sni(TlsStream& stream, const std::string& host) {
    // The macro form of SSL_set_tlsext_host_name casts old-style; call the function it expands to.
    return SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                    const_cast<char*>(host.c_str())) == 1;
}

// AUTH (with the username when the URL has one) and SELECT, as the reference's client sends them.
std::vector<std::vector<std::string>> login_commands(const RedisEndpoint& endpoint) {
    std::vector<std::vector<std::string>> commands;
    if (!endpoint.password.empty()) {
        if (endpoint.username.empty()) {
            commands.push_back({"AUTH", endpoint.password});
        } else {
            commands.push_back({"AUTH", endpoint.username, endpoint.password});
        }
    }
    if (endpoint.db != 0) commands.push_back({"SELECT", std::to_string(endpoint.db)});
    return commands;
}

void complete(PendingCommand& command, Result<RedisReply> outcome) {
    command.outcome = std::move(outcome);
    command.wake.cancel();
}

}  // namespace

RedisConnection::RedisConnection(asio::io_context& context, RedisClientOptions options)
    : context_(context),
      options_(std::move(options)),
      name_(options_.endpoint.display_name()),
      connect_deadline_(SteadyClock::now() + options_.connect_timeout),
      writer_wake_(context) {}

void RedisConnection::open(const std::shared_ptr<RedisConnection>& connection) {
    asio::co_spawn(connection->context_, connection->run(connection), asio::detached);
}

Result<std::shared_ptr<PendingCommand>> RedisConnection::enqueue(std::string request) {
    if (state_ == State::Closed) return close_reason_;
    if (pending_.size() >= options_.max_pending_commands) {
        return Error::limit(
            fmt::format("{}: {} commands already wait for a reply", name_, pending_.size()));
    }
    // While connecting, the deadline assumes the slowest connect; run() moves it once connected.
    const auto now = SteadyClock::now();
    const auto sent = state_ == State::Connecting ? std::max(now, connect_deadline_) : now;
    auto command = std::make_shared<PendingCommand>(context_);
    command->wake.expires_at(sent + options_.response_timeout);
    pending_.push_back(command);
    if (outbox_.empty()) {
        outbox_ = std::move(request);
    } else {
        outbox_ += request;
    }
    writer_wake_.cancel();
    return command;
}

void RedisConnection::fail(const Error& error) {
    if (state_ == State::Closed) return;
    state_ = State::Closed;
    closed_at_ = SteadyClock::now();
    close_reason_ = error;
    if (plain_ || secure_) {
        // No TLS close_notify: it can wait for the peer, and nothing more is read anyway.
        boost::system::error_code ignored;
        tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
        tcp().close();
    }
    writer_wake_.cancel();
    outbox_.clear();
    std::deque<std::shared_ptr<PendingCommand>> waiting = std::exchange(pending_, {});
    for (const auto& command : waiting) complete(*command, error);
}

Error RedisConnection::timeout_error() const {
    return Error::timeout(
        fmt::format("{}: no reply within {} ms", name_, options_.response_timeout.count()));
}

asio::awaitable<void> RedisConnection::run(std::shared_ptr<RedisConnection> keep_alive) {
    Result<void> established = co_await establish();
    if (state_ == State::Closed) co_return;
    if (!established) {
        fail(established.error());
        co_return;
    }
    state_ = State::Ready;
    was_ready_ = true;
    // Commands queued while connecting were given the longest connect as a head start; their
    // response timeout starts now, as they are written.
    const auto deadline = SteadyClock::now() + options_.response_timeout;
    for (const auto& command : pending_) command->wake.expires_at(deadline);
    asio::co_spawn(context_, write_requests(keep_alive), asio::detached);
    co_await read_replies();
}

asio::awaitable<Result<void>> RedisConnection::establish() {
    const RedisEndpoint& endpoint = options_.endpoint;
    if (endpoint.tls && !options_.tls) {
        co_return Error::invalid(name_ + ": rediss:// needs a TLS context, and none was given");
    }
    tcp::resolver resolver(context_);
    const std::string port = std::to_string(endpoint.port);
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(endpoint.host, port, use_nothrow);
    if (state_ == State::Closed) co_return close_reason_;
    if (resolve_ec) co_return connect_error("resolving the host", resolve_ec);
    if (endpoint.tls) {
        secure_ = std::make_unique<TlsStream>(context_, *options_.tls);
    } else {
        plain_ = std::make_unique<beast::tcp_stream>(context_);
    }
    // One deadline for connecting, the TLS handshake and logging in.
    tcp().expires_at(connect_deadline_);
    auto [connect_ec, peer] = co_await tcp().async_connect(endpoints, use_nothrow);
    if (connect_ec) co_return connect_error("connecting", connect_ec);
    boost::system::error_code ignored;
    tcp().socket().set_option(tcp::no_delay(true), ignored);
    if (secure_) {
        if (auto secured = co_await start_tls(); !secured) co_return secured.error();
    }
    if (auto logged_in = co_await log_in(); !logged_in) co_return logged_in.error();
    tcp().expires_never();
    co_return Result<void>{};
}

asio::awaitable<Result<void>> RedisConnection::start_tls() {
    const std::string& host = options_.endpoint.host;
    // RFC 6066 forbids IP addresses as server names; host-name verification also checks IPs.
    if (!is_ip_address(host) && !set_sni(*secure_, host)) {
        co_return Error::io(name_ + ": cannot set the TLS server name");
    }
    secure_->set_verify_callback(asio::ssl::host_name_verification(host));
    auto [ec] = co_await secure_->async_handshake(asio::ssl::stream_base::client, use_nothrow);
    if (ec) co_return connect_error("the TLS handshake", ec);
    co_return Result<void>{};
}

asio::awaitable<Result<void>> RedisConnection::log_in() {
    const std::vector<std::vector<std::string>> commands = login_commands(options_.endpoint);
    if (commands.empty()) co_return Result<void>{};
    std::string request;
    for (const auto& argv : commands) request += format_command(argv);
    if (auto ec = co_await write(std::move(request)); ec) {
        co_return connect_error("sending AUTH/SELECT", ec);
    }
    for (const auto& argv : commands) {
        Result<RedisReply> reply = co_await read_reply();
        if (!reply) co_return reply.error();
        if (const auto* refused = std::get_if<RedisReply::ErrorReply>(&reply->value)) {
            co_return Error::io(
                fmt::format("{}: {} refused: {}", name_, argv[0], refused->message));
        }
    }
    co_return Result<void>{};
}

asio::awaitable<Result<RedisReply>> RedisConnection::read_reply() {
    for (;;) {
        auto next = reader_.next();
        if (!next) co_return named(next.error());
        if (*next) co_return std::move(**next);
        auto [ec, n] = co_await read_some();
        if (ec) co_return connect_error("reading the AUTH/SELECT reply", ec);
        if (auto fed = reader_.feed({read_buffer_.data(), n}); !fed) co_return named(fed.error());
    }
}

asio::awaitable<void> RedisConnection::read_replies() {
    while (state_ == State::Ready && deliver_parsed()) {
        auto [ec, n] = co_await read_some();
        if (state_ != State::Ready) co_return;
        if (ec) {
            fail(Error::io(fmt::format("{}: connection lost: {}", name_, ec.message())));
            co_return;
        }
        if (auto fed = reader_.feed({read_buffer_.data(), n}); !fed) fail(named(fed.error()));
    }
}

bool RedisConnection::deliver_parsed() {
    for (;;) {
        auto next = reader_.next();
        if (!next) {
            fail(named(next.error()));
            return false;
        }
        if (!*next) return true;
        if (pending_.empty()) {
            fail(Error::protocol(name_ + ": the server sent a reply no command asked for"));
            return false;
        }
        complete(*pending_.front(), std::move(**next));
        pending_.pop_front();
    }
}

// Whatever callers queued while the last write was in flight goes out as one write.
asio::awaitable<void> RedisConnection::write_requests(
    [[maybe_unused]] std::shared_ptr<RedisConnection> keep_alive) {
    while (state_ == State::Ready) {
        if (outbox_.empty()) {
            writer_wake_.expires_at(SteadyClock::time_point::max());
            co_await writer_wake_.async_wait(use_nothrow);  // cancelled: work or close
            continue;
        }
        std::string batch = std::exchange(outbox_, {});
        const boost::system::error_code ec = co_await write(std::move(batch));
        if (state_ != State::Ready) co_return;
        if (ec) fail(Error::io(fmt::format("{}: connection lost: {}", name_, ec.message())));
    }
}

asio::awaitable<boost::system::error_code> RedisConnection::write(std::string bytes) {
    if (secure_) {
        auto [ec, n] = co_await asio::async_write(*secure_, asio::buffer(bytes), use_nothrow);
        co_return ec;
    }
    auto [ec, n] = co_await asio::async_write(*plain_, asio::buffer(bytes), use_nothrow);
    co_return ec;
}

asio::awaitable<std::pair<boost::system::error_code, std::size_t>> RedisConnection::read_some() {
    const auto buffer = asio::buffer(read_buffer_);
    if (secure_) {
        auto [ec, n] = co_await secure_->async_read_some(buffer, use_nothrow);
        co_return std::make_pair(ec, n);
    }
    auto [ec, n] = co_await plain_->async_read_some(buffer, use_nothrow);
    co_return std::make_pair(ec, n);
}

beast::tcp_stream& RedisConnection::tcp() {
    return secure_ ? beast::get_lowest_layer(*secure_) : *plain_;
}

Error RedisConnection::named(const Error& error) const {
    return Error{error.kind, fmt::format("{}: {}", name_, error.message)};
}

Error RedisConnection::connect_error(std::string_view step,
                                     const boost::system::error_code& ec) const {
    if (ec == beast::error::timeout) {
        return Error::timeout(fmt::format("{}: {} did not finish within the {} ms connect timeout",
                                          name_, step, options_.connect_timeout.count()));
    }
    return Error::io(fmt::format("{}: {} failed: {}", name_, step, ec.message()));
}

asio::awaitable<Result<RedisReply>> await_reply(std::shared_ptr<RedisConnection> connection,
                                                std::shared_ptr<PendingCommand> command) {
    while (!command->outcome) {
        const SteadyClock::time_point armed_for = command->wake.expiry();
        auto [ec] = co_await command->wake.async_wait(use_nothrow);
        if (command->outcome) break;
        if (ec != asio::error::operation_aborted) {
            const Error timeout = connection->timeout_error();
            connection->fail(timeout);
            co_return timeout;
        }
        // Re-armed when the connection became ready; otherwise the caller cancelled.
        if (command->wake.expiry() == armed_for)
            co_return Error::cancelled("Redis command cancelled");
    }
    co_return std::move(*command->outcome);
}

}  // namespace gw::kv::detail
