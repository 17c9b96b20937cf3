// The Redis backend against a real, throwaway redis-server: the reference's key and SETEX, the
// TTL floor, values written by others, wrong types, AUTH and SELECT, a wrong password, and a
// server that goes away and comes back.

#include "gw/session/redis_session_cache.hpp"

#include "gw/kv/redis_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "redis_server.hpp"
#include "run_task.hpp"
#include <memory>
#include <thread>
#include <variant>

namespace gw::session {
namespace {

using namespace std::chrono_literals;
using gw::testing::RedisServer;
using ::testing::HasSubstr;
using ::testing::Not;
using gw::testing::run_task;

using Argv = std::vector<std::string>;

kv::RedisClientOptions client_options(std::string_view url) {
    auto endpoint = kv::parse_redis_url(url);
    EXPECT_TRUE(endpoint) << endpoint.error().message;
    kv::RedisClientOptions options;
    if (endpoint) options.endpoint = *endpoint;
    options.reconnect_backoff = 100ms;
    return options;
}

std::unique_ptr<RedisServer> start_server(gw::testing::RedisServerOptions options = {}) {
    auto started = RedisServer::start(std::move(options));
    EXPECT_TRUE(started) << "cannot start redis-server: " << started.error().message;
    return started ? std::move(*started) : nullptr;
}

// A cache on its own client, plus a second client of the test's own to look into Redis.
class RedisCacheHarness {
  public:
    explicit RedisCacheHarness(const std::string& url)
        : client_(io_, client_options(url)), peek_(io_, client_options(url)), cache_({&client_}) {}

    Result<std::optional<std::string>> get(std::string key, std::size_t worker = 0) {
        return run_task(io_, cache_.get(worker, std::move(key)));
    }
    Result<void> put(std::string key, std::string value, std::chrono::seconds ttl = 300s) {
        return run_task(io_, cache_.put(0, std::move(key), std::move(value), ttl));
    }
    kv::RedisReply peek(Argv argv) {
        auto reply = run_task(io_, peek_.command(std::move(argv)));
        EXPECT_TRUE(reply) << reply.error().message;
        return reply ? *reply : kv::RedisReply{};
    }
    [[nodiscard]] SessionCacheStats stats() const { return cache_.stats(); }

  private:
    boost::asio::io_context io_;
    kv::RedisClient client_;
    kv::RedisClient peek_;
    RedisSessionCache cache_;
};

kv::RedisReply bulk(std::string text) { return {std::move(text)}; }
kv::RedisReply integer(std::int64_t value) { return {value}; }

class RedisSessionCacheTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = start_server().release(); }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(server_, nullptr);
        harness_ = std::make_unique<RedisCacheHarness>(server_->url());
        harness_->peek({"FLUSHALL"});
    }

    static RedisServer* server_;
    std::unique_ptr<RedisCacheHarness> harness_;
};

RedisServer* RedisSessionCacheTest::server_ = nullptr;

TEST_F(RedisSessionCacheTest, StoresUnderTheAffinityKeyWithSetex) {
    ASSERT_TRUE(harness_->put("acme:s1", R"({"anchor_model":"openai/gpt-4o"})", 300s));
    EXPECT_EQ(harness_->peek({"GET", "plano:affinity:acme:s1"}),
              bulk(R"({"anchor_model":"openai/gpt-4o"})"));
    const kv::RedisReply ttl = harness_->peek({"TTL", "plano:affinity:acme:s1"});
    ASSERT_TRUE(std::holds_alternative<std::int64_t>(ttl.value));
    EXPECT_GT(std::get<std::int64_t>(ttl.value), 290);
    EXPECT_LE(std::get<std::int64_t>(ttl.value), 300);
    EXPECT_EQ(harness_->stats().stores, 1u);
}

TEST_F(RedisSessionCacheTest, ReturnsWhatWasStored) {
    ASSERT_TRUE(harness_->put("s2", "binding"));
    auto value = harness_->get("s2");
    ASSERT_TRUE(value) << value.error().message;
    EXPECT_EQ(*value, "binding");
    EXPECT_EQ(harness_->stats().hits, 1u);
}

TEST_F(RedisSessionCacheTest, MissingKeyIsAMiss) {
    auto value = harness_->get("nobody");
    ASSERT_TRUE(value) << value.error().message;
    EXPECT_EQ(*value, std::nullopt);
    EXPECT_EQ(harness_->stats().misses, 1u);
}

TEST_F(RedisSessionCacheTest, ReadsWhatAnotherGatewayWrote) {
    harness_->peek({"SET", "plano:affinity:shared", "from the reference"});
    auto value = harness_->get("shared");
    ASSERT_TRUE(value) << value.error().message;
    EXPECT_EQ(*value, "from the reference");
}

TEST_F(RedisSessionCacheTest, TtlBelowOneSecondIsOneSecond) {
    ASSERT_TRUE(harness_->put("brief", "v", 0s));
    EXPECT_EQ(harness_->peek({"TTL", "plano:affinity:brief"}), integer(1));
}

TEST_F(RedisSessionCacheTest, ExpiredKeyIsAMiss) {
    ASSERT_TRUE(harness_->put("gone", "v"));
    harness_->peek({"PEXPIRE", "plano:affinity:gone", "1"});
    std::this_thread::sleep_for(20ms);
    auto value = harness_->get("gone");
    ASSERT_TRUE(value) << value.error().message;
    EXPECT_EQ(*value, std::nullopt);
}

TEST_F(RedisSessionCacheTest, WrongTypeIsAnErrorNotAMiss) {
    harness_->peek({"LPUSH", "plano:affinity:list", "x"});
    auto value = harness_->get("list");
    ASSERT_FALSE(value);
    EXPECT_THAT(value.error().message, HasSubstr("WRONGTYPE"));
    EXPECT_EQ(harness_->stats().errors, 1u);
    EXPECT_EQ(harness_->stats().misses, 0u);
}

TEST_F(RedisSessionCacheTest, UnknownWorkerIsAnError) {
    auto value = harness_->get("k", 7);
    ASSERT_FALSE(value);
    EXPECT_EQ(value.error().kind, Error::Kind::Internal);
    EXPECT_EQ(harness_->stats().errors, 1u);
}

TEST(RedisSessionCacheLoginTest, LogsInAndSelectsTheDatabase) {
    auto server = start_server({.password = "s3cret", .extra_arguments = {}});
    ASSERT_NE(server, nullptr);
    RedisCacheHarness db5(server->url(5));
    ASSERT_TRUE(db5.put("k", "in five"));
    EXPECT_EQ(db5.peek({"GET", "plano:affinity:k"}), bulk("in five"));
    RedisCacheHarness db0(server->url(0));
    auto elsewhere = db0.get("k");
    ASSERT_TRUE(elsewhere) << elsewhere.error().message;
    EXPECT_EQ(*elsewhere, std::nullopt);
}

TEST(RedisSessionCacheLoginTest, WrongPasswordFailsWithoutShowingIt) {
    auto server = start_server({.password = "s3cret", .extra_arguments = {}});
    ASSERT_NE(server, nullptr);
    RedisCacheHarness cache("redis://:hunter2x@127.0.0.1:" + std::to_string(server->port()));
    auto value = cache.get("k");
    ASSERT_FALSE(value);
    EXPECT_THAT(value.error().message, HasSubstr("AUTH refused"));
    EXPECT_THAT(value.error().message, Not(HasSubstr("hunter2x")));
    EXPECT_FALSE(cache.put("k", "v"));
    EXPECT_EQ(cache.stats().errors, 1u);
    EXPECT_EQ(cache.stats().store_errors, 1u);
}

TEST(RedisSessionCacheOutageTest, FailsWhileRedisIsDownAndRecoversWhenItIsBack) {
    auto server = start_server();
    ASSERT_NE(server, nullptr);
    RedisCacheHarness cache(server->url());
    ASSERT_TRUE(cache.put("k", "v"));

    ASSERT_TRUE(server->stop());
    EXPECT_FALSE(cache.get("k"));
    EXPECT_FALSE(cache.put("k", "v"));
    EXPECT_GE(cache.stats().errors, 1u);
    EXPECT_GE(cache.stats().store_errors, 1u);

    ASSERT_TRUE(server->restart());
    std::this_thread::sleep_for(150ms);  // past the reconnect backoff
    auto after = cache.get("k");
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(*after, std::nullopt);  // nothing is persisted
    ASSERT_TRUE(cache.put("k", "again"));
    auto stored = cache.get("k");
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(*stored, "again");
}

}  // namespace
}  // namespace gw::session
