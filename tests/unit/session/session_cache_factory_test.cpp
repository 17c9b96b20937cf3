// The factory: memory by default, Redis with one client per worker (used from the workers' own
// threads), rediss:// against a TLS redis-server with our CA, and settings errors that name the
// key but never the password.

#include "gw/session/session_cache_factory.hpp"

#include "gw/net/worker_pool.hpp"
#include "gw/session/memory_session_cache.hpp"
#include "gw/session/redis_session_cache.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "redis_server.hpp"
#include <cstdlib>
#include <filesystem>

namespace gw::session {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using Type = SessionCacheSettings::Type;

std::string error_of(const SessionCacheSettings& settings, net::WorkerPool& workers) {
    auto made = make_session_cache(settings, workers);
    EXPECT_FALSE(made);
    return made ? std::string() : made.error().message;
}

// cache.put then cache.get, each on its worker's thread.
Result<std::optional<std::string>> round_trip(SessionCache& cache, net::WorkerPool& workers,
                                              std::size_t put_on, std::size_t get_on) {
    auto stored =
        asio::co_spawn(workers.context(put_on), cache.put(put_on, "k", "v", 60s), asio::use_future)
            .get();
    if (!stored) return stored.error();
    return asio::co_spawn(workers.context(get_on), cache.get(get_on, "k"), asio::use_future).get();
}

TEST(SessionCacheFactoryTest, MemoryByDefault) {
    net::WorkerPool workers(2);
    auto made = make_session_cache({}, workers);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_NE(dynamic_cast<MemorySessionCache*>(made->cache.get()), nullptr);
    EXPECT_TRUE(made->redis_clients.empty());
}

TEST(SessionCacheFactoryTest, MemoryKeepsMaxEntries) {
    net::WorkerPool workers(1);
    auto made = make_session_cache(
        {.type = Type::Memory, .url = {}, .max_entries = 1, .tls_ca_file = {}}, workers);
    ASSERT_TRUE(made) << made.error().message;
    auto& memory = dynamic_cast<MemorySessionCache&>(*made->cache);
    asio::io_context io;
    for (const char* key : {"a", "b"}) {
        auto stored = asio::co_spawn(io, memory.put(0, key, "v", 60s), asio::use_future);
        io.run();
        io.restart();
        ASSERT_TRUE(stored.get());
    }
    EXPECT_EQ(memory.size(), 1u);
}

TEST(SessionCacheFactoryTest, RedisNeedsAUrl) {
    net::WorkerPool workers(1);
    EXPECT_THAT(error_of({.type = Type::Redis, .url = {}, .max_entries = 10000, .tls_ca_file = {}},
                         workers),
                HasSubstr("routing.session_cache: type redis needs a url"));
}

TEST(SessionCacheFactoryTest, BadUrlNamesTheKeyButNotThePassword) {
    net::WorkerPool workers(1);
    const std::string message = error_of({.type = Type::Redis,
                                          .url = "redis://:hunter2@cache:0",
                                          .max_entries = 10000,
                                          .tls_ca_file = {}},
                                         workers);
    EXPECT_THAT(message, HasSubstr("routing.session_cache: invalid Redis URL"));
    EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(SessionCacheFactoryTest, MissingCaFileIsAnError) {
    net::WorkerPool workers(1);
    EXPECT_THAT(error_of({.type = Type::Redis,
                          .url = "rediss://cache:6380",
                          .max_entries = 10000,
                          .tls_ca_file = "/nonexistent/ca.pem"},
                         workers),
                HasSubstr("cannot load CA bundle"));
}

TEST(SessionCacheFactoryTest, RedisHasOneClientPerWorker) {
    auto server = gw::testing::RedisServer::start();
    ASSERT_TRUE(server) << server.error().message;
    net::WorkerPool workers(2);
    auto made = make_session_cache(
        {.type = Type::Redis, .url = (*server)->url(), .max_entries = 10000, .tls_ca_file = {}},
        workers);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->redis_clients.size(), 2u);
    EXPECT_NE(dynamic_cast<RedisSessionCache*>(made->cache.get()), nullptr);
    workers.start();
    auto value = round_trip(*made->cache, workers, 0, 1);
    ASSERT_TRUE(value) << value.error().message;
    EXPECT_EQ(*value, "v");
    workers.stop();
    workers.join();
}

// A self-signed certificate (cert.pem, key.pem) for localhost and 127.0.0.1, made with the
// openssl command line; it is its own CA.
Result<void> make_certificate(const std::filesystem::path& dir) {
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
        " -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
        (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string() + " 2>/dev/null";
    if (std::system(command.c_str()) != 0) {
        return Error::not_found("the openssl command failed (install Debian's `openssl`)");
    }
    return {};
}

// A fresh directory under the system's temporary one, deleted with its contents.
class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "gw-redis-tls-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

class RedisTlsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_FALSE(certificates_.path().empty()) << "cannot create a temporary directory";
        auto made = make_certificate(certificates_.path());
        ASSERT_TRUE(made) << made.error().message;
        tls_port_ = gw::testing::free_loopback_port();
        auto server = gw::testing::RedisServer::start(
            {.password = {},
             .extra_arguments = {"--tls-port", std::to_string(tls_port_), "--tls-cert-file",
                                 ca_file(), "--tls-key-file",
                                 (certificates_.path() / "key.pem").string(), "--tls-auth-clients",
                                 "no"}});
        ASSERT_TRUE(server) << server.error().message;
        server_ = std::move(*server);
    }

    [[nodiscard]] std::string ca_file() const {
        return (certificates_.path() / "cert.pem").string();
    }

    SessionCacheSettings settings(const std::string& host, std::optional<std::string> ca) const {
        return {.type = Type::Redis,
                .url = "rediss://" + host + ":" + std::to_string(tls_port_),
                .max_entries = 10000,
                .tls_ca_file = std::move(ca)};
    }

    TempDir certificates_;
    std::unique_ptr<gw::testing::RedisServer> server_;
    uint16_t tls_port_ = 0;
};

TEST_F(RedisTlsTest, WorksWithTheConfiguredCa) {
    for (const char* host : {"localhost", "127.0.0.1"}) {
        net::WorkerPool workers(1);
        auto made = make_session_cache(settings(host, ca_file()), workers);
        ASSERT_TRUE(made) << made.error().message;
        workers.start();
        auto value = round_trip(*made->cache, workers, 0, 0);
        workers.stop();
        workers.join();
        ASSERT_TRUE(value) << host << ": " << value.error().message;
        EXPECT_EQ(*value, "v");
    }
}

TEST_F(RedisTlsTest, RefusesAServerTheCaDoesNotVouchFor) {
    net::WorkerPool workers(1);
    auto made = make_session_cache(settings("localhost", std::nullopt), workers);
    ASSERT_TRUE(made) << made.error().message;
    workers.start();
    auto value = round_trip(*made->cache, workers, 0, 0);
    workers.stop();
    workers.join();
    ASSERT_FALSE(value);
    EXPECT_THAT(value.error().message, HasSubstr("TLS handshake"));
}

}  // namespace
}  // namespace gw::session
