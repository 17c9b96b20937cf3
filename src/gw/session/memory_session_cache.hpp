#pragma once
// The in-process backend of `routing.session_cache: {type: memory}`: at most `capacity` sessions
// (hard cap 10000, as in the reference), least recently used evicted first, each with its own
// TTL. Expired entries are invisible on read and dropped then; the rest are swept on a write
// at most every five minutes, so an idle gateway keeps no memory it will never read.

#include "gw/session/session_cache.hpp"
#include "gw/session/session_cache_counters.hpp"

#include <functional>
#include <list>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace gw::session {

using SteadyClock = std::chrono::steady_clock;
using NowFunction = std::function<SteadyClock::time_point()>;

class MemorySessionCache final : public SessionCache {
  public:
    static constexpr std::size_t kMaxCapacity = 10000;
    static constexpr std::chrono::seconds kSweepInterval{300};

    // `capacity` is clamped to 1..kMaxCapacity.
    explicit MemorySessionCache(std::size_t capacity, NowFunction now = SteadyClock::now);

    boost::asio::awaitable<Result<std::optional<std::string>>> get(std::size_t worker,
                                                                   std::string key) override;
    boost::asio::awaitable<Result<void>> put(std::size_t worker, std::string key, std::string value,
                                             std::chrono::seconds ttl) override;
    [[nodiscard]] SessionCacheStats stats() const override;

    // Entries held, expired ones not yet dropped included.
    [[nodiscard]] std::size_t size() const;

  private:
    struct Entry {
        std::string key;
        std::string value;
        SteadyClock::time_point expires;
    };
    using Position = std::list<Entry>::iterator;

    [[nodiscard]] std::optional<std::string> lookup(const std::string& key);
    void store(std::string key, std::string value, std::chrono::seconds ttl);
    void erase_locked(Position position);
    void sweep_locked(SteadyClock::time_point now);

    const std::size_t capacity_;
    const NowFunction now_;
    detail::SessionCacheCounters counters_;
    // Every worker shares the cache; each critical section is one lookup or one insert (plus
    // the periodic sweep of at most kMaxCapacity entries).
    mutable std::mutex mutex_;
    std::list<Entry> by_use_;                               // most recently used first; guarded
    std::unordered_map<std::string_view, Position> index_;  // keys view by_use_ keys; guarded
    SteadyClock::time_point next_sweep_;                    // guarded
};

}  // namespace gw::session
