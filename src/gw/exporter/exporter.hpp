#pragma once
// A span sink that ships spans to an OTLP collector from its own background thread. Request
// workers only ever touch its bounded queue, so a dead or slow collector costs them nothing: when
// the queue is full the span is dropped and counted (README §4 point 7).

#include "gw/telemetry/span_sink.hpp"

#include <chrono>
#include <cstdint>

namespace gw::exporter {

// Monotonic counters for /metrics, readable from any thread.
struct ExporterStats {
    std::uint64_t exported_spans = 0;  // acknowledged by the collector
    // Lost spans: refused by a full (or closed) queue, plus spans of batches given up on
    // (rejected by the collector, retries exhausted, shutdown deadline passed).
    std::uint64_t dropped_spans = 0;
    std::uint64_t export_errors = 0;  // failed attempts, retried ones included
    std::uint64_t batches = 0;        // batches the collector acknowledged
    std::uint64_t queued_spans = 0;   // waiting in the queue now (a gauge, not a counter)
};

class Exporter : public telemetry::SpanSink {
  public:
    using Clock = std::chrono::steady_clock;

    // Starts the background thread. Separate from construction because gRPC is not fork-safe
    // (stack.md §1.5): a process that daemonizes builds its exporter, forks, then starts it.
    // Spans submitted before start() wait in the queue.
    virtual void start() = 0;
    // Refuses further spans, exports what is pending until `deadline`, drops (and counts) what
    // is left then, and joins the thread. Idempotent; the destructor calls it with "now".
    virtual void shutdown(Clock::time_point deadline) = 0;
    [[nodiscard]] virtual ExporterStats stats() const = 0;
};

}  // namespace gw::exporter
