// The built-in collector's ingest path: decoding an OTLP/protobuf export of 100 gateway spans and
// committing it to the SQLite trace store (what the writer thread does per batch), and the decode
// alone. Throughput is reported as spans/s (items_per_second).

#include "gw/collector/otlp_decode.hpp"
#include "gw/collector/sqlite_trace_store.hpp"
#include "gw/telemetry/otlp_encode.hpp"
#include "gw/telemetry/span.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using gw::telemetry::Span;

constexpr std::size_t kSpansPerExport = 100;

// A request's llm span and its outbound span, with the attributes the gateway sets.
std::string gateway_export() {
    using namespace gw::telemetry;
    std::vector<Span> spans;
    for (std::size_t i = 0; i < kSpansPerExport; i += 2) {
        Span llm;
        llm.trace_id = TraceId::random();
        llm.span_id = SpanId::random();
        llm.kind = SpanKind::Server;
        llm.service_name = "plano(llm)";
        llm.name = "POST /v1/chat/completions fast -> openai/gpt-4o-mini";
        llm.start_time = unix_now();
        llm.end_time = llm.start_time + std::chrono::milliseconds(420);
        llm.attributes.set("http.method", "POST");
        llm.attributes.set("http.path", "/v1/chat/completions");
        llm.attributes.set("http.status_code", 200);
        llm.attributes.set("gen_ai.operation.name", "chat");
        llm.attributes.set("gen_ai.provider.name", "openai");
        llm.attributes.set("gen_ai.request.model", "gpt-4o-mini");
        llm.attributes.set("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
        llm.attributes.set("gen_ai.usage.input_tokens", 812);
        llm.attributes.set("gen_ai.usage.output_tokens", 64);
        llm.attributes.set("llm.is_streaming", true);
        llm.attributes.set("llm.time_to_first_token", 182);
        llm.attributes.set("request_id", "5f1b7c2e-8d4a-4e0f-9b1a-3c2d1e0f9a8b");
        Span outbound = llm;
        outbound.span_id = SpanId::random();
        outbound.parent_span_id = llm.span_id;
        outbound.kind = SpanKind::Client;
        outbound.service_name = "plano(outbound)";
        outbound.name = "POST api.openai.com/v1/chat/completions";
        spans.push_back(std::move(llm));
        spans.push_back(std::move(outbound));
    }
    return encode_export_request(spans);
}

void BM_CollectorDecode(benchmark::State& state) {
    std::string payload = gateway_export();
    for (auto _ : state) {
        auto spans = gw::collector::decode_export_request(payload);
        benchmark::DoNotOptimize(spans);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kSpansPerExport));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(payload.size()));
}
BENCHMARK(BM_CollectorDecode);

// Decode + one transaction per export into a WAL-mode file in the temp directory. Trace ids are
// renewed every round so each insert writes new rows instead of hitting the de-duplication.
void BM_CollectorIngest(benchmark::State& state) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("gw-collector-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto store = gw::collector::SqliteTraceStore::open({.path = dir / "traces.db"});
    if (!store) {
        state.SkipWithError(store.error().message.c_str());
        return;
    }
    std::string payload = gateway_export();
    for (auto _ : state) {
        auto spans = gw::collector::decode_export_request(payload);
        if (!spans) {
            state.SkipWithError("decode failed");
            break;
        }
        for (std::size_t i = 0; i < spans->size(); i += 2) {
            auto trace = gw::telemetry::TraceId::random();
            (*spans)[i].trace_id = trace;
            (*spans)[i + 1].trace_id = trace;
        }
        if (!(*store)->insert(*spans)) {
            state.SkipWithError("insert failed");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kSpansPerExport));
    store->reset();
    std::filesystem::remove_all(dir);
}
BENCHMARK(BM_CollectorIngest)->Unit(benchmark::kMicrosecond);

}  // namespace
