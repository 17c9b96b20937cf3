#pragma once
// The in-process backend of `state_storage: {type: memory}`: lost on restart and not shared
// between replicas. Unlike the reference's unbounded map it keeps at most max_conversations
// (evicting the oldest save first) and forgets conversations older than the TTL.

#include "gw/state/conversation_store.hpp"

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gw::state {

struct MemoryStoreOptions {
    std::size_t max_conversations = 10000;
    std::chrono::milliseconds ttl{std::chrono::hours(24 * 7)};
    NowFunction now = WallClock::now;  // injectable for tests
};

class MemoryConversationStore final : public ConversationStore {
  public:
    explicit MemoryConversationStore(MemoryStoreOptions options);

    boost::asio::awaitable<Result<std::optional<StoredConversation>>> load(
        std::string response_id) override;
    void save(std::string response_id, StoredConversation conversation) override;
    [[nodiscard]] StoreStats stats() const override;

    [[nodiscard]] std::size_t size() const;

  private:
    // Shared so that the (possibly large) items are copied outside the lock.
    using Conversation = std::shared_ptr<const StoredConversation>;
    struct Node {
        std::string response_id;
        Conversation conversation;
    };
    using Position = std::list<Node>::iterator;

    [[nodiscard]] Conversation find(const std::string& response_id);
    // Moves what leaves the store into `dropped`, so it is freed after the lock is released.
    void erase_locked(Position position, std::vector<Conversation>& dropped);
    void evict_locked(WallClock::time_point now, std::vector<Conversation>& dropped);

    const MemoryStoreOptions options_;
    // Every worker shares the store; each critical section is one lookup, insert or eviction.
    mutable std::mutex mutex_;
    std::list<Node> by_age_;                                // oldest save first; guarded
    std::unordered_map<std::string_view, Position> index_;  // keys view by_age_ ids; guarded
    StoreStats stats_;                                      // guarded by mutex_
};

}  // namespace gw::state
