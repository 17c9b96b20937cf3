#pragma once
// Builds the session cache that `routing.session_cache` asks for.

#include "gw/base/result.hpp"
#include "gw/kv/redis_client.hpp"
#include "gw/session/session_cache.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gw::net {
class WorkerPool;
}

namespace gw::session {

struct SessionCacheSettings {
    enum class Type { Memory, Redis };
    Type type = Type::Memory;
    std::string url;                         // redis only: redis:// or rediss://; never logged
    std::size_t max_entries = 10000;         // memory only; at most 10000
    std::optional<std::string> tls_ca_file;  // rediss only; unset: the system CA store
};

// The cache and, for Redis, the per-worker clients it talks through. Members are destroyed
// bottom-up: the cache before the clients. Destroy the whole after the workers stopped and
// before the WorkerPool (the clients live on its io_contexts).
struct SessionCacheBackend {
    std::vector<std::unique_ptr<kv::RedisClient>> redis_clients;  // one per worker; or empty
    std::unique_ptr<SessionCache> cache;
};

// Memory needs nothing. Redis checks the URL (and loads the CAs for rediss://) but connects
// lazily, on the first command of each worker: a Redis that is down at startup only means
// lookups fail open until it is back.
[[nodiscard]] Result<SessionCacheBackend> make_session_cache(const SessionCacheSettings& settings,
                                                             net::WorkerPool& workers);

}  // namespace gw::session
