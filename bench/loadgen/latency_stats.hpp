#pragma once
// Percentiles over recorded durations, printed as JSON for bench/run.sh.

#include <chrono>
#include <string>
#include <vector>

namespace loadgen {

struct Percentiles {
    double p50_us = 0, p90_us = 0, p99_us = 0, p999_us = 0, max_us = 0, mean_us = 0;
};

// Sorts `samples` in place.
Percentiles percentiles(std::vector<std::chrono::nanoseconds>& samples);
std::string to_json(const Percentiles& p);

}  // namespace loadgen
