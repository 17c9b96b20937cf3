#include "gw/exporter/otlp_grpc_exporter.hpp"

#include "gw/collector/otlp_decode.hpp"

#include <fmt/format.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include "otlp_http_receiver.hpp"
#include "test_spans.hpp"
#include <condition_variable>
#include <deque>
#include <mutex>

namespace gw::exporter {
namespace {

using Clock = std::chrono::steady_clock;
using testing::make_span;
using testing::span_ids;
using testing::test_settings;

struct GrpcExport {
    std::string method;
    std::string api_key;  // the x-api-key metadata
    grpc::StatusCode answered = grpc::StatusCode::OK;
    std::vector<collector::StoredSpan> spans;
};

// An in-process OTLP/gRPC collector: a CallbackGenericService that takes every unary call's
// request bytes, decodes them and answers with a scripted status (OK once the script is used up)
// and an empty ExportTraceServiceResponse.
class GrpcReceiver final : public grpc::CallbackGenericService {
  public:
    GrpcReceiver() {
        grpc::ServerBuilder builder;
        builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
        builder.RegisterCallbackGenericService(this);
        server_ = builder.BuildAndStart();
        EXPECT_NE(port_, 0);
    }
    ~GrpcReceiver() override {
        server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    }

    [[nodiscard]] std::string endpoint() const { return fmt::format("http://127.0.0.1:{}", port_); }
    void script(std::deque<grpc::StatusCode> codes) {
        std::lock_guard lock(mutex_);
        script_ = std::move(codes);
    }
    bool wait_for_accepted(std::size_t count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, testing::kWaitLimit, [&] { return accepted_ >= count; });
    }
    std::vector<GrpcExport> exports() {
        std::lock_guard lock(mutex_);
        return exports_;
    }

  private:
    class Reactor final : public grpc::ServerGenericBidiReactor {
      public:
        Reactor(GrpcReceiver& owner, grpc::GenericCallbackServerContext* context)
            : owner_(owner), context_(context) {
            StartRead(&request_);
        }
        void OnReadDone(bool ok) override {
            if (!ok) {
                Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
                return;
            }
            grpc::StatusCode code = owner_.record(context_, request_);
            if (code == grpc::StatusCode::OK) {
                StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
            } else {
                Finish(grpc::Status(code, "scripted failure"));
            }
        }
        void OnDone() override { delete this; }

      private:
        GrpcReceiver& owner_;
        grpc::GenericCallbackServerContext* context_;
        grpc::ByteBuffer request_;
        grpc::ByteBuffer response_{grpc::ByteBuffer(nullptr, 0)};
    };

    grpc::ServerGenericBidiReactor* CreateReactor(
        grpc::GenericCallbackServerContext* context) override {
        return new Reactor(*this, context);
    }

    grpc::StatusCode record(grpc::GenericCallbackServerContext* context,
                            const grpc::ByteBuffer& request) {
        std::vector<grpc::Slice> slices;
        EXPECT_TRUE(request.Dump(&slices).ok());
        std::string bytes;
        for (const auto& slice : slices) {
            bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
        }
        GrpcExport received;
        received.method = context->method();
        auto key = context->client_metadata().find("x-api-key");
        if (key != context->client_metadata().end()) {
            received.api_key.assign(key->second.data(), key->second.size());
        }
        auto spans = collector::decode_export_request(bytes);
        EXPECT_TRUE(spans.has_value());
        if (spans) received.spans = std::move(*spans);
        std::lock_guard lock(mutex_);
        if (!script_.empty()) {
            received.answered = script_.front();
            script_.pop_front();
        }
        if (received.answered == grpc::StatusCode::OK) accepted_ += received.spans.size();
        exports_.push_back(received);
        changed_.notify_all();
        return received.answered;
    }

    int port_ = 0;
    std::unique_ptr<grpc::Server> server_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<grpc::StatusCode> script_;
    std::vector<GrpcExport> exports_;
    std::size_t accepted_ = 0;
};

TEST(OtlpGrpcExporter, DeliversEverySpanToTheTraceServiceExportMethod) {
    GrpcReceiver receiver;
    auto settings = test_settings(ExportProtocol::Grpc, receiver.endpoint());
    settings.headers.add("X-Api-Key", "secret");
    settings.max_batch = 16;
    OtlpGrpcExporter exporter(settings);
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(exporter.submit(make_span(fmt::format("s{}", i))));
    exporter.start();
    ASSERT_TRUE(receiver.wait_for_accepted(40));
    exporter.shutdown(Clock::now() + std::chrono::seconds(30));

    auto exports = receiver.exports();
    ASSERT_EQ(exports.size(), 3u);  // 16 + 16 + 8
    std::vector<collector::StoredSpan> all;
    for (const auto& e : exports) {
        EXPECT_EQ(e.method, kOtlpGrpcExportMethod);
        EXPECT_EQ(e.api_key, "secret");
        EXPECT_LE(e.spans.size(), 16u);
        all.insert(all.end(), e.spans.begin(), e.spans.end());
    }
    EXPECT_EQ(span_ids(all).size(), 40u);
    auto stats = exporter.stats();
    EXPECT_EQ(stats.exported_spans, 40u);
    EXPECT_EQ(stats.batches, 3u);
    EXPECT_EQ(stats.dropped_spans, 0u);
}

TEST(OtlpGrpcExporter, RetriesUnavailableAndResourceExhausted) {
    GrpcReceiver receiver;
    receiver.script({grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::RESOURCE_EXHAUSTED});
    OtlpGrpcExporter exporter(test_settings(ExportProtocol::Grpc, receiver.endpoint()));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.start();
    ASSERT_TRUE(receiver.wait_for_accepted(3));
    exporter.shutdown(Clock::now() + std::chrono::seconds(30));

    EXPECT_EQ(receiver.exports().size(), 3u);
    auto stats = exporter.stats();
    EXPECT_EQ(stats.exported_spans, 3u);
    EXPECT_EQ(stats.export_errors, 2u);
}

TEST(OtlpGrpcExporter, DropsABatchOnANonRetryableStatus) {
    GrpcReceiver receiver;
    receiver.script({grpc::StatusCode::INVALID_ARGUMENT});
    OtlpGrpcExporter exporter(test_settings(ExportProtocol::Grpc, receiver.endpoint()));
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(exporter.submit(make_span("s")));
    exporter.start();
    exporter.shutdown(Clock::now() + std::chrono::seconds(30));

    EXPECT_EQ(receiver.exports().size(), 1u);
    EXPECT_EQ(exporter.stats().dropped_spans, 2u);
    EXPECT_EQ(exporter.stats().exported_spans, 0u);
}

TEST(OtlpGrpcExporter, DeadCollectorCountsDropsAndShutsDownAtTheDeadline) {
    std::string endpoint;
    {
        GrpcReceiver gone;  // its port is free again once it is destroyed
        endpoint = gone.endpoint();
    }
    auto settings = test_settings(ExportProtocol::Grpc, endpoint);
    settings.queue_capacity = 4;
    settings.retry.initial_backoff = std::chrono::hours(1);
    settings.retry.max_backoff = std::chrono::hours(1);
    settings.export_timeout = std::chrono::hours(2);
    OtlpGrpcExporter exporter(settings);
    exporter.start();
    for (int i = 0; i < 50; ++i) (void)exporter.submit(make_span("s"));
    exporter.shutdown(Clock::now());
    EXPECT_EQ(exporter.stats().dropped_spans, 50u);
    EXPECT_EQ(exporter.stats().exported_spans, 0u);
}

}  // namespace
}  // namespace gw::exporter
