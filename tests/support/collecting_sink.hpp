#pragma once
// A span sink that keeps every span in memory, for tests that assert on what the gateway traced.

#include "gw/telemetry/span.hpp"
#include "gw/telemetry/span_sink.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gw::testing {

class CollectingSink final : public telemetry::SpanSink {
  public:
    static constexpr std::chrono::seconds kWaitLimit{30};

    bool submit(telemetry::Span&& span) override {
        std::lock_guard lock(mutex_);
        spans_.push_back(std::move(span));
        changed_.notify_all();
        return true;
    }
    // Waits (bounded) until at least `n` spans arrived; returns all of them.
    std::vector<telemetry::Span> wait_for(std::size_t n) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, kWaitLimit, [&] { return spans_.size() >= n; });
        return spans_;
    }
    // Waits (bounded) until a span of `service` arrived; returns all spans so far.
    std::vector<telemetry::Span> wait_for_service(std::string_view service) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, kWaitLimit, [&] {
            return std::any_of(spans_.begin(), spans_.end(),
                               [&](const telemetry::Span& s) { return s.service_name == service; });
        });
        return spans_;
    }
    // Waits (bounded) until a SERVER span (the request's llm span, exported last) arrived.
    std::vector<telemetry::Span> wait_for_server_span() {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, kWaitLimit, [&] {
            return std::any_of(spans_.begin(), spans_.end(), [](const telemetry::Span& s) {
                return s.kind == telemetry::SpanKind::Server;
            });
        });
        return spans_;
    }
    std::vector<telemetry::Span> spans() {
        std::lock_guard lock(mutex_);
        return spans_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<telemetry::Span> spans_;
};

// The first span of `service`, or null.
inline const telemetry::Span* find_service(const std::vector<telemetry::Span>& spans,
                                           std::string_view service) {
    for (const auto& span : spans) {
        if (span.service_name == service) return &span;
    }
    return nullptr;
}

// The attribute `key` of `span` as text ("<missing>" when absent), for readable assertions.
inline std::string attribute_text(const telemetry::Span& span, std::string_view key) {
    const auto value = span.attributes.find(key);
    if (!value) return "<missing>";
    if (const auto* s = std::get_if<std::string>(&*value)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&*value)) return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&*value)) return *b ? "true" : "false";
    if (const auto* d = std::get_if<double>(&*value)) return std::to_string(*d);
    return "<array>";
}

}  // namespace gw::testing
