#include "gw/telemetry/prometheus_text.hpp"

#include <gtest/gtest.h>

#include <array>
#include <limits>

namespace gw::telemetry {
namespace {

TEST(PrometheusText, RendersCounterGaugeAndHistogramFamilies) {
    std::string page;
    PrometheusText out(page);
    out.family("jobs_total", MetricType::Counter, "Jobs done.");
    out.sample("jobs_total", {{"queue", "a"}, {"kind", "b"}}, std::uint64_t{3});
    out.sample("jobs_total", {{"queue", "c"}, {"kind", "d"}}, std::uint64_t{0});
    out.family("temperature", MetricType::Gauge, "Current temperature.");
    out.sample("temperature", Labels{}, 21.5);
    constexpr std::array<double, 2> bounds = {0.5, 1};
    HistogramSnapshot latency{{1, 0, 2}, 7.25};
    out.family("latency_seconds", MetricType::Histogram, "Latency.");
    std::array<Label, 1> labels{{{"route", "x"}}};
    out.histogram("latency_seconds", labels, bounds, latency);

    EXPECT_EQ(page,
              "# HELP jobs_total Jobs done.\n"
              "# TYPE jobs_total counter\n"
              "jobs_total{queue=\"a\",kind=\"b\"} 3\n"
              "jobs_total{queue=\"c\",kind=\"d\"} 0\n"
              "# HELP temperature Current temperature.\n"
              "# TYPE temperature gauge\n"
              "temperature 21.5\n"
              "# HELP latency_seconds Latency.\n"
              "# TYPE latency_seconds histogram\n"
              "latency_seconds_bucket{route=\"x\",le=\"0.5\"} 1\n"
              "latency_seconds_bucket{route=\"x\",le=\"1\"} 1\n"
              "latency_seconds_bucket{route=\"x\",le=\"+Inf\"} 3\n"
              "latency_seconds_sum{route=\"x\"} 7.25\n"
              "latency_seconds_count{route=\"x\"} 3\n");
}

TEST(PrometheusText, HistogramWithoutLabelsHasOnlyTheLeLabel) {
    std::string page;
    PrometheusText out(page);
    constexpr std::array<double, 1> bounds = {0.005};
    out.histogram("h", Labels{}, bounds, HistogramSnapshot{{0, 0}, 0});
    EXPECT_EQ(page,
              "h_bucket{le=\"0.005\"} 0\n"
              "h_bucket{le=\"+Inf\"} 0\n"
              "h_sum 0\n"
              "h_count 0\n");
}

TEST(PrometheusText, EscapesQuoteBackslashAndNewlineInLabelValues) {
    std::string page;
    PrometheusText out(page);
    out.sample("m", {{"model", "a\"b\\c\nd"}}, std::uint64_t{1});
    EXPECT_EQ(page, "m{model=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(PrometheusText, EscapesBackslashAndNewlineButNotQuotesInHelp) {
    std::string page;
    PrometheusText out(page);
    out.family("m", MetricType::Counter, "say \"hi\" \\ then\nmore");
    EXPECT_EQ(page, "# HELP m say \"hi\" \\\\ then\\nmore\n# TYPE m counter\n");
}

TEST(PrometheusText, SpellsSpecialFloatsAsPrometheusDoes) {
    std::string page;
    PrometheusText out(page);
    out.sample("a", Labels{}, std::numeric_limits<double>::infinity());
    out.sample("b", Labels{}, -std::numeric_limits<double>::infinity());
    out.sample("c", Labels{}, std::numeric_limits<double>::quiet_NaN());
    out.sample("d", Labels{}, 0.1);
    EXPECT_EQ(page, "a +Inf\nb -Inf\nc NaN\nd 0.1\n");
}

}  // namespace
}  // namespace gw::telemetry
