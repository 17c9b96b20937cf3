#include "gw/session/session_cache_factory.hpp"

#include "gw/kv/redis_url.hpp"
#include "gw/net/tls_context.hpp"
#include "gw/net/worker_pool.hpp"
#include "gw/session/memory_session_cache.hpp"
#include "gw/session/redis_session_cache.hpp"

namespace gw::session {
namespace {

Error settings_error(const Error& error) {
    return Error{error.kind, "routing.session_cache: " + error.message};
}

Result<SessionCacheBackend> make_redis_cache(const SessionCacheSettings& settings,
                                             net::WorkerPool& workers) {
    if (settings.url.empty()) {
        return Error::invalid("routing.session_cache: type redis needs a url (redis://host:port)");
    }
    auto endpoint = kv::parse_redis_url(settings.url);
    if (!endpoint) return settings_error(endpoint.error());
    kv::RedisClientOptions options;
    options.endpoint = std::move(*endpoint);
    if (options.endpoint.tls) {
        auto tls = net::make_client_tls_context(settings.tls_ca_file);
        if (!tls) return settings_error(tls.error());
        options.tls = std::move(*tls);
    }
    SessionCacheBackend backend;
    std::vector<kv::RedisClient*> per_worker;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        backend.redis_clients.push_back(
            std::make_unique<kv::RedisClient>(workers.context(i), options));
        per_worker.push_back(backend.redis_clients.back().get());
    }
    backend.cache = std::make_unique<RedisSessionCache>(std::move(per_worker));
    return backend;
}

}  // namespace

Result<SessionCacheBackend> make_session_cache(const SessionCacheSettings& settings,
                                               net::WorkerPool& workers) {
    if (settings.type == SessionCacheSettings::Type::Redis) {
        return make_redis_cache(settings, workers);
    }
    SessionCacheBackend backend;
    backend.cache = std::make_unique<MemorySessionCache>(settings.max_entries);
    return backend;
}

}  // namespace gw::session
