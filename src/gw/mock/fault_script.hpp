#pragma once
// Scripted faults, chosen per request by headers. The gateway forwards client headers upstream, so
// a test (or the bench) steers the mock through the gateway without any side channel.
//
//   x-mock-status: S          answer with status S and an error body in the endpoint's shape
//                             (OpenAI style; Anthropic style on /v1/messages); 429 adds
//                             retry-after: 7
//   x-mock-delay-ms: N        wait N ms before sending the response head
//   x-mock-chunk-delay-ms: N  streaming: wait N ms before each content chunk
//   x-mock-chunks: N          number of content chunks (pieces of the reply); default one per word
//   x-mock-break-after: N     streaming: after N content chunks close the connection, without the
//                             terminating chunk (the client sees a truncated body)
//   x-mock-body-bytes: N      pad the reply text with words to about N bytes (big-response tests)
//   x-mock-tool-call: NAME    reply with a call of tool NAME instead of text, when the request
//                             defines that tool and its last message is not a tool result
//   x-mock-tool-args: JSON    the call's arguments (a JSON object); default {"query":"<the first
//                             40 characters of the last user message>"}
//   x-mock-cached-tokens: N   report N of the prompt tokens (at most all of them) as read from the
//                             prompt cache, in the API's usage fields
//
// Values are clamped (delays to 60 s, chunks to 100000, body to 64 MiB); unparsable values are
// ignored, so a typo never turns into an unbounded wait.

#include "gw/base/headers.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gw::mock {

inline constexpr std::string_view kMockHeaderPrefix = "x-mock-";

struct FaultScript {
    std::optional<unsigned> status;
    std::chrono::milliseconds delay{0};
    std::chrono::milliseconds chunk_delay{0};
    std::optional<size_t> chunks;
    std::optional<size_t> break_after;
    size_t body_bytes = 0;
    std::optional<std::string> tool_call;
    std::optional<std::string> tool_args;  // as sent; completion.cpp checks that it is an object
    std::optional<uint64_t> cached_tokens;
};

// Reads the x-mock-* fields of `headers`; every other field is ignored.
[[nodiscard]] FaultScript parse_fault_script(const Headers& headers);

}  // namespace gw::mock
