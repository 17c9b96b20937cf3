#pragma once
// Internal to gw_session: the SessionCacheStats counters, bumped from any worker without a lock.

#include "gw/session/session_cache.hpp"

#include <atomic>

namespace gw::session::detail {

class SessionCacheCounters {
  public:
    void count_hit() { bump(hits_); }
    void count_miss() { bump(misses_); }
    void count_store() { bump(stores_); }
    void count_error() { bump(errors_); }
    void count_store_error() { bump(store_errors_); }

    [[nodiscard]] SessionCacheStats snapshot() const {
        constexpr auto relaxed = std::memory_order_relaxed;
        return {hits_.load(relaxed), misses_.load(relaxed), stores_.load(relaxed),
                errors_.load(relaxed), store_errors_.load(relaxed)};
    }

  private:
    static void bump(std::atomic<uint64_t>& counter) {
        counter.fetch_add(1, std::memory_order_relaxed);
    }

    std::atomic<uint64_t> hits_{0};
    std::atomic<uint64_t> misses_{0};
    std::atomic<uint64_t> stores_{0};
    std::atomic<uint64_t> errors_{0};
    std::atomic<uint64_t> store_errors_{0};
};

}  // namespace gw::session::detail
