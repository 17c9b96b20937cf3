#include "gw/telemetry/span_queue.hpp"

#include <algorithm>
#include <utility>

namespace gw::telemetry {

SpanQueue::SpanQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {
    pending_.reserve(capacity_);
}

bool SpanQueue::try_push(Span span) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (closed_ || pending_.size() >= capacity_) {
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        pending_.push_back(std::move(span));
        enqueued_.fetch_add(1, std::memory_order_relaxed);
        wake = pending_.size() == wake_at_;
    }
    if (wake) ready_.notify_one();
    return true;
}

std::size_t SpanQueue::pop_batch(std::vector<Span>& out, std::size_t batch_size,
                                 Clock::time_point deadline) {
    out.clear();
    // The consumer's buffer becomes the next pending buffer: size it now, outside the lock, so
    // pushes never allocate.
    if (out.capacity() < capacity_) out.reserve(capacity_);
    std::unique_lock lock(mutex_);
    const std::size_t wanted = std::clamp<std::size_t>(batch_size, 1, capacity_);
    wake_at_ = wanted;
    ready_.wait_until(lock, deadline, [&] { return closed_ || pending_.size() >= wanted; });
    wake_at_ = 0;
    pending_.swap(out);
    return out.size();
}

void SpanQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    ready_.notify_all();
}

std::size_t SpanQueue::size() const {
    std::lock_guard lock(mutex_);
    return pending_.size();
}

}  // namespace gw::telemetry
