#include "gw/telemetry/span_queue.hpp"

#include "gw/telemetry/otlp_encode.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace gw::telemetry {
namespace {

// Past a batch, a remainder up to this share of a batch is carried over. It is copied under the
// lock, so only a small one; a larger one (the exporter fell behind) is a fair batch already.
constexpr std::size_t kCarriedShareOfBatch = 8;

}  // namespace

SpanQueue::SpanQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

bool SpanQueue::try_push(const Span& span) {
    // While the exporter cannot keep up (a dead collector), refuse before spending the encoding;
    // the check under the lock below is the one that counts.
    if (refusing_.load(std::memory_order_relaxed)) return refuse();
    const std::string_view field = encode_span_field(span);
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (closed_ || pending_.size() >= capacity_) return refuse();
        pending_.append_encoded(span.service_name, field);
        enqueued_.fetch_add(1, std::memory_order_relaxed);
        wake = pending_.size() == wake_at_;
        if (pending_.size() >= capacity_) refusing_.store(true, std::memory_order_relaxed);
    }
    if (wake) ready_.notify_one();
    return true;
}

std::size_t SpanQueue::pop_batch(EncodedSpans& out, std::size_t batch_size,
                                 Clock::time_point deadline) {
    // The consumer's buffer becomes the next pending buffer; it keeps the capacity it grew to.
    out.clear();
    std::unique_lock lock(mutex_);
    const std::size_t wanted = std::clamp<std::size_t>(batch_size, 1, capacity_);
    wake_at_ = wanted;
    ready_.wait_until(lock, deadline, [&] { return closed_ || pending_.size() >= wanted; });
    wake_at_ = 0;
    std::swap(pending_, out);
    const std::size_t remainder = out.size() % wanted;
    if (!closed_ && out.size() > wanted && remainder <= wanted / kCarriedShareOfBatch) {
        out.move_tail_to(out.size() - remainder, pending_);
    }
    refusing_.store(closed_, std::memory_order_relaxed);
    return out.size();
}

bool SpanQueue::refuse() {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
}

void SpanQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        refusing_.store(true, std::memory_order_relaxed);
    }
    ready_.notify_all();
}

std::size_t SpanQueue::size() const {
    std::lock_guard lock(mutex_);
    return pending_.size();
}

}  // namespace gw::telemetry
