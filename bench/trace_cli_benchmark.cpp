// `planoai trace` query time against a persistent store of 100k spans (10k traces x 10 spans):
// run_trace() end to end (open the SQLite file, query, build the tree, render) with the output
// thrown away. Built as gw_trace_bench, apart from gw_bench, because it links the whole CLI.
//   build/<preset>/bin/gw_trace_bench [--benchmark_min_time=0.2]

#include "gw/cli/trace_query.hpp"
#include "gw/collector/sqlite_trace_store.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using gw::cli::TraceArgs;
using gw::collector::StoredSpan;

constexpr int kTraces = 10'000;
constexpr int kSpansPerTrace = 10;
constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;

gw::telemetry::TraceId trace_id(int n) {
    gw::telemetry::TraceId::Bytes b{};
    // The number leads, so every trace has its own 8-digit short id.
    for (int i = 0; i < 4; ++i)
        b[static_cast<std::size_t>(3 - i)] = static_cast<std::uint8_t>(n >> (8 * i));
    b[15] = 0x5a;
    return gw::telemetry::TraceId(b);
}

gw::telemetry::SpanId span_id(int trace, int span) {
    gw::telemetry::SpanId::Bytes b{};
    b[0] = static_cast<std::uint8_t>(span + 1);
    for (int i = 0; i < 4; ++i)
        b[static_cast<std::size_t>(7 - i)] = static_cast<std::uint8_t>(trace >> (8 * i));
    return gw::telemetry::SpanId(b);
}

// One gateway request: an llm span with nine children (outbound calls), attributes like ours.
std::vector<StoredSpan> trace_spans(int n) {
    std::vector<StoredSpan> spans;
    const std::int64_t start = kT0 + std::int64_t{n} * 1'000'000'000;
    for (int k = 0; k < kSpansPerTrace; ++k) {
        StoredSpan s;
        s.trace_id = trace_id(n);
        s.span_id = span_id(n, k);
        if (k > 0) s.parent_span_id = span_id(n, 0);
        s.name = k == 0 ? "POST /v1/chat/completions fast -> openai/gpt-4o-mini"
                        : "POST api.openai.com/v1/chat/completions";
        s.service_name = k == 0 ? "plano(llm)" : "plano(outbound)";
        s.kind = k == 0 ? gw::telemetry::SpanKind::Server : gw::telemetry::SpanKind::Client;
        s.start_time = gw::telemetry::UnixTime{std::chrono::nanoseconds{start + k * 1'000'000}};
        s.end_time = s.start_time + std::chrono::milliseconds{200 - k};
        s.resource_attributes = {{"service.name", s.service_name}};
        s.attributes = {{"http.method", std::string("POST")},
                        {"http.status_code", std::int64_t{n % 50 == 0 ? 503 : 200}},
                        {"llm.model", std::string("gpt-4o-mini")},
                        {"gen_ai.usage.input_tokens", std::int64_t{120 + k}},
                        {"gen_ai.usage.output_tokens", std::int64_t{40 + k}},
                        {"gen_ai.request.temperature", 0.7},
                        {"llm.is_streaming", k % 2 == 0},
                        {"user.id", "user-" + std::to_string(n)}};
        spans.push_back(std::move(s));
    }
    return spans;
}

// The store is built once per process (about 10 s) and removed at exit.
class BenchStore {
  public:
    static const BenchStore& get() {
        static const BenchStore store;
        return store;
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

    BenchStore(const BenchStore&) = delete;
    BenchStore& operator=(const BenchStore&) = delete;
    ~BenchStore() { std::filesystem::remove_all(path_.parent_path()); }

  private:
    BenchStore() {
        std::string dir =
            (std::filesystem::temp_directory_path() / "gw_trace_bench_XXXXXX").string();
        if (mkdtemp(dir.data()) == nullptr) std::abort();
        path_ = std::filesystem::path(dir) / "traces.db";
        auto store = gw::collector::SqliteTraceStore::open({.path = path_});
        if (!store) std::abort();
        std::vector<StoredSpan> batch;
        for (int n = 0; n < kTraces; ++n) {
            for (auto& s : trace_spans(n)) batch.push_back(std::move(s));
            if (batch.size() >= 5000 || n + 1 == kTraces) {
                if (!(*store)->insert(batch)) std::abort();
                batch.clear();
            }
        }
    }
    std::filesystem::path path_;
};

void run(benchmark::State& state, const TraceArgs& args) {
    const BenchStore& store = BenchStore::get();
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const gw::cli::TraceContext context{.store_path = store.path(),
                                        .now = gw::telemetry::unix_now(),
                                        .color = false,
                                        .interactive = false,
                                        .in = &in,
                                        .out = &out,
                                        .err = &err};
    std::size_t bytes = 0;
    for (auto _ : state) {
        out.str({});
        if (gw::cli::run_trace(args, context) != 0) {
            state.SkipWithError(err.str().c_str());
            return;
        }
        bytes += out.str().size();
    }
    state.counters["out_bytes"] =
        benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kAvgIterations);
}

std::string short_id(int n) { return trace_id(n).to_hex().substr(0, 8); }

void BM_TraceLast(benchmark::State& state) { run(state, {}); }
void BM_TraceFullId(benchmark::State& state) {
    run(state, {.target = trace_id(kTraces / 2).to_hex()});
}
void BM_TraceShortId(benchmark::State& state) { run(state, {.target = short_id(kTraces / 2)}); }
void BM_TraceWhere(benchmark::State& state) {
    run(state, {.where = {"user.id=user-" + std::to_string(kTraces / 2)}});
}
void BM_TraceWhereJsonAny(benchmark::State& state) {
    run(state, {.target = "any", .where = {"http.status_code=503"}, .json = true});
}
void BM_TraceWhereNoMatch(benchmark::State& state) { run(state, {.where = {"user.id=nobody"}}); }
void BM_TraceListAll(benchmark::State& state) {
    run(state, {.list = true, .no_interactive = true});
}
void BM_TraceListLimit20(benchmark::State& state) {
    run(state, {.limit = 20, .list = true, .no_interactive = true});
}
void BM_TraceListWhere(benchmark::State& state) {
    run(state, {.where = {"http.status_code=503"}, .list = true, .no_interactive = true});
}

BENCHMARK(BM_TraceLast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceFullId)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceShortId)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceWhere)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceWhereJsonAny)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceWhereNoMatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceListAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceListLimit20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceListWhere)->Unit(benchmark::kMillisecond);

}  // namespace
