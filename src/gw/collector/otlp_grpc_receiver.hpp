#pragma once
// OTLP/gRPC receiver: a grpc::CallbackGenericService answering the unary method
// /opentelemetry.proto.collector.trace.v1.TraceService/Export with raw bytes (our own decoder,
// no generated code): OK + an empty ExportTraceServiceResponse, INVALID_ARGUMENT for a malformed
// request, UNAVAILABLE (retryable) when the ingest queue is full, UNIMPLEMENTED for any other
// method. SO_REUSEPORT is off, so a second collector cannot bind the same port (stack.md §1.5).
// gRPC is not fork-safe: create receivers only after any daemonizing fork.

#include "gw/base/result.hpp"
#include "gw/collector/ingest_queue.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace gw::collector {

struct GrpcReceiverOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: any free port
    std::size_t max_message_bytes = 32u * 1024 * 1024;
};

class OtlpGrpcReceiver {
  public:
    // Binds and starts serving; the receiver borrows `queue`, which must outlive it.
    [[nodiscard]] static Result<std::unique_ptr<OtlpGrpcReceiver>> start(
        const GrpcReceiverOptions& options, IngestQueue& queue);

    // Calls shutdown() with a short deadline.
    ~OtlpGrpcReceiver();
    OtlpGrpcReceiver(const OtlpGrpcReceiver&) = delete;
    OtlpGrpcReceiver& operator=(const OtlpGrpcReceiver&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    // Stops accepting calls, lets calls in progress finish until `deadline`, cancels the rest,
    // and frees the port. Idempotent.
    void shutdown(std::chrono::system_clock::time_point deadline);

  private:
    struct Impl;
    explicit OtlpGrpcReceiver(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::collector
