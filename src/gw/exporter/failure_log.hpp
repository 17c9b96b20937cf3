#pragma once
// While a collector is down or misconfigured every batch fails the same way. The log shows the
// first failure, then at most one line per interval saying how many were left out, and one line
// when export works again — a dead collector must not flood the gateway's log. Exporter thread
// only.

#include "gw/base/log.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace gw::exporter {

class FailureLog {
  public:
    using Clock = std::chrono::steady_clock;

    explicit FailureLog(Clock::duration interval = std::chrono::seconds(30))
        : interval_(interval) {}

    // Logs `message` at warn level unless a failure was logged less than `interval` ago.
    void failed(const std::string& message, Clock::time_point now = Clock::now());
    // After failures: logs once that export recovered.
    void succeeded();

  private:
    Clock::duration interval_;
    Clock::time_point quiet_until_{};
    std::uint64_t suppressed_ = 0;
    std::uint64_t failures_ = 0;
};

inline void FailureLog::failed(const std::string& message, Clock::time_point now) {
    ++failures_;
    if (failures_ > 1 && now < quiet_until_) {
        ++suppressed_;
        return;
    }
    if (suppressed_ > 0) {
        log::warn("{} ({} similar failures not logged)", message, suppressed_);
    } else {
        log::warn("{}", message);
    }
    suppressed_ = 0;
    quiet_until_ = now + interval_;
}

inline void FailureLog::succeeded() {
    if (failures_ == 0) return;
    log::info("span export recovered after {} failed batch{}", failures_,
              failures_ == 1 ? "" : "es");
    failures_ = 0;
    suppressed_ = 0;
    quiet_until_ = {};
}

}  // namespace gw::exporter
