#pragma once
// OTLP/gRPC exporter: each batch is one unary call to
// /opentelemetry.proto.collector.trace.v1.TraceService/Export made through grpc::GenericStub
// with the bytes our own encoder produced (no generated stubs, no libprotobuf). Insecure channel
// for http:// endpoints, TLS with the default roots for https://; the configured headers go out
// as metadata (keys lowercased, as gRPC requires). UNAVAILABLE, RESOURCE_EXHAUSTED,
// DEADLINE_EXCEEDED and ABORTED are retried with backoff; other failures drop the batch. The
// channel is created on the exporter thread, i.e. only after start() (gRPC is not fork-safe).

#include "gw/exporter/export_pipeline.hpp"
#include "gw/exporter/exporter_config.hpp"

#include <string_view>

namespace gw::exporter {

inline constexpr std::string_view kOtlpGrpcExportMethod =
    "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

class OtlpGrpcExporter final : public ExportPipeline {
  public:
    explicit OtlpGrpcExporter(const ExporterSettings& settings);
};

}  // namespace gw::exporter
