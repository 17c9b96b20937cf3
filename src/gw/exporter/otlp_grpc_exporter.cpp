#include "gw/exporter/otlp_grpc_exporter.hpp"

#include "gw/exporter/endpoint.hpp"

#include <fmt/format.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>
#include <grpcpp/support/status.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace gw::exporter {
namespace {

bool retryable_code(grpc::StatusCode code) {
    return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
           code == grpc::StatusCode::DEADLINE_EXCEEDED || code == grpc::StatusCode::ABORTED;
}

// gRPC deadlines are wall-clock.
std::chrono::system_clock::time_point to_system(Transport::Clock::time_point deadline) {
    return std::chrono::system_clock::now() +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(deadline -
                                                                           Transport::Clock::now());
}

class GrpcTransport final : public Transport {
  public:
    GrpcTransport(const Endpoint& endpoint, const Headers& headers)
        : channel_(grpc::CreateChannel(endpoint.authority(),
                                       endpoint.tls
                                           ? grpc::SslCredentials(grpc::SslCredentialsOptions())
                                           : grpc::InsecureChannelCredentials())),
          stub_(channel_),
          target_(endpoint.authority()) {
        for (const auto& [name, value] : headers.fields())
            metadata_.emplace_back(to_lower(name), value);
    }

    SendResult send(std::string_view body, Clock::time_point deadline) override {
        grpc::ClientContext context;
        context.set_deadline(to_system(deadline));
        for (const auto& [name, value] : metadata_) context.AddMetadata(name, value);
        grpc::Slice slice(body.data(), body.size());
        grpc::ByteBuffer request(&slice, 1);
        grpc::ByteBuffer response;
        {
            std::lock_guard lock(mutex_);
            if (cancelled_) return {SendOutcome::Retryable, "cancelled at shutdown", {}};
            current_ = &context;
            done_ = false;
        }
        stub_.UnaryCall(&context, std::string(kOtlpGrpcExportMethod), grpc::StubOptions(), &request,
                        &response, [this](grpc::Status status) {
                            std::lock_guard lock(mutex_);
                            status_ = std::move(status);
                            done_ = true;
                            finished_.notify_all();
                        });
        grpc::Status status;
        {
            // The call always completes: by the collector's answer, the deadline, or TryCancel.
            std::unique_lock lock(mutex_);
            finished_.wait(lock, [this] { return done_; });
            current_ = nullptr;
            status = status_;
        }
        if (status.ok()) return {};
        SendResult result;
        result.outcome =
            retryable_code(status.error_code()) ? SendOutcome::Retryable : SendOutcome::Rejected;
        result.detail =
            fmt::format("gRPC status {} from {}: {}", static_cast<int>(status.error_code()),
                        target_, status.error_message());
        return result;
    }

    void cancel() override {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        if (current_) current_->TryCancel();
    }

  private:
    std::shared_ptr<grpc::Channel> channel_;
    grpc::GenericStub stub_;
    std::string target_;
    std::vector<std::pair<std::string, std::string>> metadata_;

    std::mutex mutex_;
    std::condition_variable finished_;
    grpc::ClientContext* current_ = nullptr;  // guarded by mutex_
    grpc::Status status_;                     // guarded by mutex_
    bool done_ = false;                       // guarded by mutex_
    bool cancelled_ = false;                  // guarded by mutex_
};

}  // namespace

OtlpGrpcExporter::OtlpGrpcExporter(const ExporterSettings& settings)
    : ExportPipeline(settings, [settings]() -> Result<std::unique_ptr<Transport>> {
          auto endpoint = parse_endpoint(settings.endpoint);
          if (!endpoint) return endpoint.error();
          return std::unique_ptr<Transport>(
              std::make_unique<GrpcTransport>(*endpoint, settings.headers));
      }) {}

}  // namespace gw::exporter
