// Anthropic Messages: message bodies and the message_start .. message_stop event stream.
#include "gw/mock/json_text.hpp"
#include "gw/mock/render.hpp"

#include <fmt/format.h>

namespace gw::mock::detail {
namespace {

// The message object; `content` and `usage` differ between the body and message_start.
std::string message(const Completion& c, std::string_view content, std::string_view stop_reason,
                    uint64_t output_tokens) {
    return fmt::format(
        R"({{"id":"msg_mock_{}","type":"message","role":"assistant","model":{},"content":{},)"
        R"("stop_reason":{},"stop_sequence":null,"usage":{{"input_tokens":{},"output_tokens":{}}}}})",
        c.seq, json_string(c.model), content, stop_reason, c.usage.input_tokens, output_tokens);
}

}  // namespace

std::string messages_body(const Completion& c) {
    const auto content = fmt::format(R"([{{"type":"text","text":{}}}])", json_string(c.text()));
    return message(c, content, R"("end_turn")", c.usage.output_tokens);
}

std::vector<SseFrame> messages_stream(const Completion& c) {
    std::vector<SseFrame> frames;
    frames.reserve(c.pieces.size() + 6);
    const auto start =
        fmt::format(R"({{"type":"message_start","message":{}}})", message(c, "[]", "null", 1));
    frames.push_back(sse_frame("message_start", start));
    frames.push_back(sse_frame(
        "content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"));
    frames.push_back(sse_frame("ping", R"({"type": "ping"})"));
    for (const auto& piece : c.pieces) {
        const auto delta = fmt::format(
            R"({{"type":"content_block_delta","index":0,"delta":{{"type":"text_delta","text":{}}}}})",
            json_string(piece));
        frames.push_back(sse_frame("content_block_delta", delta, true));
    }
    frames.push_back(sse_frame("content_block_stop", R"({"type":"content_block_stop","index":0})"));
    const auto delta = fmt::format(
        R"({{"type":"message_delta","delta":{{"stop_reason":"end_turn","stop_sequence":null}},)"
        R"("usage":{{"output_tokens":{}}}}})",
        c.usage.output_tokens);
    frames.push_back(sse_frame("message_delta", delta));
    frames.push_back(sse_frame("message_stop", R"({"type":"message_stop"})"));
    return frames;
}

}  // namespace gw::mock::detail
