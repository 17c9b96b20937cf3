#include "gw/collector/otlp_grpc_receiver.hpp"

#include "gw/collector/otlp_ingest.hpp"

#include <fmt/format.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include <algorithm>
#include <limits>
#include <string_view>
#include <vector>

namespace gw::collector {
namespace {

constexpr std::string_view kExportMethod =
    "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

std::string listen_address(const std::string& host, std::uint16_t port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return ipv6 ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

std::string flatten(const grpc::ByteBuffer& buffer) {
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (!buffer.Dump(&slices).ok()) return bytes;
    bytes.reserve(buffer.Length());
    for (const grpc::Slice& slice : slices) {
        bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
    return bytes;
}

grpc::Status to_grpc_status(const IngestOutcome& outcome) {
    switch (outcome.status) {
        case IngestStatus::Stored:
            return grpc::Status::OK;
        case IngestStatus::Invalid:
            return {grpc::StatusCode::INVALID_ARGUMENT, outcome.message};
        case IngestStatus::Unavailable:
            break;
    }
    return {grpc::StatusCode::UNAVAILABLE, outcome.message};
}

// One Export call: read the single request message, ingest it, answer. Runs on gRPC's threads;
// ingest_export never blocks, so neither does this.
class ExportReactor final : public grpc::ServerGenericBidiReactor {
  public:
    ExportReactor(IngestQueue& queue, grpc::GenericCallbackServerContext* context) : queue_(queue) {
        if (context->method() != kExportMethod) {
            Finish({grpc::StatusCode::UNIMPLEMENTED,
                    fmt::format("unknown method {}; this collector serves {}", context->method(),
                                kExportMethod)});
            return;
        }
        StartRead(&request_);
    }

    void OnReadDone(bool ok) override {
        if (!ok) {
            Finish({grpc::StatusCode::INVALID_ARGUMENT, "the call carried no request message"});
            return;
        }
        grpc::Status status =
            to_grpc_status(ingest_export(flatten(request_), PayloadFormat::Protobuf, queue_));
        if (!status.ok()) {
            Finish(status);
            return;
        }
        // An empty ExportTraceServiceResponse is zero bytes on the wire.
        StartWriteAndFinish(&response_, grpc::WriteOptions(), status);
    }

    void OnDone() override { delete this; }

  private:
    IngestQueue& queue_;
    grpc::ByteBuffer request_;
    grpc::ByteBuffer response_{nullptr, 0};
};

class ExportService final : public grpc::CallbackGenericService {
  public:
    explicit ExportService(IngestQueue& queue) : queue_(queue) {}

    grpc::ServerGenericBidiReactor* CreateReactor(
        grpc::GenericCallbackServerContext* context) override {
        return new ExportReactor(queue_, context);
    }

  private:
    IngestQueue& queue_;
};

}  // namespace

struct OtlpGrpcReceiver::Impl {
    explicit Impl(IngestQueue& queue) : service(queue) {}

    ExportService service;
    std::unique_ptr<grpc::Server> server;
    int port = 0;
    bool shut_down = false;
};

OtlpGrpcReceiver::OtlpGrpcReceiver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OtlpGrpcReceiver::~OtlpGrpcReceiver() {
    shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

Result<std::unique_ptr<OtlpGrpcReceiver>> OtlpGrpcReceiver::start(
    const GrpcReceiverOptions& options, IngestQueue& queue) {
    auto impl = std::make_unique<Impl>(queue);
    grpc::ServerBuilder builder;
    std::string address = listen_address(options.host, options.port);
    builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &impl->port);
    // gRPC turns SO_REUSEPORT on by default, which would let two collectors share a port.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetMaxReceiveMessageSize(static_cast<int>(
        std::min<std::size_t>(options.max_message_bytes, std::numeric_limits<int>::max())));
    builder.RegisterCallbackGenericService(&impl->service);
    impl->server = builder.BuildAndStart();
    if (!impl->server || impl->port == 0) {
        return Error::io(
            fmt::format("cannot serve OTLP/gRPC on {} (port taken or address not "
                        "local?)",
                        address));
    }
    return std::unique_ptr<OtlpGrpcReceiver>(new OtlpGrpcReceiver(std::move(impl)));
}

std::uint16_t OtlpGrpcReceiver::port() const { return static_cast<std::uint16_t>(impl_->port); }

void OtlpGrpcReceiver::shutdown(std::chrono::system_clock::time_point deadline) {
    if (impl_->shut_down) return;
    impl_->shut_down = true;
    impl_->server->Shutdown(deadline);
    impl_->server->Wait();
}

}  // namespace gw::collector
