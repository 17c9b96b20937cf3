#pragma once
// Counters of routing decisions for GET /metrics (dataplane.md §5.12, with our plano_ prefix):
// how requests were routed and why, router skips, session switch verdicts and session cache
// events. Routing decisions are rare next to requests and each costs a router call, so one
// mutex is plenty; plain traffic without preferences or sessions records nothing here.

#include "gw/session/session_cache.hpp"
#include "gw/telemetry/prometheus_text.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace gw::proxy {

class RoutingMetrics {
  public:
    // `reason`: routing.selection_reason; `selected`: route.selected_model.
    void on_decision(std::string_view reason, std::string_view selected);
    // A warm session's verdict: decision allowed|retained, reason as decide_session gives it.
    void on_switch(std::string_view decision, std::string_view reason);

    // Any thread. `cache` (may be null) adds plano_session_cache_events_total.
    void render(telemetry::PrometheusText& out, const session::SessionCache* cache) const;

  private:
    using Key = std::pair<std::string, std::string>;
    mutable std::mutex mutex_;
    std::map<Key, uint64_t> decisions_;
    std::map<Key, uint64_t> switches_;
};

}  // namespace gw::proxy
