#pragma once
// The standard process_* metrics every Prometheus client exports, read from /proc/self when a
// scrape asks (never on the request path).

#include "gw/base/result.hpp"
#include "gw/telemetry/prometheus_text.hpp"

#include <cstdint>
#include <string_view>

namespace gw::telemetry {

struct ProcessStats {
    double cpu_seconds = 0;  // user + system
    std::uint64_t resident_memory_bytes = 0;
    std::uint64_t open_fds = 0;
};

// Reads this process's stats; fails when /proc is not mounted or unreadable.
[[nodiscard]] Result<ProcessStats> read_process_stats();

// Parses the text of /proc/<pid>/stat (utime, stime and rss); open_fds stays 0.
[[nodiscard]] Result<ProcessStats> parse_proc_stat(std::string_view stat, long ticks_per_second,
                                                   long page_size);

void render_process_metrics(PrometheusText& out, const ProcessStats& stats);

}  // namespace gw::telemetry
