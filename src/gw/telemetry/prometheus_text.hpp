#pragma once
// Renders metrics in the Prometheus text exposition format 0.0.4: `# HELP` and `# TYPE` once per
// family, then its samples; label values and help text escaped; histograms as cumulative
// `_bucket{le=...}` series ending in `+Inf`, plus `_sum` and `_count`. Appends to a string the
// caller owns. Scrape-time only, so it is written for clarity, not speed.

#include "gw/telemetry/histogram.hpp"

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace gw::telemetry {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

using Label = std::pair<std::string_view, std::string_view>;
using Labels = std::span<const Label>;

enum class MetricType { Counter, Gauge, Histogram };

// `\` -> `\\`, `"` -> `\"`, newline -> `\n`: what a label value needs inside its quotes.
void append_escaped_label_value(std::string& out, std::string_view value);

class PrometheusText {
  public:
    explicit PrometheusText(std::string& out) : out_(out) {}

    // Starts a metric family: its HELP and TYPE lines. Every sample that follows until the next
    // family() must use this name (histograms add their suffixes).
    void family(std::string_view name, MetricType type, std::string_view help);

    void sample(std::string_view name, Labels labels, std::uint64_t value);
    void sample(std::string_view name, Labels labels, double value);
    void sample(std::string_view name, std::initializer_list<Label> labels, std::uint64_t value) {
        sample(name, Labels(labels.begin(), labels.size()), value);
    }
    void sample(std::string_view name, std::initializer_list<Label> labels, double value) {
        sample(name, Labels(labels.begin(), labels.size()), value);
    }

    // A family with a single unlabelled sample.
    template <class Value>
    void single(std::string_view name, MetricType type, std::string_view help, Value value) {
        family(name, type, help);
        sample(name, Labels{}, value);
    }

    // All series of one histogram label set. `counts.buckets` must have bounds.size() + 1 entries.
    void histogram(std::string_view name, Labels labels, std::span<const double> bounds,
                   const HistogramSnapshot& counts);

  private:
    void series(std::string_view name, std::string_view suffix, Labels labels,
                const Label* extra = nullptr);

    std::string& out_;
};

}  // namespace gw::telemetry
