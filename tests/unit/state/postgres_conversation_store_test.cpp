// The PostgreSQL backend (and its libpq wrapper) against a real, throwaway server: table
// creation, load/save, upsert, TTL on read and purge, a server restart, a server that stays
// down, statement timeouts, and connect errors that never show the password.

#include "gw/state/postgres_conversation_store.hpp"

#include "gw/state/pg_connection.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "postgres_server.hpp"
#include "store_test_support.hpp"
#include <thread>

namespace gw::state {
namespace {

using namespace std::chrono_literals;
using testing::conversation;
using ::testing::HasSubstr;
using testing::load_now;
using testing::LoadResult;
using ::testing::Not;

// Saves are asynchronous, but the store works in call order: a load right after a save sees it.
//
// jsonb normalises JSON (key order, spaces); these items read back the same after minifying
// because their keys already come in jsonb's order (shorter keys first).
constexpr std::string_view kItems = R"([{"role": "user", "content": "hi"}])";

WallClock::time_point whole_seconds(WallClock::time_point at) {
    return std::chrono::time_point_cast<std::chrono::seconds>(at);
}

class PostgresStoreTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto started = gw::testing::PostgresServer::start();
        if (started) {
            server_ = std::move(*started).release();
        } else {
            start_error_ = new std::string(started.error().message);
        }
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
        delete start_error_;
        start_error_ = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(server_, nullptr) << "cannot start PostgreSQL: " << *start_error_;
        ASSERT_TRUE(sql("DROP TABLE IF EXISTS conversation_states"));
    }

    PostgresStoreOptions options() const {
        return {.connection_string = server_->connection_string(), .ttl = 1h, .timeout = 5s};
    }

    std::unique_ptr<PostgresConversationStore> connect(PostgresStoreOptions opts) {
        auto store = PostgresConversationStore::connect(std::move(opts));
        EXPECT_TRUE(store) << store.error().message;
        return store ? std::move(*store) : nullptr;
    }

    // A statement on a connection of the test's own.
    static Result<pg::QueryResult> sql(const char* statement) {
        auto connection = pg::Connection::open(server_->connection_string(), 5s);
        if (!connection) return connection.error();
        return connection->exec(statement);
    }

    static std::string row_count() {
        auto rows = sql("SELECT count(*) FROM conversation_states");
        return rows ? std::string(rows->text(0, 0)) : rows.error().message;
    }

    static gw::testing::PostgresServer* server_;
    static std::string* start_error_;
};

gw::testing::PostgresServer* PostgresStoreTest::server_ = nullptr;
std::string* PostgresStoreTest::start_error_ = nullptr;

TEST_F(PostgresStoreTest, CreatesTheReferenceTableWhenMissing) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    auto columns =
        sql("SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position)"
            " FROM information_schema.columns WHERE table_name = 'conversation_states'");
    ASSERT_TRUE(columns) << columns.error().message;
    EXPECT_EQ(columns->text(0, 0),
              "response_id:text,input_items:jsonb,created_at:bigint,model:text,provider:text,"
              "updated_at:timestamp without time zone");
}

TEST_F(PostgresStoreTest, LoadsWhatWasSaved) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    const auto created = whole_seconds(WallClock::now());
    store->save("resp_1", conversation(std::string(kItems), created));
    auto loaded = load_now(*store, "resp_1");
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_TRUE(loaded->has_value());
    EXPECT_EQ((*loaded)->items_json, kItems);
    EXPECT_EQ((*loaded)->created_at, created);
    EXPECT_EQ((*loaded)->model, "claude-sonnet-4");
    EXPECT_EQ((*loaded)->provider, "anthropic/claude-sonnet-4");
    EXPECT_EQ(store->stats().saved, 1u);
}

TEST_F(PostgresStoreTest, UnknownIdIsAbsentNotAnError) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    auto loaded = load_now(*store, "resp_unknown");
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_FALSE(loaded->has_value());
}

TEST_F(PostgresStoreTest, ResavingReplacesTheConversation) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    store->save("resp_1", conversation(R"(["first"])", WallClock::now()));
    store->save("resp_1", conversation(R"(["second"])", WallClock::now(), "m2", "p/m2"));
    auto loaded = load_now(*store, "resp_1");
    ASSERT_TRUE(loaded && loaded->has_value());
    EXPECT_EQ((*loaded)->items_json, R"(["second"])");
    EXPECT_EQ((*loaded)->model, "m2");
    EXPECT_EQ(row_count(), "1");
}

TEST_F(PostgresStoreTest, ExpiredConversationsAreAbsentAndPurged) {
    PostgresStoreOptions opts = options();
    opts.purge_interval = 0ms;  // purge after every save
    auto store = connect(std::move(opts));
    ASSERT_NE(store, nullptr);
    store->save("resp_old", conversation("[]", WallClock::now() - 2h));
    EXPECT_FALSE(load_now(*store, "resp_old")->has_value());
    store->save("resp_new", conversation("[]", WallClock::now()));
    EXPECT_TRUE(load_now(*store, "resp_new")->has_value());
    EXPECT_EQ(row_count(), "1");
    EXPECT_GE(store->stats().evicted, 1u);
}

TEST_F(PostgresStoreTest, KeepsWorkingAcrossAServerRestart) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    store->save("resp_1", conversation(std::string(kItems), WallClock::now()));
    ASSERT_TRUE(load_now(*store, "resp_1")->has_value());
    ASSERT_TRUE(server_->restart());
    // The store's connection died with the old server; the first job notices and reconnects.
    auto loaded = load_now(*store, "resp_1");
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(loaded->has_value());
    store->save("resp_2", conversation("[]", WallClock::now()));
    EXPECT_TRUE(load_now(*store, "resp_2")->has_value());
    EXPECT_EQ(store->stats().save_failures, 0u);
}

TEST_F(PostgresStoreTest, ServerDownFailsFastThenRecovers) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(server_->stop());
    auto loaded = load_now(*store, "resp_1");
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().kind, Error::Kind::Io);
    store->save("resp_lost", conversation("[]", WallClock::now()));
    EXPECT_FALSE(load_now(*store, "resp_lost")) << "still down";
    EXPECT_EQ(store->stats().save_failures, 1u);
    EXPECT_GE(store->stats().load_failures, 2u);
    ASSERT_TRUE(server_->restart());
    // Between connect attempts (1 s apart) jobs fail fast; then the store reconnects.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    LoadResult recovered = load_now(*store, "resp_1");
    while (!recovered && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        recovered = load_now(*store, "resp_1");
    }
    ASSERT_TRUE(recovered) << recovered.error().message;
    EXPECT_FALSE(recovered->has_value());
}

TEST_F(PostgresStoreTest, ManyWorkersLoadAtOnce) {
    auto store = connect(options());
    ASSERT_NE(store, nullptr);
    store->save("resp_shared", conversation(std::string(kItems), WallClock::now()));
    ASSERT_TRUE(load_now(*store, "resp_shared")->has_value());
    std::vector<std::thread> workers;
    std::atomic<int> hits{0};
    for (int t = 0; t < 4; ++t) {
        workers.emplace_back([&store, &hits] {
            for (int i = 0; i < 25; ++i) {
                auto loaded = load_now(*store, "resp_shared");
                if (loaded && loaded->has_value()) ++hits;
            }
        });
    }
    for (std::thread& worker : workers) worker.join();
    EXPECT_EQ(hits.load(), 100);
}

TEST_F(PostgresStoreTest, ConnectionTimeoutBoundsEveryStatement) {
    auto connection = pg::Connection::open(server_->connection_string(), 200ms);
    ASSERT_TRUE(connection) << connection.error().message;
    auto slow = connection->exec("SELECT pg_sleep(5)");
    ASSERT_FALSE(slow);
    EXPECT_EQ(slow.error().kind, Error::Kind::Timeout) << slow.error().message;
    EXPECT_FALSE(connection->broken()) << "a cancelled statement keeps the connection";
}

TEST_F(PostgresStoreTest, ConnectErrorsNameTheProblemButNotThePassword) {
    const std::string unreachable = "host=127.0.0.1 port=1 user=gw password=hunter2 dbname=x";
    auto refused = PostgresConversationStore::connect({.connection_string = unreachable});
    ASSERT_FALSE(refused);
    EXPECT_THAT(refused.error().message, HasSubstr("cannot connect to PostgreSQL"));
    EXPECT_THAT(refused.error().message, Not(HasSubstr("hunter2")));
    auto malformed =
        PostgresConversationStore::connect({.connection_string = "postgresql://gw:hunter2@[::1/x"});
    ASSERT_FALSE(malformed);
    EXPECT_THAT(malformed.error().message, HasSubstr("not a valid PostgreSQL connection string"));
    EXPECT_THAT(malformed.error().message, Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace gw::state
