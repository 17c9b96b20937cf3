// Per-event cost of streaming (stack.md §2.5): pass-through scanning (framing plus the memmem
// for "usage" the response meter does) against translation of a realistic text-delta stream,
// both fed in 1 KiB slices as a socket read would deliver them. Counters report ns per event.

#include "gw/sse/scanner.hpp"
#include "gw/sse/writer.hpp"
#include "gw/translate/translate.hpp"

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <string_view>

namespace {

using gw::llm::ApiFormat;

constexpr int kDeltas = 500;
constexpr size_t kSlice = 1024;
const std::string_view kWords[] = {"The",  " quick", " brown", " fox", " jumps", " over",
                                   " the", " lazy",  " dog",   ".",    "\\n"};

std::string chat_stream() {
    std::string stream;
    const std::string head =
        R"({"id":"chatcmpl-AbCdEf123","object":"chat.completion.chunk","created":1731000000,)"
        R"("model":"gpt-4o-2024-08-06","system_fingerprint":"fp_abc123","choices":[{"index":0,)";
    gw::sse::format_event(
        stream, head + R"("delta":{"role":"assistant","content":""},"finish_reason":null}]})");
    for (int i = 0; i < kDeltas; ++i) {
        gw::sse::format_event(stream, head + R"("delta":{"content":")" +
                                          std::string(kWords[i % 11]) +
                                          R"("},"logprobs":null,"finish_reason":null}]})");
    }
    gw::sse::format_event(stream, head + R"("delta":{},"finish_reason":"stop"}]})");
    gw::sse::format_event(stream,
                          R"({"id":"chatcmpl-AbCdEf123","choices":[],"usage":{"prompt_tokens":52,)"
                          R"("completion_tokens":500,"total_tokens":552}})");
    stream += gw::sse::kDoneEvent;
    return stream;
}

std::string messages_stream() {
    std::string stream;
    gw::sse::format_event(
        stream,
        R"({"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message",)"
        R"("role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,)"
        R"("stop_sequence":null,"usage":{"input_tokens":52,"cache_read_input_tokens":0,"output_tokens":1}}})",
        "message_start");
    gw::sse::format_event(
        stream,
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
        "content_block_start");
    for (int i = 0; i < kDeltas; ++i) {
        gw::sse::format_event(
            stream,
            R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" +
                std::string(kWords[i % 11]) + R"("}})",
            "content_block_delta");
    }
    gw::sse::format_event(stream, R"({"type":"content_block_stop","index":0})",
                          "content_block_stop");
    gw::sse::format_event(
        stream,
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},)"
        R"("usage":{"output_tokens":500}})",
        "message_delta");
    gw::sse::format_event(stream, R"({"type":"message_stop"})", "message_stop");
    return stream;
}

size_t count_events(std::string_view stream) {
    size_t events = 0;
    gw::sse::SseScanner scanner;
    scanner.feed(stream, [&](const gw::sse::SseEvent&) { ++events; });
    return events;
}

void report_per_event(benchmark::State& state, size_t events_per_stream, size_t stream_bytes) {
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(stream_bytes));
    // kInvert of a rate: seconds per event, shown with an SI prefix (e.g. "85n" = 85 ns).
    state.counters["per_event"] = benchmark::Counter(
        static_cast<double>(events_per_stream),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_TranslatePassThroughScan(benchmark::State& state) {
    const std::string stream = chat_stream();
    size_t usage_events = 0;
    for (auto _ : state) {
        gw::sse::SseScanner scanner;
        for (size_t pos = 0; pos < stream.size(); pos += kSlice) {
            scanner.feed(
                std::string_view(stream).substr(pos, kSlice), [&](const gw::sse::SseEvent& e) {
                    usage_events += memmem(e.data.data(), e.data.size(), "\"usage\"", 7) != nullptr;
                });
        }
    }
    benchmark::DoNotOptimize(usage_events);
    report_per_event(state, count_events(stream), stream.size());
}
BENCHMARK(BM_TranslatePassThroughScan);

// One stream per iteration; the output buffer is reused across slices as the relay does.
void translate_stream(benchmark::State& state, ApiFormat upstream, ApiFormat client,
                      const std::string& stream) {
    std::string out;
    out.reserve(16 * 1024);
    size_t client_bytes = 0;
    for (auto _ : state) {
        gw::translate::StreamTranslator translator(upstream, client);
        for (size_t pos = 0; pos < stream.size(); pos += kSlice) {
            out.clear();
            translator.feed(std::string_view(stream).substr(pos, kSlice), out);
            client_bytes += out.size();
        }
        out.clear();
        translator.finish(out);
        client_bytes += out.size();
    }
    benchmark::DoNotOptimize(client_bytes);
    report_per_event(state, count_events(stream), stream.size());
}

void BM_TranslateMessagesToChat(benchmark::State& state) {
    translate_stream(state, ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, messages_stream());
}
BENCHMARK(BM_TranslateMessagesToChat);

void BM_TranslateChatToMessages(benchmark::State& state) {
    translate_stream(state, ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, chat_stream());
}
BENCHMARK(BM_TranslateChatToMessages);

void BM_TranslateChatToResponses(benchmark::State& state) {
    translate_stream(state, ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, chat_stream());
}
BENCHMARK(BM_TranslateChatToResponses);

}  // namespace
