// Tracing hot paths: building a request's llm span (~20 attributes, one event) and encoding it to
// OTLP bytes on a worker, and a whole 512-span export request (the SDK default batch size).

#include "gw/telemetry/otlp_encode.hpp"
#include "gw/telemetry/span.hpp"
#include "gw/telemetry/trace_context.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

using gw::telemetry::Span;

Span llm_span() {
    using namespace gw::telemetry;
    Span s;
    s.trace_id = TraceId::random();
    s.span_id = SpanId::random();
    s.parent_span_id = SpanId::random();
    s.kind = SpanKind::Server;
    s.service_name = "plano(llm)";
    s.name = "POST /v1/chat/completions fast -> openai/gpt-4o-mini";
    s.start_time = unix_now();
    Attributes& a = s.attributes;
    a.reserve(20);
    a.set("component", "llm");
    a.set("request_id", "5f1b7c2e-8d4a-4e0f-9b1a-3c2d1e0f9a8b");
    a.set("http.method", "POST");
    a.set("http.path", "/v1/chat/completions");
    a.set("tenant.id", "ten_456");
    a.set("llm.temperature", "0.7");
    a.set("llm.user_message_preview", "Summarise the attached quarterly report in three b...");
    a.set("plano.route.name", "code_generation");
    a.set("llm.model", "openai/gpt-4o-mini");
    a.set("llm.provider", "openai");
    a.set("gen_ai.operation.name", "chat");
    a.set("gen_ai.provider.name", "openai");
    a.set("gen_ai.request.model", "fast");
    a.set("gen_ai.request.temperature", 0.7);
    a.set("gen_ai.request.max_tokens", 1024);
    a.set("http.status_code", 200);
    a.set("llm.time_to_first_token", 182);
    a.set("gen_ai.usage.input_tokens", 1234);
    a.set("gen_ai.usage.output_tokens", 256);
    a.set("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
    SpanEvent ttft{"llm.time_to_first_token", unix_now(), {}};
    ttft.attributes.set("llm.time_to_first_token", 182);
    s.add_event(std::move(ttft));
    s.end_time = unix_now();
    return s;
}

void BM_CreateLlmSpan(benchmark::State& state) {
    for (auto _ : state) {
        Span s = llm_span();
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(BM_CreateLlmSpan);

void BM_FormatTraceparent(benchmark::State& state) {
    const Span s = llm_span();
    for (auto _ : state) {
        benchmark::DoNotOptimize(gw::telemetry::format_traceparent(s.trace_id, s.span_id, true));
    }
}
BENCHMARK(BM_FormatTraceparent);

// What a worker spends per span before handing the bytes to the export queue.
void BM_EncodeLlmSpan(benchmark::State& state) {
    const Span s = llm_span();
    for (auto _ : state) benchmark::DoNotOptimize(gw::telemetry::encode_span_field(s).data());
}
BENCHMARK(BM_EncodeLlmSpan);

void BM_EncodeBatch512(benchmark::State& state) {
    std::vector<Span> spans;
    for (int i = 0; i < 512; ++i) {
        spans.push_back(llm_span());
        if (i % 2 == 1) spans.back().service_name = "plano(outbound)";
    }
    std::string out;
    for (auto _ : state) {
        gw::telemetry::encode_export_request(spans, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * 512);
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
    state.counters["request_bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_EncodeBatch512);

}  // namespace
