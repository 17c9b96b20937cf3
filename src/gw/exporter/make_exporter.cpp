#include "gw/exporter/make_exporter.hpp"

#include "gw/exporter/endpoint.hpp"
#include "gw/exporter/otlp_grpc_exporter.hpp"
#include "gw/exporter/otlp_http_exporter.hpp"

namespace gw::exporter {

Result<std::unique_ptr<Exporter>> make_exporter(const ExporterSettings& settings) {
    if (auto endpoint = parse_endpoint(settings.endpoint); !endpoint) return endpoint.error();
    if (settings.protocol == ExportProtocol::HttpProtobuf) {
        return std::unique_ptr<Exporter>(std::make_unique<OtlpHttpExporter>(settings));
    }
    return std::unique_ptr<Exporter>(std::make_unique<OtlpGrpcExporter>(settings));
}

}  // namespace gw::exporter
