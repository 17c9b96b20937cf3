#pragma once
// Fixed-bucket histograms for /metrics. A HistogramCell has exactly one writer thread (the worker
// owning its shard) and any number of readers (the scrape), so recording is a handful of relaxed
// loads and stores: no lock, no read-modify-write instruction, no allocation.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace gw::telemetry {

// Upper bounds (`le`) in seconds, strictly increasing; +Inf is implicit.
inline constexpr double kHttpDurationBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                  1,     2.5,  5,     10,   30,  60};
inline constexpr double kUpstreamDurationBuckets[] = {0.05, 0.1, 0.25, 0.5, 1,  2.5,
                                                      5,    10,  20,   30,  60, 120};
inline constexpr double kTimeToFirstTokenBuckets[] = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                      1,    2.5,   5,    10,  30,   60};

// A histogram's counts summed over shards. `buckets[i]` counts observations in
// (bounds[i-1], bounds[i]]; the last entry counts those above every bound. Not cumulative: the
// text renderer accumulates.
struct HistogramSnapshot {
    std::vector<std::uint64_t> buckets;
    double sum = 0;

    [[nodiscard]] std::uint64_t count() const;
    // Adds `other`, which must have the same number of buckets (or this one none yet).
    void add(const HistogramSnapshot& other);
};

// Index of the bucket `value` falls into: the first bound >= value, so a value exactly on a bound
// counts in that bound's `le` bucket; bounds.size() for values above every bound.
[[nodiscard]] std::size_t bucket_index(std::span<const double> bounds, double value);

class HistogramCell {
  public:
    // `bounds` must outlive the cell (the bucket tables above are static).
    explicit HistogramCell(std::span<const double> bounds);

    // Owning thread only.
    void observe(double value);
    // Any thread: adds this cell's current counts to `out`.
    void add_to(HistogramSnapshot& out) const;

    [[nodiscard]] std::span<const double> bounds() const { return bounds_; }

  private:
    std::span<const double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
    std::atomic<double> sum_{0};
};

// Single-writer increment: a relaxed load and store instead of a locked read-modify-write.
// Owning thread only; readers see each value atomically.
inline void bump(std::atomic<std::uint64_t>& cell, std::uint64_t by = 1) {
    cell.store(cell.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

}  // namespace gw::telemetry
