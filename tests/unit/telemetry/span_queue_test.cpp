// The span handoff queue: bound, drops, batching, close, and exact accounting under threads.
// What it hands over is encoded; the names are read back with libprotobuf.

#include "gw/telemetry/span_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <opentelemetry/proto/collector/trace/v1/trace_service.pb.h>
#include <string>
#include <thread>
#include <vector>

namespace gw::telemetry {
namespace {

Span named(std::string name) {
    Span s;
    s.trace_id = TraceId::random();
    s.span_id = SpanId::random();
    s.service_name = "plano(llm)";
    s.name = std::move(name);
    return s;
}

// The span names of `spans`, in request order.
std::vector<std::string> names(const EncodedSpans& spans) {
    std::string bytes;
    spans.write_request(0, spans.size(), bytes);
    opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest request;
    EXPECT_TRUE(request.ParseFromString(bytes));
    std::vector<std::string> out;
    for (const auto& resource : request.resource_spans()) {
        for (const auto& scope : resource.scope_spans()) {
            for (const auto& span : scope.spans()) out.push_back(span.name());
        }
    }
    return out;
}

// A deadline that has already passed: pop_batch then takes what is there without waiting.
SpanQueue::Clock::time_point now() { return SpanQueue::Clock::now(); }

TEST(SpanQueue, FullQueueDropsAndCounts) {
    SpanQueue q(2);
    EXPECT_TRUE(q.try_push(named("a")));
    EXPECT_TRUE(q.try_push(named("b")));
    EXPECT_FALSE(q.try_push(named("c")));
    EXPECT_EQ(q.enqueued(), 2u);
    EXPECT_EQ(q.dropped(), 1u);
}

TEST(SpanQueue, FullQueueTakesSpansAgainOnceDrained) {
    SpanQueue q(2);
    ASSERT_TRUE(q.try_push(named("a")));
    ASSERT_TRUE(q.try_push(named("b")));
    EXPECT_FALSE(q.try_push(named("refused")));
    EXPECT_FALSE(q.try_push(named("refused too")));
    EncodedSpans out;
    EXPECT_EQ(q.pop_batch(out, 2, now()), 2u);
    EXPECT_TRUE(q.try_push(named("c")));
    EXPECT_EQ(q.pop_batch(out, 1, now()), 1u);
    EXPECT_EQ(names(out), (std::vector<std::string>{"c"}));
    EXPECT_EQ(q.dropped(), 2u);
}

TEST(SpanQueue, PopHandsOverThePendingSpansInOrder) {
    SpanQueue q(8);
    for (const char* n : {"a", "b", "c"}) ASSERT_TRUE(q.try_push(named(n)));
    EXPECT_EQ(q.size(), 3u);
    EncodedSpans out;
    out.append(named("stale"));
    EXPECT_EQ(q.pop_batch(out, 4, now()), 3u);
    EXPECT_EQ(q.size(), 0u);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(names(out), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(q.pop_batch(out, 2, now()), 0u);
    EXPECT_EQ(out.size(), 0u);
    EXPECT_TRUE(names(out).empty());
    EXPECT_TRUE(q.try_push(named("d")));  // room again after the pop
}

TEST(SpanQueue, AFewSpansPastABatchWaitForTheNextOne) {
    SpanQueue q(64);
    for (int i = 0; i < 17; ++i) ASSERT_TRUE(q.try_push(named("s" + std::to_string(i))));
    EncodedSpans out;
    EXPECT_EQ(q.pop_batch(out, 8, now()), 16u);
    EXPECT_EQ(names(out).back(), "s15");
    EXPECT_EQ(q.size(), 1u);
    ASSERT_TRUE(q.try_push(named("s17")));
    EXPECT_EQ(q.pop_batch(out, 8, now()), 2u);  // the deadline passed: a partial batch
    EXPECT_EQ(names(out), (std::vector<std::string>{"s16", "s17"}));
}

TEST(SpanQueue, ALargerRemainderIsHandedOverWithTheBatch) {
    SpanQueue q(64);
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(q.try_push(named("s")));
    EncodedSpans out;
    EXPECT_EQ(q.pop_batch(out, 8, now()), 12u);
    EXPECT_EQ(q.size(), 0u);
}

TEST(SpanQueue, AClosedQueueHandsOverEverything) {
    SpanQueue q(64);
    for (int i = 0; i < 9; ++i) ASSERT_TRUE(q.try_push(named("s")));
    q.close();
    EncodedSpans out;
    EXPECT_EQ(q.pop_batch(out, 8, now()), 9u);
}

TEST(SpanQueue, PopReturnsAtTheDeadlineWithAPartialBatch) {
    SpanQueue q(8);
    ASSERT_TRUE(q.try_push(named("a")));
    EncodedSpans out;
    EXPECT_EQ(q.pop_batch(out, 4, now() + std::chrono::milliseconds(1)), 1u);
}

TEST(SpanQueue, ConsumerWakesWhenTheBatchIsComplete) {
    SpanQueue q(16);
    EncodedSpans out;
    std::thread producer([&] {
        for (int i = 0; i < 4; ++i) EXPECT_TRUE(q.try_push(named("s")));
    });
    // The deadline is never reached: the fourth push completes the batch and wakes us.
    const auto deadline = now() + std::chrono::seconds(30);
    EXPECT_EQ(q.pop_batch(out, 4, deadline), 4u);
    EXPECT_LT(now(), deadline);
    producer.join();
}

TEST(SpanQueue, CloseWakesTheConsumerAndRefusesPushes) {
    SpanQueue q(4);
    ASSERT_TRUE(q.try_push(named("a")));
    std::thread closer([&] { q.close(); });
    EncodedSpans out;
    EXPECT_EQ(q.pop_batch(out, 4, now() + std::chrono::seconds(30)), 1u);
    closer.join();
    EXPECT_FALSE(q.try_push(named("late")));
    EXPECT_EQ(q.dropped(), 1u);
}

TEST(SpanQueue, ConcurrentProducersAccountForEverySpan) {
    constexpr int kProducers = 4;
    constexpr int kPerProducer = 20000;
    SpanQueue q(64);
    std::atomic<int> refused{0};
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p) {
        producers.emplace_back([&] {
            for (int i = 0; i < kPerProducer; ++i) {
                if (!q.try_push(named("s"))) refused.fetch_add(1);
            }
        });
    }
    std::atomic<bool> done{false};
    std::uint64_t popped = 0;
    std::thread consumer([&] {
        EncodedSpans out;
        while (!done.load()) popped += q.pop_batch(out, 32, now() + std::chrono::milliseconds(1));
        popped += q.pop_batch(out, 1, now());  // whatever the last producer left behind
    });
    for (auto& t : producers) t.join();
    done.store(true);
    consumer.join();

    const std::uint64_t pushed = std::uint64_t{kProducers} * kPerProducer;
    EXPECT_EQ(q.enqueued() + q.dropped(), pushed);
    EXPECT_EQ(q.dropped(), static_cast<std::uint64_t>(refused.load()));
    EXPECT_EQ(popped, q.enqueued());
}

}  // namespace
}  // namespace gw::telemetry
