#pragma once
// GET /metrics: the request metrics, the span export pipeline's counters, build info and the
// process metrics as one Prometheus text page (docs/metrics.md).

#include "gw/telemetry/prometheus_text.hpp"
#include "gw/telemetry/request_metrics.hpp"

#include <functional>
#include <string>

namespace gw::exporter {
class Exporter;
}

namespace gw::app {

class MetricsEndpoint {
  public:
    // `exporter` is null when nothing is exported (tracing off, or spans go to an injected sink):
    // the span counters then stay 0. Both must outlive the endpoint.
    // `more` (may be empty) appends further families: routing, sessions, model metrics feeds.
    MetricsEndpoint(const telemetry::RequestMetrics& metrics, const exporter::Exporter* exporter,
                    std::string version, std::function<void(telemetry::PrometheusText&)> more = {});

    // Any thread: the page as of now.
    [[nodiscard]] std::string render() const;

  private:
    const telemetry::RequestMetrics& metrics_;
    const exporter::Exporter* exporter_;
    std::string version_;
    std::function<void(telemetry::PrometheusText&)> more_;
};

}  // namespace gw::app
