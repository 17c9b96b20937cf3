#include "latency_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace loadgen {
namespace {

double micros(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1000.0; }

}  // namespace

Percentiles percentiles(std::vector<std::chrono::nanoseconds>& samples) {
    Percentiles p;
    if (samples.empty()) return p;
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        const auto i = static_cast<size_t>(q * static_cast<double>(samples.size()));
        return micros(samples[std::min(i, samples.size() - 1)]);
    };
    p.p50_us = at(0.50);
    p.p90_us = at(0.90);
    p.p99_us = at(0.99);
    p.p999_us = at(0.999);
    p.max_us = micros(samples.back());
    const auto sum = std::accumulate(samples.begin(), samples.end(), std::chrono::nanoseconds{0});
    p.mean_us = micros(sum) / static_cast<double>(samples.size());
    return p;
}

std::string to_json(const Percentiles& p) {
    char out[256];
    std::snprintf(out, sizeof out,
                  R"({"p50":%.1f,"p90":%.1f,"p99":%.1f,"p999":%.1f,"max":%.1f,"mean":%.1f})",
                  p.p50_us, p.p90_us, p.p99_us, p.p999_us, p.max_us, p.mean_us);
    return out;
}

}  // namespace loadgen
