#pragma once
// Where and how spans are exported, resolved from the config file and the standard OpenTelemetry
// environment variables (README §4 point 7, dataplane.md §5.9).
//
// Endpoint, first found wins:
//   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT   used as is (an http endpoint without a path gets
//                                        /v1/traces)
//   OTEL_EXPORTER_OTLP_ENDPOINT          + "/v1/traces" for http/protobuf, as is for gRPC
//   tracing.opentracing_grpc_endpoint    gRPC only: with http/protobuf it is ignored, since it
//                                        names a gRPC port
//   default                              http://localhost:4317 (gRPC) or
//                                        http://localhost:4318/v1/traces (http/protobuf)
// Protocol: OTEL_EXPORTER_OTLP_TRACES_PROTOCOL > OTEL_EXPORTER_OTLP_PROTOCOL > grpc (the
// reference exports gRPC only). "http/json" falls back to http/protobuf with a warning: every
// collector that serves OTLP/HTTP JSON also takes protobuf on the same path, and refusing to
// start the gateway over a telemetry knob would be worse. Anything else is an error.
// Headers: OTEL_EXPORTER_OTLP_TRACES_HEADERS, else OTEL_EXPORTER_OTLP_HEADERS (no merge):
// "k=v,k2=v2", blanks around keys and values trimmed, values percent-decoded; malformed entries
// are skipped with a warning.
// Batching: OTEL_BSP_MAX_QUEUE_SIZE, OTEL_BSP_MAX_EXPORT_BATCH_SIZE (capped at the queue size),
// OTEL_BSP_SCHEDULE_DELAY (ms), OTEL_BSP_EXPORT_TIMEOUT (ms, all attempts of one batch);
// per attempt OTEL_EXPORTER_OTLP_TRACES_TIMEOUT > OTEL_EXPORTER_OTLP_TIMEOUT (ms). A value that
// is not a positive integer keeps the default with a warning, as the OpenTelemetry spec asks.

#include "gw/base/headers.hpp"
#include "gw/base/result.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace gw::exporter {

enum class ExportProtocol { Grpc, HttpProtobuf };

struct RetryPolicy {
    int max_attempts = 5;  // the first try included
    std::chrono::milliseconds initial_backoff{1000};
    std::chrono::milliseconds max_backoff{5000};
};

struct ExporterSettings {
    ExportProtocol protocol = ExportProtocol::Grpc;
    std::string endpoint = "http://localhost:4317";
    Headers headers;  // sent with every export (HTTP headers or gRPC metadata)
    std::size_t queue_capacity = 2048;
    std::size_t max_batch = 512;
    std::chrono::milliseconds schedule_delay{1000};
    std::chrono::milliseconds attempt_timeout{10000};
    std::chrono::milliseconds export_timeout{30000};  // one batch, retries included
    RetryPolicy retry;
};

[[nodiscard]] Result<ExporterSettings> resolve_exporter_settings(
    std::optional<std::string> opentracing_grpc_endpoint,
    const std::map<std::string, std::string>& env);

// Parses an OTLP headers list ("k=v,k2=v2"); see the file comment.
[[nodiscard]] Headers parse_otlp_headers(std::string_view text);

}  // namespace gw::exporter
