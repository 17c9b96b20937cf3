// Anthropic Messages: message bodies and the message_start .. message_stop event stream.
#include "gw/mock/json_text.hpp"
#include "gw/mock/render.hpp"

#include <fmt/format.h>

namespace gw::mock::detail {
namespace {

// Anthropic's input_tokens exclude the tokens read from the cache.
std::string usage_json(const MockUsage& u, uint64_t output_tokens) {
    std::string cache;
    if (u.cached_tokens) {
        cache = fmt::format(R"(,"cache_creation_input_tokens":0,"cache_read_input_tokens":{})",
                            *u.cached_tokens);
    }
    return fmt::format(R"({{"input_tokens":{}{},"output_tokens":{}}})", u.uncached_input(), cache,
                       output_tokens);
}

std::string_view stop_reason(const Completion& c) {
    return c.tool_name ? R"("tool_use")" : R"("end_turn")";
}

// The content block; `tool_input` is the tool_use input (the whole one, or {} when streamed).
std::string content_block(const Completion& c, std::string_view text_json,
                          std::string_view tool_input) {
    if (!c.tool_name) return fmt::format(R"({{"type":"text","text":{}}})", text_json);
    return fmt::format(R"({{"type":"tool_use","id":"toolu_mock_{}","name":{},"input":{}}})", c.seq,
                       json_string(*c.tool_name), tool_input);
}

std::string piece_delta(const Completion& c, std::string_view piece) {
    const auto delta =
        c.tool_name
            ? fmt::format(R"({{"type":"input_json_delta","partial_json":{}}})", json_string(piece))
            : fmt::format(R"({{"type":"text_delta","text":{}}})", json_string(piece));
    return fmt::format(R"({{"type":"content_block_delta","index":0,"delta":{}}})", delta);
}

// The message object; `content` and `usage` differ between the body and message_start.
std::string message(const Completion& c, std::string_view content, std::string_view stop,
                    uint64_t output_tokens) {
    return fmt::format(
        R"({{"id":"msg_mock_{}","type":"message","role":"assistant","model":{},"content":{},)"
        R"("stop_reason":{},"stop_sequence":null,"usage":{}}})",
        c.seq, json_string(c.model), content, stop, usage_json(c.usage, output_tokens));
}

}  // namespace

std::string messages_body(const Completion& c) {
    const std::string text = c.text();
    const auto content = "[" + content_block(c, json_string(text), text) + "]";
    return message(c, content, stop_reason(c), c.usage.output_tokens);
}

// Usage as Anthropic streams it: input (and cache) tokens in message_start, the output tokens in
// message_delta.
std::vector<SseFrame> messages_stream(const Completion& c) {
    std::vector<SseFrame> frames;
    frames.reserve(c.pieces.size() + 6);
    const auto start =
        fmt::format(R"({{"type":"message_start","message":{}}})", message(c, "[]", "null", 1));
    frames.push_back(sse_frame("message_start", start));
    const auto block_start =
        fmt::format(R"({{"type":"content_block_start","index":0,"content_block":{}}})",
                    content_block(c, R"("")", "{}"));
    frames.push_back(sse_frame("content_block_start", block_start));
    frames.push_back(sse_frame("ping", R"({"type": "ping"})"));
    for (const auto& piece : c.pieces) {
        frames.push_back(sse_frame("content_block_delta", piece_delta(c, piece), true));
    }
    frames.push_back(sse_frame("content_block_stop", R"({"type":"content_block_stop","index":0})"));
    const auto delta =
        fmt::format(R"({{"type":"message_delta","delta":{{"stop_reason":{},"stop_sequence":null}},)"
                    R"("usage":{{"output_tokens":{}}}}})",
                    stop_reason(c), c.usage.output_tokens);
    frames.push_back(sse_frame("message_delta", delta));
    frames.push_back(sse_frame("message_stop", R"({"type":"message_stop"})"));
    return frames;
}

}  // namespace gw::mock::detail
