#pragma once
// Internal to gw_translate: the two events that make up almost every stream, read without a DOM
// (gw::json::JsonCursor). Each reader accepts only events whose every other member is a scalar
// the DOM path ignores too, so what it returns is exactly what the DOM path would act on; for
// anything else it returns nullopt and the decoder reads the event with the DOM. Views point
// into the event data or `scratch`.

#include "gw/json/cursor.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::translate::detail {

// The text members of a Chat chunk's choices[0].delta (a member that is not a string reads
// empty, as the DOM path reads it).
struct ChatTextDelta {
    std::string_view content;
    std::string_view reasoning_content;  // DeepSeek, vLLM
    std::string_view reasoning;          // OpenRouter
};

// What every chunk of a Chat stream repeats before "choices" (id, object, created, model...):
// learnt from one chunk, skipped in the next ones that start with the same bytes.
struct ChatEnvelope {
    std::string prefix;
    json::JsonCursor::RootMember choices;  // where "choices" follows the prefix
};

// A chunk with one choice whose delta holds text only: no finish reason, tool calls, usage
// or error.
[[nodiscard]] std::optional<ChatTextDelta> read_chat_text_delta(std::string_view data,
                                                                std::string& scratch,
                                                                ChatEnvelope& envelope);

// A Messages content_block_delta event's index and delta members.
struct BlockDelta {
    int64_t index = 0;
    std::string_view type;
    std::string_view text;          // text_delta
    std::string_view thinking;      // thinking_delta
    std::string_view partial_json;  // input_json_delta
    std::string_view signature;     // signature_delta
};

// A `{"type":"content_block_delta","index":N,"delta":{...}}` event.
[[nodiscard]] std::optional<BlockDelta> read_block_delta(std::string_view data,
                                                         std::string& scratch);

}  // namespace gw::translate::detail
