// The Redis client against a scripted in-process server: round trips, pipelining, AUTH and
// SELECT, refused logins and the reconnect backoff, a server closing mid-reply, malformed and
// unsolicited replies, timeouts, limits, and shutdown with commands still waiting.

#include "gw/kv/redis_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_redis_server.hpp"
#include "run_task.hpp"
#include <memory>
#include <thread>

namespace gw::kv {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::Argv;
using testing::FakeRedisServer;
using ::testing::HasSubstr;
using testing::hold;
using testing::never_reply;
using ::testing::Not;
using testing::reply_ok;
using gw::testing::run_task;
using gw::testing::run_until_ready;
using testing::send;
using testing::send_and_close;
using gw::testing::spawn;

RedisReply bulk(std::string text) { return {std::move(text)}; }
RedisReply status(std::string text) { return {RedisReply::Status{std::move(text)}}; }

std::string bulk_bytes(const std::string& text) {
    return "$" + std::to_string(text.size()) + "\r\n" + text + "\r\n";
}

class RedisClientTest : public ::testing::Test {
  protected:
    static RedisClientOptions options_for(std::string_view url) {
        auto endpoint = parse_redis_url(url);
        EXPECT_TRUE(endpoint) << endpoint.error().message;
        RedisClientOptions options;
        if (endpoint) options.endpoint = *endpoint;
        options.connect_timeout = 2s;
        options.response_timeout = 2s;
        options.reconnect_backoff = 100ms;
        return options;
    }

    Result<RedisReply> run(RedisClient& client, Argv argv) {
        return run_task(io_, client.command(std::move(argv)));
    }

    static Error::Kind error_kind(const Result<RedisReply>& reply) {
        EXPECT_FALSE(reply);
        return reply ? Error::Kind::Internal : reply.error().kind;
    }

    asio::io_context io_;
};

TEST_F(RedisClientTest, SendsTheCommandAndReturnsTheReply) {
    FakeRedisServer server(io_, [](std::size_t, const Argv&) { return send("+PONG\r\n"); });
    RedisClient client(io_, options_for(server.url()));
    auto reply = run(client, {"PING"});
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(*reply, status("PONG"));
    EXPECT_EQ(server.commands(), (std::vector<Argv>{{"PING"}}));
}

TEST_F(RedisClientTest, ArgumentsArriveByteForByte) {
    FakeRedisServer server(io_, reply_ok);
    RedisClient client(io_, options_for(server.url()));
    const std::string value("{\"a\":1}\r\n\0end", 13);
    ASSERT_TRUE(run(client, {"SETEX", "plano:affinity:s", "60", value}));
    ASSERT_EQ(server.commands().size(), 1u);
    EXPECT_EQ(server.commands()[0], (Argv{"SETEX", "plano:affinity:s", "60", value}));
}

TEST_F(RedisClientTest, ReusesTheConnection) {
    FakeRedisServer server(io_, reply_ok);
    RedisClient client(io_, options_for(server.url()));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(run(client, {"PING"}));
    EXPECT_EQ(server.connections(), 1u);
    EXPECT_EQ(client.connection_attempts(), 1u);
}

// The server answers only once all three commands arrived: a client that waited for each reply
// before sending the next command would never get one.
TEST_F(RedisClientTest, PipelinesConcurrentCommandsAndMatchesRepliesInOrder) {
    FakeRedisServer server(io_, [](std::size_t, const Argv& argv) {
        return argv[1] == "c" ? send(bulk_bytes(argv[1])) : hold(bulk_bytes(argv[1]));
    });
    RedisClient client(io_, options_for(server.url()));
    auto a = spawn(io_, client.command({"ECHO", "a"}));
    auto b = spawn(io_, client.command({"ECHO", "b"}));
    auto c = spawn(io_, client.command({"ECHO", "c"}));
    run_until_ready(io_, a);
    run_until_ready(io_, b);
    run_until_ready(io_, c);
    for (auto [future, expected] : {std::pair{&a, "a"}, {&b, "b"}, {&c, "c"}}) {
        auto reply = future->get();
        ASSERT_TRUE(reply) << reply.error().message;
        EXPECT_EQ(*reply, bulk(expected));
    }
    EXPECT_EQ(server.connections(), 1u);
}

TEST_F(RedisClientTest, LogsInAndSelectsTheDatabaseBeforeTheFirstCommand) {
    FakeRedisServer server(io_, [](std::size_t, const Argv& argv) {
        return argv[0] == "GET" ? send(bulk_bytes("v")) : send("+OK\r\n");
    });
    RedisClient client(
        io_, options_for("redis://gw:hunter2@127.0.0.1:" + std::to_string(server.port()) + "/2"));
    auto reply = run(client, {"GET", "k"});
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(*reply, bulk("v"));
    EXPECT_EQ(server.commands(),
              (std::vector<Argv>{{"AUTH", "gw", "hunter2"}, {"SELECT", "2"}, {"GET", "k"}}));
}

TEST_F(RedisClientTest, PasswordWithoutUserSendsTheShortAuth) {
    FakeRedisServer server(io_, reply_ok);
    RedisClient client(io_,
                       options_for("redis://:hunter2@127.0.0.1:" + std::to_string(server.port())));
    ASSERT_TRUE(run(client, {"PING"}));
    EXPECT_EQ(server.commands(), (std::vector<Argv>{{"AUTH", "hunter2"}, {"PING"}}));
}

TEST_F(RedisClientTest, RefusedLoginFailsAndBacksOffBeforeTheNextAttempt) {
    FakeRedisServer server(io_, [](std::size_t, const Argv& argv) {
        return argv[0] == "AUTH" ? send("-WRONGPASS invalid username-password pair\r\n")
                                 : send("+OK\r\n");
    });
    RedisClient client(io_,
                       options_for("redis://:hunter2@127.0.0.1:" + std::to_string(server.port())));
    auto first = run(client, {"PING"});
    ASSERT_EQ(error_kind(first), Error::Kind::Io);
    EXPECT_THAT(first.error().message, HasSubstr("AUTH refused: WRONGPASS"));
    EXPECT_THAT(first.error().message, Not(HasSubstr("hunter2")));

    auto during_backoff = run(client, {"PING"});
    EXPECT_EQ(error_kind(during_backoff), Error::Kind::Io);
    EXPECT_EQ(client.connection_attempts(), 1u);
    EXPECT_EQ(server.connections(), 1u);

    std::this_thread::sleep_for(150ms);
    EXPECT_FALSE(run(client, {"PING"}));
    EXPECT_EQ(client.connection_attempts(), 2u);
}

TEST_F(RedisClientTest, RefusedConnectFailsFastDuringTheBackoff) {
    uint16_t closed_port = 0;
    {
        asio::ip::tcp::acceptor probe(io_, {asio::ip::make_address("127.0.0.1"), 0});
        closed_port = probe.local_endpoint().port();
    }
    RedisClient client(io_, options_for("redis://127.0.0.1:" + std::to_string(closed_port)));
    auto first = run(client, {"PING"});
    ASSERT_EQ(error_kind(first), Error::Kind::Io);
    EXPECT_THAT(first.error().message, HasSubstr("connecting failed"));
    EXPECT_FALSE(run(client, {"PING"}));
    EXPECT_EQ(client.connection_attempts(), 1u);
}

TEST_F(RedisClientTest, ServerClosingMidReplyFailsTheCommandAndTheNextReconnects) {
    FakeRedisServer server(io_, [](std::size_t connection, const Argv&) {
        return connection == 1 ? send_and_close("$10\r\nhel") : send(bulk_bytes("hello"));
    });
    RedisClient client(io_, options_for(server.url()));
    auto cut = run(client, {"GET", "k"});
    ASSERT_EQ(error_kind(cut), Error::Kind::Io);
    EXPECT_THAT(cut.error().message, HasSubstr("connection lost"));

    auto next = run(client, {"GET", "k"});
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_EQ(*next, bulk("hello"));
    EXPECT_EQ(server.connections(), 2u);
}

TEST_F(RedisClientTest, MalformedReplyIsAProtocolErrorAndDropsTheConnection) {
    FakeRedisServer server(io_, [](std::size_t connection, const Argv&) {
        return connection == 1 ? send("!oops\r\n") : send("+OK\r\n");
    });
    RedisClient client(io_, options_for(server.url()));
    auto bad = run(client, {"PING"});
    ASSERT_EQ(error_kind(bad), Error::Kind::Protocol);
    EXPECT_THAT(bad.error().message, HasSubstr("malformed Redis reply"));
    EXPECT_TRUE(run(client, {"PING"}));
    EXPECT_EQ(server.connections(), 2u);
}

TEST_F(RedisClientTest, ReplyNoCommandAskedForDropsTheConnection) {
    FakeRedisServer server(io_, [](std::size_t connection, const Argv&) {
        return connection == 1 ? send("+OK\r\n+EXTRA\r\n") : send("+SECOND\r\n");
    });
    RedisClient client(io_, options_for(server.url()));
    auto first = run(client, {"PING"});
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(*first, status("OK"));
    auto second = run(client, {"PING"});
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(*second, status("SECOND"));
    EXPECT_EQ(server.connections(), 2u);
}

TEST_F(RedisClientTest, MissingReplyTimesOutEveryWaitingCommandAndTheNextReconnects) {
    FakeRedisServer server(io_, [](std::size_t connection, const Argv&) {
        return connection == 1 ? hold("") : send("+OK\r\n");
    });
    RedisClientOptions options = options_for(server.url());
    options.response_timeout = 100ms;
    RedisClient client(io_, options);
    auto a = spawn(io_, client.command({"GET", "a"}));
    auto b = spawn(io_, client.command({"GET", "b"}));
    run_until_ready(io_, a);
    run_until_ready(io_, b);
    auto timed_out = a.get();
    ASSERT_EQ(error_kind(timed_out), Error::Kind::Timeout);
    EXPECT_THAT(timed_out.error().message, HasSubstr("no reply within 100 ms"));
    EXPECT_EQ(error_kind(b.get()), Error::Kind::Timeout);
    EXPECT_TRUE(run(client, {"PING"}));
    EXPECT_EQ(server.connections(), 2u);
}

TEST_F(RedisClientTest, UnansweredLoginHitsTheConnectTimeout) {
    FakeRedisServer server(io_, never_reply);
    RedisClientOptions options =
        options_for("redis://:pw@127.0.0.1:" + std::to_string(server.port()));
    options.connect_timeout = 100ms;
    RedisClient client(io_, options);
    const auto started = std::chrono::steady_clock::now();
    auto reply = run(client, {"PING"});
    ASSERT_EQ(error_kind(reply), Error::Kind::Timeout);
    EXPECT_THAT(reply.error().message, HasSubstr("100 ms connect timeout"));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST_F(RedisClientTest, TooManyWaitingCommandsAreRefused) {
    FakeRedisServer server(io_, never_reply);
    RedisClientOptions options = options_for(server.url());
    options.max_pending_commands = 2;
    options.response_timeout = 100ms;
    RedisClient client(io_, options);
    auto a = spawn(io_, client.command({"GET", "a"}));
    auto b = spawn(io_, client.command({"GET", "b"}));
    auto c = spawn(io_, client.command({"GET", "c"}));
    run_until_ready(io_, c);
    EXPECT_EQ(error_kind(c.get()), Error::Kind::LimitExceeded);
    run_until_ready(io_, a);
    run_until_ready(io_, b);
}

TEST_F(RedisClientTest, EmptyCommandIsInvalid) {
    FakeRedisServer server(io_, reply_ok);
    RedisClient client(io_, options_for(server.url()));
    EXPECT_EQ(error_kind(run(client, {})), Error::Kind::InvalidArgument);
    EXPECT_EQ(client.connection_attempts(), 0u);
}

TEST_F(RedisClientTest, CommandOffTheClientsWorkerIsRefused) {
    FakeRedisServer server(io_, reply_ok);
    RedisClient client(io_, options_for(server.url()));
    asio::io_context other_worker;
    auto reply = run_task(other_worker, client.command({"PING"}));
    EXPECT_EQ(error_kind(reply), Error::Kind::Internal);
}

TEST_F(RedisClientTest, RedissWithoutATlsContextFails) {
    RedisClient client(io_, options_for("rediss://127.0.0.1:1"));
    auto reply = run(client, {"PING"});
    ASSERT_EQ(error_kind(reply), Error::Kind::InvalidArgument);
    EXPECT_THAT(reply.error().message, HasSubstr("TLS context"));
}

TEST_F(RedisClientTest, DestroyingTheClientCompletesWaitingCommands) {
    FakeRedisServer server(io_, never_reply);
    auto client = std::make_unique<RedisClient>(io_, options_for(server.url()));
    auto waiting = spawn(io_, client->command({"GET", "k"}));
    while (server.commands().empty()) io_.run_one();
    client.reset();
    run_until_ready(io_, waiting);
    EXPECT_EQ(error_kind(waiting.get()), Error::Kind::Cancelled);
}

TEST_F(RedisClientTest, DestroyingTheClientWhileItConnects) {
    FakeRedisServer server(io_, reply_ok);
    auto client = std::make_unique<RedisClient>(io_, options_for(server.url()));
    auto waiting = spawn(io_, client->command({"GET", "k"}));
    // Once the command waits, its connection exists and has not started connecting yet.
    while (client->connection_attempts() == 0) io_.run_one();
    client.reset();
    run_until_ready(io_, waiting);
    EXPECT_EQ(error_kind(waiting.get()), Error::Kind::Cancelled);
}

// As at gateway shutdown: the worker stops, the client goes, then the io_context with the
// suspended coroutines; nothing may touch what is gone (ASan watches).
TEST(RedisClientShutdownTest, ClientThenContextGoAwayWithCommandsWaiting) {
    auto io = std::make_unique<asio::io_context>();
    std::vector<std::future<Result<RedisReply>>> waiting;
    {
        FakeRedisServer server(*io, never_reply);
        RedisClientOptions options;
        options.endpoint = *parse_redis_url(server.url());
        RedisClient client(*io, options);
        for (int i = 0; i < 3; ++i) waiting.push_back(spawn(*io, client.command({"GET", "k"})));
        while (server.commands().size() < 3) io->run_one();
        waiting.push_back(spawn(*io, client.command({"GET", "never sent"})));
        io->stop();
    }
    io.reset();
    for (auto& future : waiting) EXPECT_THROW(future.get(), std::future_error);
}

}  // namespace
}  // namespace gw::kv
