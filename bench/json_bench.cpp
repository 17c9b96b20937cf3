// JSON paths of the proxy on a ~44 KB, 60-message chat request (stack.md §1.3).

#include "gw/json/request_scan.hpp"
#include "gw/json/splice.hpp"
#include "gw/json/usage.hpp"
#include "gw/json/writer.hpp"

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <string>

namespace {

std::string chat_request() {
    std::string body = R"({"model":"fast","temperature":0.7,"stream":true,"messages":[)";
    for (int i = 0; i < 60; ++i) {
        if (i > 0) body += ',';
        body += i % 2 == 0 ? R"({"role":"user","content":")" : R"({"role":"assistant","content":")";
        for (int word = 0; body.size() < static_cast<size_t>(i + 1) * 730; ++word) {
            body += word % 9 == 0 ? "caf\\u00e9 \\\"quoted\\\" " : "lorem ipsum dolor ";
        }
        body += R"("})";
    }
    body += R"(],"stream_options":{"include_usage":true},"max_tokens":1024})";
    return body;
}

const std::string& request() {
    static const std::string body = chat_request();
    return body;
}

void BM_ScanRequest(benchmark::State& state) {
    for (auto _ : state) {
        auto fields = gw::json::scan_request(request());
        benchmark::DoNotOptimize(fields);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(request().size()));
    state.counters["bytes"] = static_cast<double>(request().size());
}
BENCHMARK(BM_ScanRequest);

// For comparison only: On-Demand finding "model" without validating the rest, which is what
// scan_request must not do for a forwarded body.
void BM_OnDemandFindModelUnvalidated(benchmark::State& state) {
    simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(request());
    for (auto _ : state) {
        auto doc = parser.iterate(padded);
        std::string_view model;
        auto error = doc["model"].get_string().get(model);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(model);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(request().size()));
}
BENCHMARK(BM_OnDemandFindModelUnvalidated);

void BM_SpliceModel(benchmark::State& state) {
    for (auto _ : state) {
        auto out = gw::json::replace_string_field(request(), "model", "gpt-4o-mini");
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(request().size()));
}
BENCHMARK(BM_SpliceModel);

void BM_ExtractUsageFromChunk(benchmark::State& state) {
    const std::string chunk =
        R"({"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4o",)"
        R"("choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":300,)"
        R"("total_tokens":1500,"prompt_tokens_details":{"cached_tokens":1024}}})";
    for (auto _ : state) {
        auto meta = gw::json::read_response_meta(chunk);
        benchmark::DoNotOptimize(meta);
    }
}
BENCHMARK(BM_ExtractUsageFromChunk);

void BM_WriteChatChunk(benchmark::State& state) {
    std::string out;
    for (auto _ : state) {
        out.clear();
        gw::json::JsonWriter w(out);
        w.begin_object()
            .key("id")
            .string("chatcmpl-123")
            .key("object")
            .string("chat.completion.chunk")
            .key("created")
            .number(1700000000)
            .key("model")
            .string("claude-sonnet-4-5")
            .key("choices")
            .begin_array()
            .begin_object()
            .key("index")
            .number(0)
            .key("delta")
            .begin_object()
            .key("content")
            .string("Hello, \"world\"\n")
            .end_object()
            .key("finish_reason")
            .null()
            .end_object()
            .end_array()
            .end_object();
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_WriteChatChunk);

}  // namespace
