// SSE framing throughput over a realistic OpenAI chat stream, fed in 1 KiB slices as a socket
// read would deliver it (stack.md §2.5).

#include "gw/sse/scanner.hpp"
#include "gw/sse/writer.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

namespace {

std::string openai_stream() {
    std::string stream;
    const std::string words[] = {"The",  " quick", " brown", " fox", " jumps", " over",
                                 " the", " lazy",  " dog",   ".",    "\\n"};
    for (int i = 0; i < 500; ++i) {
        std::string data =
            R"({"id":"chatcmpl-AbCdEf123","object":"chat.completion.chunk","created":1731000000,)"
            R"("model":"gpt-4o-2024-08-06","system_fingerprint":"fp_abc123","choices":[{"index":0,)"
            R"("delta":{"content":")" +
            words[i % 11] + R"("},"logprobs":null,"finish_reason":null}]})";
        gw::sse::format_event(stream, data);
    }
    gw::sse::format_event(stream,
                          R"({"id":"chatcmpl-AbCdEf123","choices":[],"usage":{"prompt_tokens":52,)"
                          R"("completion_tokens":500,"total_tokens":552}})");
    stream += gw::sse::kDoneEvent;
    return stream;
}

void BM_SseScanOpenAiStream1KiB(benchmark::State& state) {
    const std::string stream = openai_stream();
    constexpr size_t kSlice = 1024;
    size_t events = 0;
    for (auto _ : state) {
        gw::sse::SseScanner scanner;
        for (size_t pos = 0; pos < stream.size(); pos += kSlice) {
            scanner.feed(std::string_view(stream).substr(pos, kSlice),
                         [&](const gw::sse::SseEvent& e) { events += e.data.size() > 0; });
        }
    }
    benchmark::DoNotOptimize(events);
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(stream.size()));
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SseScanOpenAiStream1KiB);

void BM_SseFormatEvent(benchmark::State& state) {
    const std::string data =
        R"({"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,)"
        R"("delta":{"content":"Hello"},"finish_reason":null}]})";
    std::string out;
    for (auto _ : state) {
        out.clear();
        gw::sse::format_event(out, data);
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_SseFormatEvent);

}  // namespace
