#pragma once
// The metric cells of one shard, one per label set (say provider and model), created on a label
// set's first use and then found again without allocating. Writes come from the shard's owning
// thread only; a scrape on any other thread reads the published cells concurrently.
//
// Why two structures: the hash index is private to the owner (it rehashes, so nobody else may
// look at it), while readers walk a fixed array of cell pointers that only ever grows at the end.
// The owner fills a slot and then publishes the new length with a release store, so a reader that
// acquires the length sees complete keys and cells, and no lock is needed on either side.

#include <array>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gw::telemetry {

template <std::size_t N>
using LabelValues = std::array<std::string_view, N>;

template <class Cell, std::size_t N>
class LabelSetTable {
  public:
    struct Entry {
        std::array<std::string, N> labels;
        Cell cell;
    };

    // At most `max_label_sets` distinct label sets; later ones share one overflow entry whose
    // labels are all `overflow_value`, so a flood of new values cannot grow memory or the scrape.
    // Cells are default-constructed (and zero).
    LabelSetTable(std::size_t max_label_sets, std::string_view overflow_value)
        : capacity_(max_label_sets + 1),
          overflow_value_(overflow_value),
          slots_(std::make_unique<std::unique_ptr<Entry>[]>(capacity_)) {}
    LabelSetTable(const LabelSetTable&) = delete;
    LabelSetTable& operator=(const LabelSetTable&) = delete;

    // Owning thread only. Allocates only the first time a label set is seen.
    Cell& at(const LabelValues<N>& labels) {
        if (auto found = index_.find(labels); found != index_.end()) return found->second->cell;
        if (published_.load(std::memory_order_relaxed) + 1 < capacity_) return insert(labels);
        LabelValues<N> overflow;
        overflow.fill(overflow_value_);
        if (auto found = index_.find(overflow); found != index_.end()) return found->second->cell;
        return insert(overflow);
    }

    // Any thread: calls `visit(const Entry&)` for every published entry.
    template <class Visit>
    void for_each(Visit&& visit) const {
        std::size_t published = published_.load(std::memory_order_acquire);
        for (std::size_t i = 0; i < published; ++i) visit(*slots_[i]);
    }

  private:
    struct Hash {
        std::size_t operator()(const LabelValues<N>& labels) const {
            std::size_t h = 0;
            for (std::string_view v : labels) {
                h = h * 1099511628211u ^ std::hash<std::string_view>{}(v);
            }
            return h;
        }
    };

    Cell& insert(const LabelValues<N>& labels) {
        std::size_t slot = published_.load(std::memory_order_relaxed);
        auto entry = std::make_unique<Entry>();
        for (std::size_t i = 0; i < N; ++i) entry->labels[i] = std::string(labels[i]);
        Entry* stored = entry.get();
        slots_[slot] = std::move(entry);
        LabelValues<N> key;
        for (std::size_t i = 0; i < N; ++i) key[i] = stored->labels[i];
        index_.emplace(key, stored);
        published_.store(slot + 1, std::memory_order_release);
        return stored->cell;
    }

    const std::size_t capacity_;  // max_label_sets plus the overflow entry
    const std::string overflow_value_;
    std::unique_ptr<std::unique_ptr<Entry>[]> slots_;
    std::atomic<std::size_t> published_{0};
    // Keys view the labels owned by the entries, which never move.
    std::unordered_map<LabelValues<N>, Entry*, Hash> index_;
};

}  // namespace gw::telemetry
