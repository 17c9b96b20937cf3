#pragma once
// Head sampling (README §4.1): parent-based trace-id-ratio. The decision is a pure function of the
// incoming context and the trace id, so every span of a trace, on every replica, agrees.

#include "gw/telemetry/ids.hpp"
#include "gw/telemetry/trace_context.hpp"

#include <cstdint>
#include <optional>

namespace gw::telemetry {

struct SamplingDecision {
    bool record = false;                   // create and export spans for this request
    TraceId trace_id;                      // the incoming trace, or a new one
    std::optional<SpanId> parent_span_id;  // the remote parent, if any
    bool sampled_flag = false;             // the flag to send downstream in traceparent
};

class Sampler {
  public:
    // `random_sampling` in percent: <= 0 (or NaN) never records, >= 100 always, fractions allowed.
    explicit Sampler(double random_sampling);

    // A valid incoming context decides by its sampled flag; otherwise `new_trace_id` starts a
    // trace, sampled by ratio. When disabled nothing is recorded, and an incoming flag passes
    // through unchanged so that downstream services keep the client's decision.
    [[nodiscard]] SamplingDecision decide(const std::optional<TraceContext>& incoming,
                                          const TraceId& new_trace_id) const;
    // Same, drawing the new trace id only when there is no incoming context.
    [[nodiscard]] SamplingDecision decide(const std::optional<TraceContext>& incoming) const;

    // Trace-id-ratio: random_part(id) < ratio * 2^64.
    [[nodiscard]] bool ratio_sampled(const TraceId& id) const;
    [[nodiscard]] bool enabled() const { return enabled_; }

  private:
    bool enabled_ = false;
    bool always_ = false;
    std::uint64_t threshold_ = 0;
};

}  // namespace gw::telemetry
