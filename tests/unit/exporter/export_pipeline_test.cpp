#include "gw/exporter/export_pipeline.hpp"

#include <gtest/gtest.h>

#include "test_spans.hpp"
#include <condition_variable>
#include <future>
#include <mutex>

namespace gw::exporter {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

TEST(BackoffDelay, GrowsExponentiallyWithinJitterAndCap) {
    RetryPolicy policy;
    policy.initial_backoff = milliseconds(100);
    policy.max_backoff = milliseconds(1000);
    for (int i = 0; i < 50; ++i) {
        auto first = backoff_delay(policy, 1);
        EXPECT_GE(first, milliseconds(50));
        EXPECT_LE(first, milliseconds(100));
        auto third = backoff_delay(policy, 3);
        EXPECT_GE(third, milliseconds(200));
        EXPECT_LE(third, milliseconds(400));
        auto late = backoff_delay(policy, 40);  // no overflow, capped
        EXPECT_GE(late, milliseconds(500));
        EXPECT_LE(late, milliseconds(1000));
    }
}

// Blocks every send until cancelled: a collector that never answers.
class HangingTransport final : public Transport {
  public:
    SendResult send(std::string_view, Clock::time_point) override {
        std::unique_lock lock(mutex_);
        ++sends_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return cancelled_; });
        return {SendOutcome::Retryable, "cancelled", {}};
    }
    void cancel() override {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        changed_.notify_all();
    }
    void wait_for_send() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return sends_ > 0; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int sends_ = 0;
    bool cancelled_ = false;
};

TEST(ExportPipeline, ShutdownDeadlineCancelsAHangingExportAndDropsTheRest) {
    auto settings = testing::test_settings(ExportProtocol::HttpProtobuf, "http://unused");
    settings.max_batch = 2;
    settings.attempt_timeout = std::chrono::hours(1);
    settings.export_timeout = std::chrono::hours(1);
    std::promise<HangingTransport*> created;
    ExportPipeline pipeline(settings, [&created]() -> Result<std::unique_ptr<Transport>> {
        auto made = std::make_unique<HangingTransport>();
        created.set_value(made.get());
        return std::unique_ptr<Transport>(std::move(made));
    });
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(pipeline.submit(testing::make_span("s")));
    pipeline.start();
    created.get_future().get()->wait_for_send();
    pipeline.shutdown(Clock::now());
    auto stats = pipeline.stats();
    EXPECT_EQ(stats.exported_spans, 0u);
    EXPECT_EQ(stats.dropped_spans, 5u);
    EXPECT_EQ(stats.export_errors, 1u);
}

TEST(ExportPipeline, FailingTransportFactoryDropsEverything) {
    auto settings = testing::test_settings(ExportProtocol::HttpProtobuf, "http://unused");
    ExportPipeline pipeline(settings, []() -> Result<std::unique_ptr<Transport>> {
        return Error::internal("no CA store");
    });
    pipeline.start();
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(pipeline.submit(testing::make_span("s")));
    pipeline.shutdown(Clock::now() + std::chrono::seconds(30));
    EXPECT_EQ(pipeline.stats().dropped_spans, 3u);
}

}  // namespace
}  // namespace gw::exporter
