#pragma once
// OTLP/gRPC exporter: each batch is one unary call to
// /opentelemetry.proto.collector.trace.v1.TraceService/Export made through grpc::GenericStub
// with the bytes our own encoder produced (no generated stubs, no libprotobuf). Insecure channel
// for http:// endpoints, TLS with the default roots for https://; the configured headers go out
// as metadata (keys lowercased, as gRPC requires). UNAVAILABLE, RESOURCE_EXHAUSTED,
// DEADLINE_EXCEEDED and ABORTED are retried with backoff; other failures drop the batch. The
// channel is created on the exporter thread, i.e. only after start() (gRPC is not fork-safe).

#include "gw/exporter/export_pipeline.hpp"
#include "gw/exporter/exporter.hpp"
#include "gw/exporter/exporter_config.hpp"

#include <string_view>

namespace gw::exporter {

inline constexpr std::string_view kOtlpGrpcExportMethod =
    "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

class OtlpGrpcExporter final : public Exporter {
  public:
    explicit OtlpGrpcExporter(const ExporterSettings& settings);

    bool submit(telemetry::Span&& span) override { return pipeline_.submit(std::move(span)); }
    void start() override { pipeline_.start(); }
    void shutdown(Clock::time_point deadline) override { pipeline_.shutdown(deadline); }
    [[nodiscard]] ExporterStats stats() const override { return pipeline_.stats(); }

  private:
    ExportPipeline pipeline_;
};

}  // namespace gw::exporter
