// Metrics on the request path: what one finished LLM call costs its worker (record_upstream on a
// warm shard: label lookup, counters, two histograms, token counters) and what one HTTP request
// costs (the in-flight gauge, the counter and the duration histogram, two clock reads). The scrape
// is measured too, though it runs only when Prometheus asks.

#include "gw/telemetry/request_metrics.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;
using gw::telemetry::HttpHandler;
using gw::telemetry::HttpRequestScope;
using gw::telemetry::RequestMetrics;
using gw::telemetry::UpstreamOutcome;

UpstreamOutcome streamed_call(std::string provider_model) {
    UpstreamOutcome outcome;
    outcome.provider_model = std::move(provider_model);
    outcome.status = 200;
    outcome.duration = 850ms;
    outcome.time_to_first_token = 180ms;
    outcome.usage = gw::llm::Usage{};
    outcome.usage->input_tokens = 1234;
    outcome.usage->output_tokens = 256;
    outcome.usage->cached_input_tokens = 1024;
    return outcome;
}

void BM_RecordUpstreamWarmShard(benchmark::State& state) {
    RequestMetrics metrics(2);
    // A shard that has seen a realistic number of models, the one recorded among them.
    for (int i = 0; i < 16; ++i) {
        metrics.record_upstream(0, streamed_call(fmt::format("openai/model-{}", i)));
    }
    UpstreamOutcome outcome = streamed_call("openai/gpt-4o-mini");
    metrics.record_upstream(0, outcome);
    for (auto _ : state) {
        metrics.record_upstream(0, outcome);
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_RecordUpstreamWarmShard);

void BM_HttpRequestScope(benchmark::State& state) {
    RequestMetrics metrics(2);
    for (auto _ : state) {
        HttpRequestScope scope(metrics, 0, HttpHandler::LlmChat, "POST");
        scope.set_status(200);
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_HttpRequestScope);

void BM_RenderScrape(benchmark::State& state) {
    RequestMetrics metrics(2);
    for (std::size_t worker = 0; worker < 2; ++worker) {
        for (int i = 0; i < 20; ++i) {
            metrics.record_upstream(worker, streamed_call(fmt::format("openai/model-{}", i)));
        }
    }
    for (auto _ : state) {
        std::string page;
        gw::telemetry::PrometheusText out(page);
        metrics.render(out);
        benchmark::DoNotOptimize(page);
    }
}
BENCHMARK(BM_RenderScrape);

}  // namespace
