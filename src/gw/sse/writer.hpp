#pragma once
// Formatting of Server-Sent Events (the inverse of SseScanner).

#include <string>
#include <string_view>

namespace gw::sse {

// The terminator of OpenAI-style streams.
inline constexpr std::string_view kDoneEvent = "data: [DONE]\n\n";

// Appends one event to `out`: an "event:" line when `event` is not empty, one "data:" line per
// line of `data` (split at "\r\n", '\r' or '\n', so the payload can never end the event early),
// then the blank line. Line breaks in `event` are dropped for the same reason.
void format_event(std::string& out, std::string_view data, std::string_view event = {});

// Appends a comment line (": text\n"), e.g. a keep-alive ping; line breaks in `text` are dropped.
void format_comment(std::string& out, std::string_view text);

}  // namespace gw::sse
