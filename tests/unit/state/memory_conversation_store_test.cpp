// The memory backend: hit, miss, TTL with an injected clock, the size bound (oldest save first),
// re-saves, and concurrent use from several worker-like threads.

#include "gw/state/memory_conversation_store.hpp"

#include <gtest/gtest.h>

#include "store_test_support.hpp"
#include <thread>
#include <vector>

namespace gw::state {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using testing::conversation;
using testing::load_now;

class FakeClock {
  public:
    [[nodiscard]] NowFunction function() {
        return [this] { return now_; };
    }
    [[nodiscard]] WallClock::time_point now() const { return now_; }
    void advance(WallClock::duration by) { now_ += by; }

  private:
    WallClock::time_point now_ = WallClock::time_point(hours(500'000));
};

class MemoryStoreTest : public ::testing::Test {
  protected:
    MemoryConversationStore make_store(std::size_t max_conversations = 100) {
        return MemoryConversationStore(
            {.max_conversations = max_conversations, .ttl = hours(1), .now = clock_.function()});
    }
    FakeClock clock_;
};

TEST_F(MemoryStoreTest, LoadsWhatWasSaved) {
    MemoryConversationStore store = make_store();
    store.save("resp_1", conversation(R"([{"role":"user","content":"hi"}])", clock_.now()));
    auto loaded = load_now(store, "resp_1");
    ASSERT_TRUE(loaded);
    ASSERT_TRUE(loaded->has_value());
    EXPECT_EQ((*loaded)->items_json, R"([{"role":"user","content":"hi"}])");
    EXPECT_EQ((*loaded)->created_at, clock_.now());
    EXPECT_EQ((*loaded)->model, "claude-sonnet-4");
    EXPECT_EQ((*loaded)->provider, "anthropic/claude-sonnet-4");
    EXPECT_EQ(store.stats().saved, 1u);
}

TEST_F(MemoryStoreTest, UnknownIdIsAbsentNotAnError) {
    MemoryConversationStore store = make_store();
    auto loaded = load_now(store, "resp_unknown");
    ASSERT_TRUE(loaded);
    EXPECT_FALSE(loaded->has_value());
}

TEST_F(MemoryStoreTest, ForgetsConversationsOlderThanTheTtl) {
    MemoryConversationStore store = make_store();
    store.save("resp_1", conversation("[]", clock_.now()));
    clock_.advance(hours(1));
    EXPECT_TRUE(load_now(store, "resp_1")->has_value()) << "exactly the TTL old is still alive";
    clock_.advance(milliseconds(1));
    EXPECT_FALSE(load_now(store, "resp_1")->has_value());
    EXPECT_EQ(store.size(), 0u);
    EXPECT_EQ(store.stats().evicted, 1u);
}

TEST_F(MemoryStoreTest, SavesSweepExpiredConversationsAway) {
    MemoryConversationStore store = make_store();
    store.save("resp_old", conversation("[]", clock_.now()));
    clock_.advance(hours(2));
    store.save("resp_new", conversation("[]", clock_.now()));
    EXPECT_EQ(store.size(), 1u);
    EXPECT_TRUE(load_now(store, "resp_new")->has_value());
}

TEST_F(MemoryStoreTest, KeepsAtMostMaxConversationsDroppingTheOldestSave) {
    MemoryConversationStore store = make_store(3);
    for (int i = 1; i <= 5; ++i) {
        store.save("resp_" + std::to_string(i), conversation("[]", clock_.now()));
    }
    EXPECT_EQ(store.size(), 3u);
    EXPECT_EQ(store.stats().evicted, 2u);
    EXPECT_FALSE(load_now(store, "resp_1")->has_value());
    EXPECT_FALSE(load_now(store, "resp_2")->has_value());
    for (const char* kept : {"resp_3", "resp_4", "resp_5"}) {
        EXPECT_TRUE(load_now(store, kept)->has_value()) << kept;
    }
}

TEST_F(MemoryStoreTest, ResavingReplacesAndMakesTheConversationTheNewest) {
    MemoryConversationStore store = make_store(2);
    store.save("resp_a", conversation(R"(["first"])", clock_.now()));
    store.save("resp_b", conversation("[]", clock_.now()));
    store.save("resp_a", conversation(R"(["second"])", clock_.now()));
    store.save("resp_c", conversation("[]", clock_.now()));
    EXPECT_FALSE(load_now(store, "resp_b")->has_value()) << "b became the oldest save";
    auto a = load_now(store, "resp_a");
    ASSERT_TRUE(a && a->has_value());
    EXPECT_EQ((*a)->items_json, R"(["second"])");
}

TEST_F(MemoryStoreTest, WorkersShareTheStoreSafely) {
    constexpr std::size_t kThreads = 4;
    constexpr std::size_t kSavesPerThread = 300;
    constexpr std::size_t kTotal = kThreads * kSavesPerThread;
    // Half fits, so saves on one thread evict those of the others while they load.
    MemoryConversationStore store = make_store(kTotal / 2);
    std::vector<std::thread> workers;
    std::vector<std::size_t> wrong_answers(kThreads, 0);
    for (std::size_t t = 0; t < kThreads; ++t) {
        workers.emplace_back([&store, &wrong_answers, t, this] {
            for (std::size_t i = 0; i < kSavesPerThread; ++i) {
                const std::string id = "resp_" + std::to_string(t) + "_" + std::to_string(i);
                const std::string items = "[\"" + id + "\"]";
                store.save(id, conversation(items, clock_.now()));
                auto loaded = load_now(store, id);
                // Evicted already (a preempted thread) is fine; someone else's items are not.
                if (!loaded || (loaded->has_value() && (*loaded)->items_json != items)) {
                    ++wrong_answers[t];
                }
            }
        });
    }
    for (std::thread& worker : workers) worker.join();
    EXPECT_EQ(wrong_answers, std::vector<std::size_t>(kThreads, 0));
    EXPECT_EQ(store.size(), kTotal / 2);
    EXPECT_EQ(store.stats().saved, kTotal);
    EXPECT_EQ(store.stats().evicted, kTotal / 2);
}

}  // namespace
}  // namespace gw::state
