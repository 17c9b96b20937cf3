#include "gw/telemetry/histogram.hpp"

#include <algorithm>

namespace gw::telemetry {

std::uint64_t HistogramSnapshot::count() const {
    std::uint64_t total = 0;
    for (std::uint64_t n : buckets) total += n;
    return total;
}

void HistogramSnapshot::add(const HistogramSnapshot& other) {
    if (buckets.empty()) buckets.assign(other.buckets.size(), 0);
    for (std::size_t i = 0; i < buckets.size() && i < other.buckets.size(); ++i) {
        buckets[i] += other.buckets[i];
    }
    sum += other.sum;
}

std::size_t bucket_index(std::span<const double> bounds, double value) {
    return static_cast<std::size_t>(std::lower_bound(bounds.begin(), bounds.end(), value) -
                                    bounds.begin());
}

HistogramCell::HistogramCell(std::span<const double> bounds)
    : bounds_(bounds),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1)) {}

void HistogramCell::observe(double value) {
    bump(buckets_[bucket_index(bounds_, value)]);
    sum_.store(sum_.load(std::memory_order_relaxed) + value, std::memory_order_relaxed);
}

void HistogramCell::add_to(HistogramSnapshot& out) const {
    if (out.buckets.empty()) out.buckets.assign(bounds_.size() + 1, 0);
    for (std::size_t i = 0; i <= bounds_.size() && i < out.buckets.size(); ++i) {
        out.buckets[i] += buckets_[i].load(std::memory_order_relaxed);
    }
    out.sum += sum_.load(std::memory_order_relaxed);
}

}  // namespace gw::telemetry
