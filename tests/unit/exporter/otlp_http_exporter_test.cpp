#include "gw/exporter/otlp_http_exporter.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "otlp_http_receiver.hpp"
#include "test_spans.hpp"
#include <thread>

namespace gw::exporter {
namespace {

using testing::make_span;
using testing::OtlpHttpReceiver;
using testing::span_ids;
using testing::test_settings;
using Clock = std::chrono::steady_clock;

constexpr auto kShutdownLimit = std::chrono::seconds(30);

std::vector<collector::StoredSpan> accepted_spans(const OtlpHttpReceiver& receiver) {
    std::vector<collector::StoredSpan> all;
    for (auto& e : receiver.exports()) {
        if (e.status / 100 == 2) all.insert(all.end(), e.spans.begin(), e.spans.end());
    }
    return all;
}

TEST(OtlpHttpExporter, DeliversEverySpanAsProtobufToTheTracesPath) {
    OtlpHttpReceiver receiver;
    OtlpHttpExporter exporter(test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint()));
    exporter.start();
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(exporter.submit(make_span(fmt::format("s{}", i))));
    ASSERT_TRUE(receiver.wait_for_accepted(5));
    exporter.shutdown(Clock::now() + kShutdownLimit);

    auto exports = receiver.exports();
    ASSERT_FALSE(exports.empty());
    for (const auto& e : exports) {
        EXPECT_EQ(e.target, "/v1/traces");
        EXPECT_EQ(e.headers.get("content-type"), "application/x-protobuf");
    }
    auto spans = accepted_spans(receiver);
    ASSERT_EQ(spans.size(), 5u);
    EXPECT_EQ(spans[0].service_name, "plano(llm)");
    auto stats = exporter.stats();
    EXPECT_EQ(stats.exported_spans, 5u);
    EXPECT_EQ(stats.dropped_spans, 0u);
    EXPECT_EQ(stats.export_errors, 0u);
    EXPECT_EQ(stats.batches, exports.size());
}

TEST(OtlpHttpExporter, LosesNoSpanFromConcurrentProducers) {
    OtlpHttpReceiver receiver;
    OtlpHttpExporter exporter(test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint()));
    exporter.start();
    constexpr int kThreads = 4;
    constexpr int kPerThread = 250;
    std::vector<std::thread> producers;
    for (int t = 0; t < kThreads; ++t) {
        producers.emplace_back([&exporter, t] {
            for (int i = 0; i < kPerThread; ++i) {
                EXPECT_TRUE(exporter.submit(make_span(fmt::format("t{}-{}", t, i))));
            }
        });
    }
    for (auto& p : producers) p.join();
    ASSERT_TRUE(receiver.wait_for_accepted(kThreads * kPerThread));
    exporter.shutdown(Clock::now() + kShutdownLimit);

    auto spans = accepted_spans(receiver);
    EXPECT_EQ(spans.size(), 1000u);
    EXPECT_EQ(span_ids(spans).size(), 1000u);
    EXPECT_EQ(exporter.stats().exported_spans, 1000u);
    EXPECT_EQ(exporter.stats().dropped_spans, 0u);
}

TEST(OtlpHttpExporter, BatchesRespectTheMaximumSize) {
    OtlpHttpReceiver receiver;
    auto settings = test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint());
    settings.max_batch = 7;
    // Everything is queued before the thread starts, so the first pop sees all 50 at once.
    OtlpHttpExporter exporter(settings);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.start();
    ASSERT_TRUE(receiver.wait_for_accepted(50));
    exporter.shutdown(Clock::now() + kShutdownLimit);

    auto exports = receiver.exports();
    EXPECT_EQ(exports.size(), 8u);  // 7 full batches and one of 1
    for (const auto& e : exports) EXPECT_LE(e.spans.size(), 7u);
    EXPECT_EQ(exporter.stats().batches, 8u);
}

TEST(OtlpHttpExporter, SendsConfiguredHeadersAndEndpointPath) {
    OtlpHttpReceiver receiver;
    auto settings =
        test_settings(ExportProtocol::HttpProtobuf,
                      fmt::format("http://127.0.0.1:{}/otlp/v1/traces", receiver.port()));
    settings.headers.add("x-honeycomb-team", "secret key");
    settings.headers.add("Authorization", "Bearer abc");
    OtlpHttpExporter exporter(settings);
    exporter.start();
    ASSERT_TRUE(exporter.submit(make_span("s")));
    ASSERT_TRUE(receiver.wait_for_accepted(1));
    exporter.shutdown(Clock::now() + kShutdownLimit);

    auto exports = receiver.exports();
    ASSERT_EQ(exports.size(), 1u);
    EXPECT_EQ(exports[0].target, "/otlp/v1/traces");
    EXPECT_EQ(exports[0].headers.get("x-honeycomb-team"), "secret key");
    EXPECT_EQ(exports[0].headers.get("authorization"), "Bearer abc");
}

TEST(OtlpHttpExporter, RetriesUnavailableThenDelivers) {
    OtlpHttpReceiver receiver;
    receiver.script({503, 429, 200});
    OtlpHttpExporter exporter(test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint()));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.start();
    ASSERT_TRUE(receiver.wait_for_accepted(3));
    exporter.shutdown(Clock::now() + kShutdownLimit);

    auto exports = receiver.exports();
    ASSERT_EQ(exports.size(), 3u);
    EXPECT_EQ(span_ids(exports[0].spans), span_ids(exports[2].spans));  // the same batch again
    auto stats = exporter.stats();
    EXPECT_EQ(stats.exported_spans, 3u);
    EXPECT_EQ(stats.export_errors, 2u);
    EXPECT_EQ(stats.dropped_spans, 0u);
    EXPECT_EQ(stats.batches, 1u);
}

TEST(OtlpHttpExporter, DropsABatchTheCollectorRejects) {
    OtlpHttpReceiver receiver;
    receiver.script({400});
    OtlpHttpExporter exporter(test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint()));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.start();
    exporter.shutdown(Clock::now() + kShutdownLimit);

    EXPECT_EQ(receiver.exports().size(), 1u);  // not retried
    auto stats = exporter.stats();
    EXPECT_EQ(stats.exported_spans, 0u);
    EXPECT_EQ(stats.dropped_spans, 3u);
    EXPECT_EQ(stats.export_errors, 1u);
}

TEST(OtlpHttpExporter, GivesUpAfterTheLastAttempt) {
    OtlpHttpReceiver receiver;
    receiver.script({503, 503, 503});
    auto settings = test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint());
    settings.retry.max_attempts = 3;
    OtlpHttpExporter exporter(settings);
    ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.start();
    exporter.shutdown(Clock::now() + kShutdownLimit);

    EXPECT_EQ(receiver.exports().size(), 3u);
    EXPECT_EQ(exporter.stats().dropped_spans, 1u);
    EXPECT_EQ(exporter.stats().export_errors, 3u);
}

// A port nothing listens on: bound once, then released.
std::uint16_t closed_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

TEST(OtlpHttpExporter, DeadCollectorNeverBlocksSubmitAndCountsDrops) {
    auto settings = test_settings(ExportProtocol::HttpProtobuf,
                                  fmt::format("http://127.0.0.1:{}/v1/traces", closed_port()));
    settings.queue_capacity = 8;
    settings.max_batch = 4;
    // After its first failed attempt the thread waits in backoff until shutdown: it takes at
    // most one pop out of the queue.
    settings.retry.initial_backoff = std::chrono::hours(1);
    settings.retry.max_backoff = std::chrono::hours(1);
    settings.export_timeout = std::chrono::hours(2);
    OtlpHttpExporter exporter(settings);
    exporter.start();
    std::size_t refused = 0;
    for (int i = 0; i < 200; ++i) {
        if (!exporter.submit(make_span("s"))) ++refused;
    }
    // The queue holds 8 and the thread has taken at most one pop's worth out of it.
    EXPECT_GE(refused, 200u - 8u - 8u);
    EXPECT_GE(exporter.stats().dropped_spans, refused);
    exporter.shutdown(Clock::now());

    auto stats = exporter.stats();
    EXPECT_EQ(stats.exported_spans, 0u);
    EXPECT_EQ(stats.dropped_spans, 200u);  // every span accounted for
}

TEST(OtlpHttpExporter, ShutdownFlushesWhatIsPending) {
    OtlpHttpReceiver receiver;
    auto settings = test_settings(ExportProtocol::HttpProtobuf, receiver.endpoint());
    settings.schedule_delay = std::chrono::hours(1);  // only shutdown can trigger the export
    OtlpHttpExporter exporter(settings);
    exporter.start();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.shutdown(Clock::now() + kShutdownLimit);

    EXPECT_EQ(receiver.accepted_spans(), 10u);
    EXPECT_EQ(exporter.stats().exported_spans, 10u);
    EXPECT_FALSE(exporter.submit(make_span("late")));
    EXPECT_EQ(exporter.stats().dropped_spans, 1u);
}

TEST(OtlpHttpExporter, ShutdownWithoutStartDropsAndCounts) {
    OtlpHttpExporter exporter(
        test_settings(ExportProtocol::HttpProtobuf, "http://127.0.0.1:9/v1/traces"));
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.shutdown(Clock::now() + kShutdownLimit);
    EXPECT_EQ(exporter.stats().dropped_spans, 4u);
}

}  // namespace
}  // namespace gw::exporter
