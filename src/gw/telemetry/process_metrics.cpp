#include "gw/telemetry/process_metrics.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace gw::telemetry {
namespace {

// Fields after the command name, which is in parentheses and may itself contain spaces and ')'.
std::vector<std::string_view> fields_after_comm(std::string_view stat) {
    std::vector<std::string_view> fields;
    std::size_t close = stat.rfind(')');
    if (close == std::string_view::npos) return fields;
    std::string_view rest = stat.substr(close + 1);
    while (!rest.empty()) {
        std::size_t start = rest.find_first_not_of(" \n");
        if (start == std::string_view::npos) break;
        rest.remove_prefix(start);
        std::size_t end = rest.find_first_of(" \n");
        fields.push_back(rest.substr(0, end));
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    return fields;
}

bool parse_u64(std::string_view text, std::uint64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

Result<std::uint64_t> count_open_fds() {
    std::error_code ec;
    std::filesystem::directory_iterator it("/proc/self/fd", ec);
    if (ec) return Error::io("cannot list /proc/self/fd: " + ec.message());
    std::uint64_t count = 0;
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (ec) return Error::io("cannot list /proc/self/fd: " + ec.message());
        ++count;
    }
    // The listing itself holds one descriptor, which is gone again now.
    return count > 0 ? count - 1 : 0;
}

}  // namespace

Result<ProcessStats> parse_proc_stat(std::string_view stat, long ticks_per_second, long page_size) {
    // proc(5) numbers fields from 1; the first one after the command name is field 3 (state).
    constexpr std::size_t kUtime = 14 - 3, kStime = 15 - 3, kRss = 24 - 3;
    std::vector<std::string_view> fields = fields_after_comm(stat);
    std::uint64_t utime = 0, stime = 0, rss_pages = 0;
    if (fields.size() <= kRss || !parse_u64(fields[kUtime], utime) ||
        !parse_u64(fields[kStime], stime) || !parse_u64(fields[kRss], rss_pages) ||
        ticks_per_second <= 0 || page_size <= 0) {
        return Error::protocol("unreadable /proc/self/stat");
    }
    ProcessStats stats;
    stats.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(ticks_per_second);
    stats.resident_memory_bytes = rss_pages * static_cast<std::uint64_t>(page_size);
    return stats;
}

Result<ProcessStats> read_process_stats() {
    std::ifstream file("/proc/self/stat");
    if (!file) return Error::io("cannot open /proc/self/stat");
    std::stringstream text;
    text << file.rdbuf();
    auto stats = parse_proc_stat(text.str(), ::sysconf(_SC_CLK_TCK), ::sysconf(_SC_PAGESIZE));
    if (!stats) return stats.error();
    auto fds = count_open_fds();
    if (!fds) return fds.error();
    stats->open_fds = *fds;
    return stats;
}

void render_process_metrics(PrometheusText& out, const ProcessStats& stats) {
    out.single("process_cpu_seconds_total", MetricType::Counter,
               "Total user and system CPU time spent in seconds.", stats.cpu_seconds);
    out.single("process_resident_memory_bytes", MetricType::Gauge, "Resident memory size in bytes.",
               stats.resident_memory_bytes);
    out.single("process_open_fds", MetricType::Gauge, "Number of open file descriptors.",
               stats.open_fds);
}

}  // namespace gw::telemetry
