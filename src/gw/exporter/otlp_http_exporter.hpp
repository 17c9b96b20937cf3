#pragma once
// OTLP/HTTP protobuf exporter: POSTs each batch to the endpoint (path default /v1/traces) as
// application/x-protobuf with the configured extra headers, over keep-alive HTTP/1.1 or HTTPS
// (system CAs, host name verified). 2xx is success; 429, 502, 503, 504 and connection failures
// are retried with exponential backoff (honouring Retry-After in seconds); any other status drops
// the batch with a log line. The HTTP client runs on its own io_context on the exporter thread,
// never on a request worker.

#include "gw/exporter/export_pipeline.hpp"
#include "gw/exporter/exporter_config.hpp"

namespace gw::exporter {

class OtlpHttpExporter final : public ExportPipeline {
  public:
    // `settings.endpoint` must pass parse_endpoint (resolve_exporter_settings checks it); an
    // invalid one disables the exporter (every span is dropped and counted).
    explicit OtlpHttpExporter(const ExporterSettings& settings);
};

}  // namespace gw::exporter
