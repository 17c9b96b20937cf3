#pragma once
// The Redis backend of `routing.session_cache: {type: redis}`: shared by replicas and kept across
// restarts. Key `plano:affinity:<logical key>`, read with GET and written with SETEX, as the
// reference does, so both can share one Redis. Every worker talks through its own client.

#include "gw/session/session_cache.hpp"
#include "gw/session/session_cache_counters.hpp"

#include <string_view>
#include <vector>

namespace gw::kv {
class RedisClient;
struct RedisReply;
}  // namespace gw::kv

namespace gw::session {

class RedisSessionCache final : public SessionCache {
  public:
    static constexpr std::string_view kKeyPrefix = "plano:affinity:";

    // `per_worker[i]` serves worker i; the clients must outlive the cache.
    explicit RedisSessionCache(std::vector<kv::RedisClient*> per_worker);

    boost::asio::awaitable<Result<std::optional<std::string>>> get(std::size_t worker,
                                                                   std::string key) override;
    boost::asio::awaitable<Result<void>> put(std::size_t worker, std::string key, std::string value,
                                             std::chrono::seconds ttl) override;
    [[nodiscard]] SessionCacheStats stats() const override;

  private:
    [[nodiscard]] Result<kv::RedisClient*> client_for(std::size_t worker) const;

    const std::vector<kv::RedisClient*> clients_;
    detail::SessionCacheCounters counters_;
};

}  // namespace gw::session
