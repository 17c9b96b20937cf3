// The memory backend with a fake clock: hits and misses, per-entry TTL, the one-second floor,
// overwrites, LRU eviction at capacity, the capacity cap, the periodic sweep, and concurrent use
// from several worker-like threads.

#include "gw/session/memory_session_cache.hpp"

#include <gtest/gtest.h>

#include "run_task.hpp"
#include <thread>
#include <vector>

namespace gw::session {
namespace {

using namespace std::chrono_literals;
using gw::testing::run_task;

class FakeClock {
  public:
    [[nodiscard]] NowFunction function() {
        return [this] { return now_; };
    }
    void advance(SteadyClock::duration by) { now_ += by; }

  private:
    SteadyClock::time_point now_ = SteadyClock::time_point(std::chrono::hours(1000));
};

class MemorySessionCacheTest : public ::testing::Test {
  protected:
    MemorySessionCache make_cache(std::size_t capacity = 100) {
        return MemorySessionCache(capacity, clock_.function());
    }
    std::optional<std::string> get(MemorySessionCache& cache, std::string key) {
        auto value = run_task(io_, cache.get(0, std::move(key)));
        EXPECT_TRUE(value);
        return value ? *value : std::nullopt;
    }
    void put(MemorySessionCache& cache, std::string key, std::string value,
             std::chrono::seconds ttl = 300s) {
        EXPECT_TRUE(run_task(io_, cache.put(0, std::move(key), std::move(value), ttl)));
    }

    FakeClock clock_;
    boost::asio::io_context io_;
};

TEST_F(MemorySessionCacheTest, ReturnsWhatWasStored) {
    MemorySessionCache cache = make_cache();
    put(cache, "tenant:s1", R"({"anchor_model":"openai/gpt-4o"})");
    EXPECT_EQ(get(cache, "tenant:s1"), R"({"anchor_model":"openai/gpt-4o"})");
    const SessionCacheStats stats = cache.stats();
    EXPECT_EQ(stats.stores, 1u);
    EXPECT_EQ(stats.hits, 1u);
    EXPECT_EQ(stats.misses, 0u);
}

TEST_F(MemorySessionCacheTest, UnknownKeyIsAMiss) {
    MemorySessionCache cache = make_cache();
    EXPECT_EQ(get(cache, "nobody"), std::nullopt);
    EXPECT_EQ(cache.stats().misses, 1u);
    EXPECT_EQ(cache.stats().errors, 0u);
}

TEST_F(MemorySessionCacheTest, EntryExpiresAfterItsTtl) {
    MemorySessionCache cache = make_cache();
    put(cache, "short", "a", 10s);
    put(cache, "long", "b", 60s);
    clock_.advance(9s);
    EXPECT_EQ(get(cache, "short"), "a");
    clock_.advance(1s);
    EXPECT_EQ(get(cache, "short"), std::nullopt);
    EXPECT_EQ(get(cache, "long"), "b");
    EXPECT_EQ(cache.size(), 1u);  // the expired entry went on that read
}

TEST_F(MemorySessionCacheTest, TtlBelowOneSecondIsOneSecond) {
    MemorySessionCache cache = make_cache();
    put(cache, "k", "v", 0s);
    EXPECT_EQ(get(cache, "k"), "v");
    clock_.advance(1s);
    EXPECT_EQ(get(cache, "k"), std::nullopt);
}

TEST_F(MemorySessionCacheTest, PutReplacesValueAndTtl) {
    MemorySessionCache cache = make_cache();
    put(cache, "k", "old", 10s);
    clock_.advance(8s);
    put(cache, "k", "new", 10s);
    clock_.advance(8s);
    EXPECT_EQ(get(cache, "k"), "new");
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(cache.stats().stores, 2u);
}

TEST_F(MemorySessionCacheTest, EvictsTheLeastRecentlyUsedAtCapacity) {
    MemorySessionCache cache = make_cache(2);
    put(cache, "a", "1");
    put(cache, "b", "2");
    EXPECT_EQ(get(cache, "a"), "1");  // b is now the least recently used
    put(cache, "c", "3");
    EXPECT_EQ(get(cache, "b"), std::nullopt);
    EXPECT_EQ(get(cache, "a"), "1");
    EXPECT_EQ(get(cache, "c"), "3");
}

TEST_F(MemorySessionCacheTest, OverwriteCountsAsUse) {
    MemorySessionCache cache = make_cache(2);
    put(cache, "a", "1");
    put(cache, "b", "2");
    put(cache, "a", "1b");
    put(cache, "c", "3");
    EXPECT_EQ(get(cache, "a"), "1b");
    EXPECT_EQ(get(cache, "b"), std::nullopt);
}

TEST_F(MemorySessionCacheTest, CapacityIsCappedAtTenThousand) {
    MemorySessionCache cache = make_cache(50000);
    for (std::size_t i = 0; i <= MemorySessionCache::kMaxCapacity; ++i) {
        put(cache, "s" + std::to_string(i), "v");
    }
    EXPECT_EQ(cache.size(), MemorySessionCache::kMaxCapacity);
    EXPECT_EQ(get(cache, "s0"), std::nullopt);
}

TEST_F(MemorySessionCacheTest, ZeroCapacityStillHoldsOneEntry) {
    MemorySessionCache cache = make_cache(0);
    put(cache, "a", "1");
    EXPECT_EQ(get(cache, "a"), "1");
    put(cache, "b", "2");
    EXPECT_EQ(cache.size(), 1u);
}

TEST_F(MemorySessionCacheTest, SweepDropsExpiredEntriesNobodyReads) {
    MemorySessionCache cache = make_cache();
    for (int i = 0; i < 5; ++i) put(cache, "old" + std::to_string(i), "v", 10s);
    put(cache, "kept", "v", 3600s);
    clock_.advance(60s);
    put(cache, "early", "v", 3600s);  // before the sweep interval: nothing swept yet
    EXPECT_EQ(cache.size(), 7u);
    clock_.advance(MemorySessionCache::kSweepInterval);
    put(cache, "late", "v");
    EXPECT_EQ(cache.size(), 3u);  // kept, early, late
}

TEST_F(MemorySessionCacheTest, WorkersShareItSafely) {
    MemorySessionCache cache(1000);
    constexpr int kThreads = 4;
    constexpr int kRounds = 500;
    std::vector<std::thread> workers;
    for (int w = 0; w < kThreads; ++w) {
        workers.emplace_back([&cache, w] {
            boost::asio::io_context io;
            for (int i = 0; i < kRounds; ++i) {
                const std::string key = "s" + std::to_string(i % 50);
                ASSERT_TRUE(run_task(io, cache.put(static_cast<std::size_t>(w), key, "v", 60s)));
                ASSERT_TRUE(run_task(io, cache.get(static_cast<std::size_t>(w), key)));
            }
        });
    }
    for (auto& worker : workers) worker.join();
    const SessionCacheStats stats = cache.stats();
    EXPECT_EQ(stats.stores, std::uint64_t{kThreads * kRounds});
    EXPECT_EQ(stats.hits + stats.misses, std::uint64_t{kThreads * kRounds});
    EXPECT_EQ(cache.size(), 50u);
}

}  // namespace
}  // namespace gw::session
