#include "gw/session/redis_session_cache.hpp"

#include "gw/kv/redis_client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

namespace gw::session {
namespace {

std::string redis_key(std::string_view key) {
    std::string full(RedisSessionCache::kKeyPrefix);
    full.append(key);
    return full;
}

Result<std::optional<std::string>> read_get_reply(Result<kv::RedisReply> reply) {
    if (!reply) return reply.error();
    if (auto* value = std::get_if<std::string>(&reply->value))
        return std::optional<std::string>(std::move(*value));
    if (std::holds_alternative<kv::RedisReply::Nil>(reply->value))
        return std::optional<std::string>();
    if (const auto* refused = std::get_if<kv::RedisReply::ErrorReply>(&reply->value)) {
        return Error::io("Redis GET failed: " + refused->message);
    }
    return Error::protocol("Redis GET answered with neither a string nor nil");
}

Result<void> read_setex_reply(const Result<kv::RedisReply>& reply) {
    if (!reply) return reply.error();
    if (const auto* status = std::get_if<kv::RedisReply::Status>(&reply->value);
        status != nullptr && status->text == "OK") {
        return {};
    }
    if (const auto* refused = std::get_if<kv::RedisReply::ErrorReply>(&reply->value)) {
        return Error::io("Redis SETEX failed: " + refused->message);
    }
    return Error::protocol("Redis SETEX answered with something other than OK");
}

}  // namespace

RedisSessionCache::RedisSessionCache(std::vector<kv::RedisClient*> per_worker)
    : clients_(std::move(per_worker)) {}

boost::asio::awaitable<Result<std::optional<std::string>>> RedisSessionCache::get(
    std::size_t worker, std::string key) {
    auto client = client_for(worker);
    if (!client) {
        counters_.count_error();
        co_return client.error();
    }
    std::vector<std::string> argv{"GET", redis_key(key)};
    Result<kv::RedisReply> reply = co_await (*client)->command(std::move(argv));
    Result<std::optional<std::string>> value = read_get_reply(std::move(reply));
    if (!value) {
        counters_.count_error();
    } else if (value->has_value()) {
        counters_.count_hit();
    } else {
        counters_.count_miss();
    }
    co_return value;
}

boost::asio::awaitable<Result<void>> RedisSessionCache::put(std::size_t worker, std::string key,
                                                            std::string value,
                                                            std::chrono::seconds ttl) {
    auto client = client_for(worker);
    if (!client) {
        counters_.count_store_error();
        co_return client.error();
    }
    const std::chrono::seconds seconds = std::max(ttl, kMinimumTtl);
    std::vector<std::string> argv{"SETEX", redis_key(key), std::to_string(seconds.count()),
                                  std::move(value)};
    Result<kv::RedisReply> reply = co_await (*client)->command(std::move(argv));
    Result<void> stored = read_setex_reply(reply);
    if (stored) {
        counters_.count_store();
    } else {
        counters_.count_store_error();
    }
    co_return stored;
}

SessionCacheStats RedisSessionCache::stats() const { return counters_.snapshot(); }

Result<kv::RedisClient*> RedisSessionCache::client_for(std::size_t worker) const {
    if (worker >= clients_.size() || clients_[worker] == nullptr) {
        return Error::internal(fmt::format("session cache: no Redis client for worker {} of {}",
                                           worker, clients_.size()));
    }
    return clients_[worker];
}

}  // namespace gw::session
