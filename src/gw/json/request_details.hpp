#pragma once
// What the llm span shows about a request beyond the routing fields (dataplane.md §5.3): the tool
// names (`llm.tools`) and a short preview of the user's message (`llm.user_message_preview`).
// Read only when the request is traced, from the same parse as the routing fields: the
// scan_request overload that takes the client API (request_scan.hpp).

#include "gw/llm/api.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gw::json {

// Where the preview comes from depends on the API, as in the reference: Chat — the last message
// when its content is a plain string; Messages — the first text of the most recent user message;
// Responses — a string `input`, else the most recent user item's first input_text. Unexpected
// shapes give nullopt fields, never an error (the request was validated already).
struct RequestDetails {
    // Each tool as `name(...)`, joined by '\n'; nullopt when the request declares no tools.
    std::optional<std::string> tools;
    // The first kPreviewChars characters (code points) of the message, plus "..." when longer.
    std::optional<std::string> user_message_preview;
};

inline constexpr std::size_t kPreviewChars = 50;

// `text` cut to kPreviewChars code points, with "..." appended when something was cut.
[[nodiscard]] std::string preview_of(std::string_view text);

}  // namespace gw::json
