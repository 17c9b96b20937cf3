#include "gw/collector/ingest_queue.hpp"

#include <gtest/gtest.h>

#include "recording_store.hpp"
#include "sample_spans.hpp"
#include <numeric>
#include <thread>

namespace gw::collector {
namespace {

using testing::RecordingStore;
using testing::set_gate;
using testing::wait_for;

std::vector<StoredSpan> batch_of(std::size_t count, std::uint8_t trace = 1) {
    std::vector<StoredSpan> spans(count);
    for (std::size_t i = 0; i < count; ++i) {
        spans[i].trace_id = testing::trace_id(trace);
        spans[i].span_id = testing::span_id(static_cast<std::uint8_t>(i));
    }
    return spans;
}

std::size_t committed(RecordingStore::State& state) {
    std::lock_guard lock(state.mutex);
    return std::accumulate(state.commits.begin(), state.commits.end(), std::size_t{0});
}

IngestOptions small_queue(std::size_t spans) {
    IngestOptions options;
    options.max_queued_spans = spans;
    return options;
}

TEST(IngestQueue, StoresEveryAcceptedBatch) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    queue.start();
    for (int i = 0; i < 50; ++i) ASSERT_EQ(queue.push(batch_of(3)), Admission::Accepted);
    ASSERT_TRUE(queue.wait_idle());
    EXPECT_EQ(committed(state), 150u);
    EXPECT_EQ(queue.stats().stored_spans, 150u);
    EXPECT_EQ(queue.stats().accepted_batches, 50u);
}

TEST(IngestQueue, RefusesBatchesBeyondTheBoundWhileTheStoreIsSlow) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), small_queue(10));
    set_gate(state, false);
    queue.start();
    ASSERT_EQ(queue.push(batch_of(4)), Admission::Accepted);
    // The writer holds that batch at the gate; the queue itself is empty again.
    ASSERT_TRUE(wait_for(state, [](auto& s) { return s.waiting_at_gate == 1; }));
    EXPECT_EQ(queue.push(batch_of(6)), Admission::Accepted);
    EXPECT_EQ(queue.push(batch_of(4)), Admission::Accepted);
    EXPECT_EQ(queue.push(batch_of(1)), Admission::QueueFull);
    EXPECT_EQ(queue.stats().rejected_batches, 1u);

    set_gate(state, true);
    ASSERT_TRUE(queue.wait_idle());
    EXPECT_EQ(committed(state), 14u);
    EXPECT_EQ(queue.push(batch_of(1)), Admission::Accepted) << "room again once written";
}

TEST(IngestQueue, AcceptsAnOversizedBatchIntoAnEmptyQueue) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), small_queue(10));
    EXPECT_EQ(queue.push(batch_of(25)), Admission::Accepted);
    EXPECT_EQ(queue.push(batch_of(1)), Admission::QueueFull);
    queue.stop();
    EXPECT_EQ(committed(state), 25u);
}

TEST(IngestQueue, CoalescesQueuedBatchesIntoOneCommit) {
    RecordingStore::State state;
    IngestOptions options;
    options.max_spans_per_commit = 10;
    IngestQueue queue(std::make_unique<RecordingStore>(state), options);
    for (int i = 0; i < 6; ++i) ASSERT_EQ(queue.push(batch_of(3)), Admission::Accepted);
    queue.stop();  // never started: stop() writes on this thread
    std::lock_guard lock(state.mutex);
    EXPECT_EQ(state.commits, (std::vector<std::size_t>{9, 9}));
}

TEST(IngestQueue, StopCommitsEverythingQueuedAndThenRefuses) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    set_gate(state, false);
    queue.start();
    for (int i = 0; i < 20; ++i) ASSERT_EQ(queue.push(batch_of(2)), Admission::Accepted);
    std::thread opener([&] {
        wait_for(state, [](auto& s) { return s.waiting_at_gate == 1; });
        set_gate(state, true);
    });
    queue.stop();
    opener.join();
    EXPECT_EQ(committed(state), 40u);
    EXPECT_EQ(queue.push(batch_of(1)), Admission::Closed);
}

TEST(IngestQueue, CountsSpansTheStoreFailedToCommit) {
    RecordingStore::State state;
    state.fail = true;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    queue.start();
    ASSERT_EQ(queue.push(batch_of(5)), Admission::Accepted);
    ASSERT_TRUE(queue.wait_idle());
    EXPECT_EQ(queue.stats().lost_spans, 5u);
    EXPECT_EQ(queue.stats().stored_spans, 0u);
}

TEST(IngestQueue, AppliesRetentionAtStartAndPeriodically) {
    RecordingStore::State state;
    IngestOptions options;
    options.retention = {100, std::chrono::hours(1)};
    options.retention_interval = std::chrono::milliseconds(1);
    IngestQueue queue(std::make_unique<RecordingStore>(state), options);
    queue.start();
    ASSERT_TRUE(wait_for(state, [](auto& s) { return s.retain_calls >= 3; }));
    queue.stop();
    std::lock_guard lock(state.mutex);
    EXPECT_EQ(state.last_policy.max_traces, 100u);
    EXPECT_EQ(state.last_policy.max_age, std::chrono::hours(1));
    EXPECT_GE(queue.stats().retained_traces, 9u);
}

TEST(IngestQueue, SkipsRetentionWithoutLimits) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    queue.start();
    ASSERT_EQ(queue.push(batch_of(1)), Admission::Accepted);
    ASSERT_TRUE(queue.wait_idle());
    queue.stop();
    std::lock_guard lock(state.mutex);
    EXPECT_EQ(state.retain_calls, 0u);
}

}  // namespace
}  // namespace gw::collector
