// Bedrock Converse: the answer body and the ConverseStream answer as AWS binary event-stream
// frames (messageStart .. messageStop, then metadata with the usage).
#include "gw/mock/json_text.hpp"
#include "gw/mock/render.hpp"
#include "gw/sse/event_stream.hpp"

#include <fmt/format.h>

#include <array>

namespace gw::mock::detail {
namespace {

// Converse's inputTokens exclude the tokens read from the cache, as Anthropic's do.
std::string usage_json(const MockUsage& u) {
    std::string cache;
    if (u.cached_tokens) {
        cache = fmt::format(R"(,"cacheReadInputTokens":{},"cacheWriteInputTokens":0)",
                            *u.cached_tokens);
    }
    return fmt::format(R"({{"inputTokens":{},"outputTokens":{},"totalTokens":{}{}}})",
                       u.uncached_input(), u.output_tokens, u.total(), cache);
}

std::string_view stop_reason(const Completion& c) { return c.tool_name ? "tool_use" : "end_turn"; }

std::string tool_use_id(const Completion& c) { return fmt::format("tooluse_mock_{}", c.seq); }

SseFrame event_frame(std::string_view event_type, std::string_view payload, bool content = false) {
    const std::array<sse::EventStreamHeader, 3> headers{{
        {":event-type", event_type},
        {":content-type", "application/json"},
        {":message-type", "event"},
    }};
    SseFrame frame;
    frame.content = content;
    sse::append_event_stream_message(frame.bytes, headers, payload);
    return frame;
}

std::string piece_delta(const Completion& c, std::string_view piece) {
    const auto delta = c.tool_name
                           ? fmt::format(R"({{"toolUse":{{"input":{}}}}})", json_string(piece))
                           : fmt::format(R"({{"text":{}}})", json_string(piece));
    return fmt::format(R"({{"delta":{},"contentBlockIndex":0}})", delta);
}

}  // namespace

std::string converse_body(const Completion& c) {
    const std::string text = c.text();
    const std::string block =
        c.tool_name ? fmt::format(R"({{"toolUse":{{"toolUseId":"{}","name":{},"input":{}}}}})",
                                  tool_use_id(c), json_string(*c.tool_name), text)
                    : fmt::format(R"({{"text":{}}})", json_string(text));
    return fmt::format(
        R"({{"output":{{"message":{{"role":"assistant","content":[{}]}}}},"stopReason":"{}",)"
        R"("usage":{},"metrics":{{"latencyMs":1}}}})",
        block, stop_reason(c), usage_json(c.usage));
}

std::vector<SseFrame> converse_stream(const Completion& c) {
    std::vector<SseFrame> frames;
    frames.reserve(c.pieces.size() + 5);
    frames.push_back(event_frame("messageStart", R"({"role":"assistant"})"));
    if (c.tool_name) {
        frames.push_back(
            event_frame("contentBlockStart",
                        fmt::format(R"({{"start":{{"toolUse":{{"toolUseId":"{}","name":{}}}}},)"
                                    R"("contentBlockIndex":0}})",
                                    tool_use_id(c), json_string(*c.tool_name))));
    }
    for (const auto& piece : c.pieces) {
        frames.push_back(event_frame("contentBlockDelta", piece_delta(c, piece), true));
    }
    frames.push_back(event_frame("contentBlockStop", R"({"contentBlockIndex":0})"));
    frames.push_back(
        event_frame("messageStop", fmt::format(R"({{"stopReason":"{}"}})", stop_reason(c))));
    frames.push_back(event_frame(
        "metadata",
        fmt::format(R"({{"usage":{},"metrics":{{"latencyMs":1}}}})", usage_json(c.usage))));
    return frames;
}

}  // namespace gw::mock::detail
