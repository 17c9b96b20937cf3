#include "gw/app/metrics_endpoint.hpp"

#include "gw/exporter/exporter.hpp"
#include "gw/telemetry/process_metrics.hpp"

namespace gw::app {
namespace {

void render_build_info(telemetry::PrometheusText& out, const std::string& version) {
    out.family("plano_build_info", telemetry::MetricType::Gauge,
               "Always 1; the version label says which build is running.");
    out.sample("plano_build_info", {{"version", version}}, std::uint64_t{1});
}

void render_span_pipeline(telemetry::PrometheusText& out, const exporter::ExporterStats& stats) {
    using telemetry::MetricType;
    out.single("plano_spans_exported_total", MetricType::Counter,
               "Spans the trace collector acknowledged.", stats.exported_spans);
    out.single("plano_spans_dropped_total", MetricType::Counter,
               "Spans lost: refused by the full export queue, or in batches given up on.",
               stats.dropped_spans);
    out.single("plano_span_export_errors_total", MetricType::Counter,
               "Failed span export attempts, retried ones included.", stats.export_errors);
    out.single("plano_span_export_queue_size", MetricType::Gauge,
               "Spans waiting in the export queue.", stats.queued_spans);
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(const telemetry::RequestMetrics& metrics,
                                 const exporter::Exporter* exporter, std::string version,
                                 std::function<void(telemetry::PrometheusText&)> more)
    : metrics_(metrics),
      exporter_(exporter),
      version_(std::move(version)),
      more_(std::move(more)) {}

std::string MetricsEndpoint::render() const {
    std::string page;
    telemetry::PrometheusText out(page);
    render_build_info(out, version_);
    metrics_.render(out);
    render_span_pipeline(out, exporter_ ? exporter_->stats() : exporter::ExporterStats{});
    if (more_) more_(out);
    // Without /proc (unusual containers) the page simply lacks the process_* families.
    if (auto process = telemetry::read_process_stats()) {
        telemetry::render_process_metrics(out, *process);
    }
    return page;
}

}  // namespace gw::app
