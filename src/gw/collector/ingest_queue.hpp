#pragma once
// The hand-off between the OTLP receivers (gRPC threads, HTTP workers) and the trace store: a
// bounded queue of decoded batches and the one writer thread that owns the TraceStore. Receivers
// never wait on SQLite: a full queue refuses the batch at once (the client retries later), so a
// slow disk turns into 503/UNAVAILABLE instead of a pile-up of blocked handler threads.

#include "gw/collector/stored_span.hpp"
#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace gw::collector {

struct IngestOptions {
    // Spans waiting for the writer, over all queued batches. A batch that does not fit is
    // refused, except into an empty queue (so one large export is never refused forever).
    std::size_t max_queued_spans = 200'000;
    // The writer commits up to this many spans per transaction (several batches coalesced).
    std::size_t max_spans_per_commit = 8192;
    RetentionPolicy retention{};
    std::chrono::milliseconds retention_interval{std::chrono::seconds(30)};
};

enum class Admission { Accepted, QueueFull, Closed };

// Monotonic counters, readable from any thread.
struct IngestStats {
    std::uint64_t accepted_batches = 0;
    std::uint64_t rejected_batches = 0;  // refused because the queue was full
    std::uint64_t stored_spans = 0;      // committed (de-duplicated spans included)
    std::uint64_t lost_spans = 0;        // accepted, but the store failed to commit them
    std::uint64_t retained_traces = 0;   // removed by retention
};

class IngestQueue {
  public:
    IngestQueue(std::unique_ptr<TraceStore> store, IngestOptions options);
    // Calls stop().
    ~IngestQueue();
    IngestQueue(const IngestQueue&) = delete;
    IngestQueue& operator=(const IngestQueue&) = delete;

    // Starts the writer thread, which applies retention right away and then every
    // retention_interval. Batches pushed before start() wait in the queue.
    void start();
    // Thread-safe and never blocks on the store.
    [[nodiscard]] Admission push(std::vector<StoredSpan> batch);
    // Refuses further batches, lets the writer commit everything queued, and joins it.
    // Idempotent. Without start(), queued batches are committed on the calling thread.
    void stop();
    // Waits until every batch pushed so far was committed (or lost); needs start(). For tests.
    // Returns false when `limit` passed first.
    [[nodiscard]] bool wait_idle(std::chrono::milliseconds limit = std::chrono::seconds(30));

    [[nodiscard]] IngestStats stats() const;

  private:
    void run();
    void write(std::vector<StoredSpan>& spans);
    void apply_retention();
    // Moves queued batches (up to max_spans_per_commit spans, at least one batch) into `out`.
    // Requires mutex_.
    void take_locked(std::vector<StoredSpan>& out);

    std::unique_ptr<TraceStore> store_;  // touched only by the writer (or by stop() when unstarted)
    const IngestOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable wake_writer_;
    std::condition_variable idle_;
    std::deque<std::vector<StoredSpan>> queue_;  // guarded by mutex_
    std::size_t queued_spans_ = 0;               // guarded by mutex_
    std::size_t in_flight_ = 0;                  // guarded by mutex_: taken, not yet committed
    bool closed_ = false;                        // guarded by mutex_
    IngestStats stats_;                          // guarded by mutex_
    std::thread writer_;
};

}  // namespace gw::collector
