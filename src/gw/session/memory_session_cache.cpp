#include "gw/session/memory_session_cache.hpp"

#include <algorithm>

namespace gw::session {

MemorySessionCache::MemorySessionCache(std::size_t capacity, NowFunction now)
    : capacity_(std::clamp<std::size_t>(capacity, 1, kMaxCapacity)),
      now_(std::move(now)),
      next_sweep_(now_() + kSweepInterval) {}

boost::asio::awaitable<Result<std::optional<std::string>>> MemorySessionCache::get(
    std::size_t /*worker*/, std::string key) {
    co_return lookup(key);
}

boost::asio::awaitable<Result<void>> MemorySessionCache::put(std::size_t /*worker*/,
                                                             std::string key, std::string value,
                                                             std::chrono::seconds ttl) {
    store(std::move(key), std::move(value), ttl);
    co_return Result<void>{};
}

std::optional<std::string> MemorySessionCache::lookup(const std::string& key) {
    const auto now = now_();
    std::lock_guard lock(mutex_);
    auto hit = index_.find(key);
    if (hit == index_.end() || now >= hit->second->expires) {
        if (hit != index_.end()) erase_locked(hit->second);
        counters_.count_miss();
        return std::nullopt;
    }
    by_use_.splice(by_use_.begin(), by_use_, hit->second);
    counters_.count_hit();
    return hit->second->value;
}

void MemorySessionCache::store(std::string key, std::string value, std::chrono::seconds ttl) {
    const auto now = now_();
    const auto expires = now + std::max(ttl, kMinimumTtl);
    std::lock_guard lock(mutex_);
    sweep_locked(now);
    if (auto old = index_.find(key); old != index_.end()) {
        old->second->value = std::move(value);
        old->second->expires = expires;
        by_use_.splice(by_use_.begin(), by_use_, old->second);
    } else {
        by_use_.push_front(Entry{std::move(key), std::move(value), expires});
        index_.emplace(by_use_.front().key, by_use_.begin());
        if (by_use_.size() > capacity_) erase_locked(std::prev(by_use_.end()));
    }
    counters_.count_store();
}

void MemorySessionCache::erase_locked(Position position) {
    index_.erase(position->key);
    by_use_.erase(position);
}

void MemorySessionCache::sweep_locked(SteadyClock::time_point now) {
    if (now < next_sweep_) return;
    next_sweep_ = now + kSweepInterval;
    for (auto it = by_use_.begin(); it != by_use_.end();) {
        const auto entry = it++;
        if (now >= entry->expires) erase_locked(entry);
    }
}

SessionCacheStats MemorySessionCache::stats() const { return counters_.snapshot(); }

std::size_t MemorySessionCache::size() const {
    std::lock_guard lock(mutex_);
    return by_use_.size();
}

}  // namespace gw::session
