#include "gw/telemetry/prometheus_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gw::telemetry {
namespace {

std::string_view type_name(MetricType type) {
    switch (type) {
        case MetricType::Counter:
            return "counter";
        case MetricType::Gauge:
            return "gauge";
        case MetricType::Histogram:
            return "histogram";
    }
    return "untyped";
}

// HELP text escapes only backslash and newline (quotes stay as they are).
void append_escaped_help(std::string& out, std::string_view help) {
    for (char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
}

// Go's strconv spelling of the special values, which every Prometheus parser accepts; otherwise
// the shortest text that reads back as the same double.
std::string format_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    return fmt::format("{}", value);
}

}  // namespace

void append_escaped_label_value(std::string& out, std::string_view value) {
    for (char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
}

void PrometheusText::family(std::string_view name, MetricType type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    append_escaped_help(out_, help);
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type_name(type);
    out_ += '\n';
}

void PrometheusText::sample(std::string_view name, Labels labels, std::uint64_t value) {
    series(name, {}, labels);
    fmt::format_to(std::back_inserter(out_), " {}\n", value);
}

void PrometheusText::sample(std::string_view name, Labels labels, double value) {
    series(name, {}, labels);
    out_ += ' ';
    out_ += format_value(value);
    out_ += '\n';
}

void PrometheusText::histogram(std::string_view name, Labels labels, std::span<const double> bounds,
                               const HistogramSnapshot& counts) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
        cumulative += i < counts.buckets.size() ? counts.buckets[i] : 0;
        std::string le = i < bounds.size() ? format_value(bounds[i]) : "+Inf";
        Label le_label{"le", le};
        series(name, "_bucket", labels, &le_label);
        fmt::format_to(std::back_inserter(out_), " {}\n", cumulative);
    }
    series(name, "_sum", labels);
    out_ += ' ';
    out_ += format_value(counts.sum);
    out_ += '\n';
    series(name, "_count", labels);
    fmt::format_to(std::back_inserter(out_), " {}\n", cumulative);
}

void PrometheusText::series(std::string_view name, std::string_view suffix, Labels labels,
                            const Label* extra) {
    out_ += name;
    out_ += suffix;
    if (labels.empty() && !extra) return;
    out_ += '{';
    bool first = true;
    auto append = [&](const Label& label) {
        if (!first) out_ += ',';
        first = false;
        out_ += label.first;
        out_ += "=\"";
        append_escaped_label_value(out_, label.second);
        out_ += '"';
    };
    for (const Label& label : labels) append(label);
    if (extra) append(*extra);
    out_ += '}';
}

}  // namespace gw::telemetry
