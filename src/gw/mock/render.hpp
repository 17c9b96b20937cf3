#pragma once
// Renders the mock's deterministic bodies and SSE streams in each API's wire shape. Pure: the
// server only decides when each piece is written.

#include "gw/mock/completion.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gw::mock {

// Every "created" timestamp, so outputs are byte-for-byte reproducible.
inline constexpr int64_t kCreated = 1700000000;

// One complete SSE event ("event: x\ndata: {...}\n\n"). `content` marks events that carry a piece
// of the reply: those are the ones x-mock-chunk-delay-ms and x-mock-break-after count.
struct SseFrame {
    std::string bytes;
    bool content = false;
};

[[nodiscard]] std::string render_body(const Completion& completion);
[[nodiscard]] std::vector<SseFrame> render_stream(const Completion& completion);
// An error body in the API's shape (Anthropic style for Messages, AWS's {"message"} for Converse,
// OpenAI style otherwise).
[[nodiscard]] std::string render_error(MockApi api, unsigned status, std::string_view message);
[[nodiscard]] std::string render_models();

namespace detail {

// `json` as one SSE event, with an `event:` line when `event` is not empty.
[[nodiscard]] SseFrame sse_frame(std::string_view event, std::string_view json,
                                 bool content = false);

std::string chat_body(const Completion& c);
std::vector<SseFrame> chat_stream(const Completion& c);
std::string messages_body(const Completion& c);
std::vector<SseFrame> messages_stream(const Completion& c);
std::string responses_body(const Completion& c);
std::vector<SseFrame> responses_stream(const Completion& c);
std::string converse_body(const Completion& c);
// Binary AWS event-stream frames rather than SSE events.
std::vector<SseFrame> converse_stream(const Completion& c);

}  // namespace detail
}  // namespace gw::mock
