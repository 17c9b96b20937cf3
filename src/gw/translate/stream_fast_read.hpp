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

// The bytes around the one string that changes from event to event of a stream (a text delta's
// text): an event with the same bytes before and after a valid string token reads as the learnt
// one with that string replaced, because the reading of what precedes a string token does not
// depend on what follows it, and a string token ends at its closing quote.
class EventShape {
  public:
    // Remembers `data` around its string token `token`.
    void learn(std::string_view data, json::JsonCursor::Span token);
    // The varying string of `data`, unescaped, when `data` has the learnt shape.
    [[nodiscard]] std::optional<std::string_view> match(std::string_view data,
                                                        std::string& scratch) const;

  private:
    std::string prefix_;  // up to and with the opening quote; empty: nothing learnt
    std::string suffix_;  // after the closing quote
};

// The text members of a Chat chunk's choices[0].delta (a member that is not a string reads
// empty, as the DOM path reads it).
struct ChatTextDelta {
    std::string_view content;
    std::string_view reasoning_content;  // DeepSeek, vLLM
    std::string_view reasoning;          // OpenRouter
};

// What a Chat decoder learns from the chunks it reads. The envelope: what every chunk repeats
// before "choices" (id, object, created, model...), skipped in the next chunks that start with
// the same bytes. The shape: a whole chunk but for its one text member `slot`.
struct ChatFastState {
    std::string prefix;
    json::JsonCursor::RootMember choices;  // where "choices" follows the prefix
    EventShape shape;
    std::string_view ChatTextDelta::*slot = nullptr;
};

// A chunk with one choice whose delta holds text only: no finish reason, tool calls, usage
// or error.
[[nodiscard]] std::optional<ChatTextDelta> read_chat_text_delta(std::string_view data,
                                                                std::string& scratch,
                                                                ChatFastState& state);

// A Messages content_block_delta event's index and delta members.
struct BlockDelta {
    int64_t index = 0;
    std::string_view type;
    std::string_view text;          // text_delta
    std::string_view thinking;      // thinking_delta
    std::string_view partial_json;  // input_json_delta
    std::string_view signature;     // signature_delta
};

// What a Messages decoder learns: a content_block_delta but for its one string `slot`.
struct BlockFastState {
    EventShape shape;
    int64_t index = 0;
    std::string type;
    std::string_view BlockDelta::*slot = nullptr;
};

// A `{"type":"content_block_delta","index":N,"delta":{...}}` event.
[[nodiscard]] std::optional<BlockDelta> read_block_delta(std::string_view data,
                                                         std::string& scratch,
                                                         BlockFastState& state);

}  // namespace gw::translate::detail
