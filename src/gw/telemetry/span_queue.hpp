#pragma once
// Bounded handoff of finished spans from request workers (many producers) to the one exporter
// thread (single consumer). A producer encodes its span to OTLP bytes before taking the lock, so
// what crosses threads is bytes: the Span and its strings die on the thread that made them, and
// the exporter only frames and sends.
//
// Why a mutex and a condition variable rather than a lock-free ring: a producer holds the lock for
// one append of about a kilobyte into a buffer that is kept between batches (tens of
// nanoseconds), and the consumer holds it only to swap that buffer with its own empty one (O(1),
// no per-span work), so a worker can never be stuck behind a whole batch. Producers only notify
// when their push completes the batch the consumer is waiting for, so a waiting exporter is woken
// once per batch, not once per span.

#include "gw/telemetry/encoded_spans.hpp"
#include "gw/telemetry/span.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace gw::telemetry {

class SpanQueue {
  public:
    using Clock = std::chrono::steady_clock;

    explicit SpanQueue(std::size_t capacity);
    SpanQueue(const SpanQueue&) = delete;
    SpanQueue& operator=(const SpanQueue&) = delete;

    // Any thread. Never blocks on the consumer: returns false, counting a drop, when the queue is
    // full or closed (the span is then not queued).
    [[nodiscard]] bool try_push(const Span& span);

    // Consumer thread only. Waits until `batch_size` spans are pending, the queue is closed, or
    // `deadline` passes, then hands the pending spans over in `out` (cleared first; its buffers
    // are recycled for later pushes) and returns how many. Hands over at most `capacity` spans,
    // possibly more than `batch_size`: the exporter splits them, outside the lock. The few spans
    // that arrive between the push completing a batch and the consumer taking the lock stay for
    // the next batch, rather than leaving as an export request of their own; once the queue is
    // closed, everything is handed over.
    std::size_t pop_batch(EncodedSpans& out, std::size_t batch_size, Clock::time_point deadline);

    // Refuses further pushes and wakes the consumer, which then drains what is left (shutdown).
    void close();

    // Counters for /metrics; readable from any thread.
    [[nodiscard]] std::uint64_t enqueued() const {
        return enqueued_.load(std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
    [[nodiscard]] std::size_t capacity() const { return capacity_; }
    // Spans waiting for the exporter right now (takes the lock: for /metrics, not hot paths).
    [[nodiscard]] std::size_t size() const;

  private:
    bool refuse();  // counts a drop

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    EncodedSpans pending_;               // guarded by mutex_
    std::size_t wake_at_ = 0;            // guarded by mutex_; 0 when the consumer is not waiting
    bool closed_ = false;                // guarded by mutex_
    std::atomic<bool> refusing_{false};  // written under mutex_: closed or full
    std::atomic<std::uint64_t> enqueued_{0};
    std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace gw::telemetry
