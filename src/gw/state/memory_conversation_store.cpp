#include "gw/state/memory_conversation_store.hpp"

namespace gw::state {
namespace {

bool expired(const StoredConversation& conversation, std::chrono::milliseconds ttl,
             WallClock::time_point now) {
    return now - conversation.created_at > ttl;
}

}  // namespace

MemoryConversationStore::MemoryConversationStore(MemoryStoreOptions options)
    : options_(std::move(options)) {}

boost::asio::awaitable<Result<std::optional<StoredConversation>>> MemoryConversationStore::load(
    std::string response_id) {
    Conversation found = find(response_id);
    if (!found) co_return std::optional<StoredConversation>();
    co_return std::optional<StoredConversation>(*found);
}

MemoryConversationStore::Conversation MemoryConversationStore::find(
    const std::string& response_id) {
    std::vector<Conversation> dropped;
    std::lock_guard lock(mutex_);
    auto hit = index_.find(response_id);
    if (hit == index_.end()) return nullptr;
    if (expired(*hit->second->conversation, options_.ttl, options_.now())) {
        erase_locked(hit->second, dropped);
        ++stats_.evicted;
        return nullptr;
    }
    return hit->second->conversation;
}

void MemoryConversationStore::save(std::string response_id, StoredConversation conversation) {
    auto shared = std::make_shared<const StoredConversation>(std::move(conversation));
    std::vector<Conversation> dropped;
    std::lock_guard lock(mutex_);
    if (auto old = index_.find(response_id); old != index_.end()) {
        erase_locked(old->second, dropped);
    }
    by_age_.push_back(Node{std::move(response_id), std::move(shared)});
    index_.emplace(by_age_.back().response_id, std::prev(by_age_.end()));
    ++stats_.saved;
    evict_locked(options_.now(), dropped);
}

void MemoryConversationStore::erase_locked(Position position, std::vector<Conversation>& dropped) {
    index_.erase(position->response_id);
    dropped.push_back(std::move(position->conversation));
    by_age_.erase(position);
}

// Saves arrive in about created_at order, so the expired ones are at the front.
void MemoryConversationStore::evict_locked(WallClock::time_point now,
                                           std::vector<Conversation>& dropped) {
    while (!by_age_.empty() && (by_age_.size() > options_.max_conversations ||
                                expired(*by_age_.front().conversation, options_.ttl, now))) {
        erase_locked(by_age_.begin(), dropped);
        ++stats_.evicted;
    }
}

StoreStats MemoryConversationStore::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::size_t MemoryConversationStore::size() const {
    std::lock_guard lock(mutex_);
    return by_age_.size();
}

}  // namespace gw::state
