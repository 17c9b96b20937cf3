#pragma once
// Session affinity cache (agents.md §4.2): which model a session is bound to, as an opaque value
// (the SessionBinding JSON) under the session's logical key, for a TTL. Implementations:
// in-process memory (MemorySessionCache) and Redis (RedisSessionCache).

#include "gw/base/result.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gw::session {

// SETEX takes whole seconds and refuses 0: a shorter TTL is raised to this in every backend.
inline constexpr std::chrono::seconds kMinimumTtl{1};

// Monotonic counters since the cache was made, for /metrics
// (brightstaff_session_cache_events_total{outcome=hit|miss|store|error|store_error}).
struct SessionCacheStats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t stores = 0;
    uint64_t errors = 0;        // lookups the backend could not answer
    uint64_t store_errors = 0;  // writes the backend refused or never acknowledged
};

// Thread-safe: shared by every worker. `worker` is the index of the calling worker (its
// io_context), which backends with per-worker connections use; call from a coroutine on it.
class SessionCache {
  public:
    virtual ~SessionCache() = default;

    // nullopt: absent or expired. An error means the backend could not answer (callers fail
    // open: route without stickiness).
    virtual boost::asio::awaitable<Result<std::optional<std::string>>> get(std::size_t worker,
                                                                           std::string key) = 0;
    // Stores `value` for `ttl` (at least kMinimumTtl), replacing what the key held.
    virtual boost::asio::awaitable<Result<void>> put(std::size_t worker, std::string key,
                                                     std::string value,
                                                     std::chrono::seconds ttl) = 0;
    [[nodiscard]] virtual SessionCacheStats stats() const = 0;
};

}  // namespace gw::session
