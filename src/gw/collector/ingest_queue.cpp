#include "gw/collector/ingest_queue.hpp"

#include "gw/base/log.hpp"

#include <iterator>
#include <utility>

namespace gw::collector {

IngestQueue::IngestQueue(std::unique_ptr<TraceStore> store, IngestOptions options)
    : store_(std::move(store)), options_(options) {}

IngestQueue::~IngestQueue() { stop(); }

void IngestQueue::start() {
    writer_ = std::thread([this] { run(); });
}

Admission IngestQueue::push(std::vector<StoredSpan> batch) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return Admission::Closed;
        bool fits = queued_spans_ + batch.size() <= options_.max_queued_spans;
        if (!fits && !queue_.empty()) {
            ++stats_.rejected_batches;
            return Admission::QueueFull;
        }
        queued_spans_ += batch.size();
        ++stats_.accepted_batches;
        queue_.push_back(std::move(batch));
    }
    wake_writer_.notify_one();
    return Admission::Accepted;
}

void IngestQueue::stop() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    wake_writer_.notify_one();
    if (writer_.joinable()) {
        writer_.join();
        return;
    }
    // Never started: commit on this thread, so stop() means "everything accepted is stored".
    std::vector<StoredSpan> spans;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (queue_.empty()) break;
            take_locked(spans);
        }
        write(spans);
    }
}

bool IngestQueue::wait_idle(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, limit, [this] { return queue_.empty() && in_flight_ == 0; });
}

IngestStats IngestQueue::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void IngestQueue::take_locked(std::vector<StoredSpan>& out) {
    out.clear();
    do {
        std::vector<StoredSpan>& batch = queue_.front();
        queued_spans_ -= batch.size();
        out.insert(out.end(), std::make_move_iterator(batch.begin()),
                   std::make_move_iterator(batch.end()));
        queue_.pop_front();
        ++in_flight_;
    } while (!queue_.empty() &&
             out.size() + queue_.front().size() <= options_.max_spans_per_commit);
}

void IngestQueue::run() {
    using Clock = std::chrono::steady_clock;
    apply_retention();
    Clock::time_point next_retention = Clock::now() + options_.retention_interval;
    std::vector<StoredSpan> spans;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_writer_.wait_until(lock, next_retention,
                                    [this] { return closed_ || !queue_.empty(); });
            if (queue_.empty() && closed_) return;
            if (!queue_.empty()) take_locked(spans);
        }
        if (!spans.empty()) write(spans);
        if (Clock::now() >= next_retention) {
            apply_retention();
            next_retention = Clock::now() + options_.retention_interval;
        }
    }
}

void IngestQueue::write(std::vector<StoredSpan>& spans) {
    Result<void> stored = store_->insert(spans);
    if (!stored) log::error("trace store: {} spans lost: {}", spans.size(), stored.error().message);
    {
        std::lock_guard lock(mutex_);
        (stored ? stats_.stored_spans : stats_.lost_spans) += spans.size();
        in_flight_ = 0;
    }
    spans.clear();
    idle_.notify_all();
}

void IngestQueue::apply_retention() {
    if (options_.retention.max_traces == 0 && options_.retention.max_age.count() == 0) return;
    Result<std::size_t> removed = store_->retain(options_.retention, telemetry::unix_now());
    if (!removed) {
        log::error("trace store: retention failed: {}", removed.error().message);
        return;
    }
    std::lock_guard lock(mutex_);
    stats_.retained_traces += *removed;
}

}  // namespace gw::collector
