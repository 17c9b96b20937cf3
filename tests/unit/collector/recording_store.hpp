#pragma once
// A TraceStore for ingest tests: records every insert, can hold inserts at a gate (to fill the
// ingest queue deterministically) and can be told to fail. Thread-safe: the writer thread inserts
// while the test thread looks.

#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

namespace gw::collector::testing {

class RecordingStore final : public TraceStore {
  public:
    struct State {
        std::mutex mutex;
        std::condition_variable changed;
        bool gate_open = true;
        bool fail = false;
        std::size_t waiting_at_gate = 0;
        std::vector<std::size_t> commits;  // spans per committed insert
        std::size_t retain_calls = 0;
        RetentionPolicy last_policy{};
    };

    explicit RecordingStore(State& state) : state_(state) {}

    Result<void> insert(std::span<const StoredSpan> batch) override {
        std::unique_lock lock(state_.mutex);
        ++state_.waiting_at_gate;
        state_.changed.notify_all();
        state_.changed.wait(lock, [this] { return state_.gate_open; });
        --state_.waiting_at_gate;
        if (state_.fail) return Error::io("disk full");
        state_.commits.push_back(batch.size());
        state_.changed.notify_all();
        return {};
    }
    Result<std::vector<StoredTrace>> query(const TraceQuery&) override {
        return std::vector<StoredTrace>{};
    }
    Result<std::vector<TraceSummary>> list(std::size_t) override {
        return std::vector<TraceSummary>{};
    }
    Result<std::size_t> retain(const RetentionPolicy& policy, telemetry::UnixTime) override {
        std::lock_guard lock(state_.mutex);
        ++state_.retain_calls;
        state_.last_policy = policy;
        state_.changed.notify_all();
        return std::size_t{3};
    }

  private:
    State& state_;
};

// Blocks until `done(state)` holds (bounded by a generous safety limit); returns whether it did.
template <class Predicate>
bool wait_for(RecordingStore::State& state, Predicate done) {
    std::unique_lock lock(state.mutex);
    return state.changed.wait_for(lock, std::chrono::seconds(30), [&] { return done(state); });
}

inline void set_gate(RecordingStore::State& state, bool open) {
    {
        std::lock_guard lock(state.mutex);
        state.gate_open = open;
    }
    state.changed.notify_all();
}

}  // namespace gw::collector::testing
