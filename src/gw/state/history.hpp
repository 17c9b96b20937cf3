#pragma once
// Pure transformations of OpenAI Responses JSON for the conversation store (agents.md §4.1): the
// items a request sends, the items its response adds, and a request with its stored history put
// in front of its own input. No I/O.

#include "gw/base/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gw::state {

// The request's `input` as a JSON array of input items. A string becomes one user message with
// one input_text part; a missing or null input gives []. Fails when the body is not a JSON object
// or `input` is neither a string nor an array.
[[nodiscard]] Result<std::string> request_input_items(std::string_view request_body);

// `request_body` with `input` set to the stored items followed by its own input items, and
// without `previous_response_id` (an upstream that needed the history does not know that id).
// Fails when the body fails request_input_items() or `stored_items_json` is not a JSON array.
[[nodiscard]] Result<std::string> prepend_history(std::string_view request_body,
                                                  std::string_view stored_items_json);

struct ResponseOutput {
    std::string response_id;
    std::string items_json;  // the output as input items for the next turn, a JSON array
};

// The id and output of a Responses object: a non-streaming body, or the `response` of a
// `response.completed` event. Messages keep their output_text parts (refusals are dropped, and
// messages left empty are skipped); function calls stay function_call items, so the client's
// function_call_output in the next turn has its call; other items (reasoning, ...) are dropped,
// since an upstream that does not speak Responses cannot take them back. nullopt when the body
// is not a Responses object with an id and an output array (an error body, say).
[[nodiscard]] std::optional<ResponseOutput> response_output_items(std::string_view responses_body);

// [first..., second...]. Precondition: both are JSON arrays.
[[nodiscard]] std::string join_items(std::string_view first, std::string_view second);

}  // namespace gw::state
