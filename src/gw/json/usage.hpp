#pragma once
// Token usage and response identity read from a provider response body or one SSE event's data
// (dataplane.md §3.4), for spans, metrics and cost. Never fails: unreadable input gives nullopt.

#include "gw/llm/api.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::json {

struct ResponseMeta {
    std::optional<std::string> model;  // the model the provider reports
    std::optional<std::string> id;     // response id (chatcmpl-..., msg_..., resp_...)
    std::optional<llm::Usage> usage;
    // Why generation stopped, as the provider says it: Chat `choices[].finish_reason`, Messages
    // `stop_reason` (top level, or `delta.stop_reason` in a message_delta event). Empty: not said.
    std::vector<std::string> finish_reasons;
};

// Reads top-level "model", "id" and "usage"; when absent there, the same fields of a nested
// "response" (Responses API events) or "message" (Anthropic message_start) object.
// Usage fields: prompt_tokens | input_tokens, completion_tokens | output_tokens, total_tokens or
// their sum, cached from prompt_tokens_details.cached_tokens | input_tokens_details.cached_tokens
// | cache_read_input_tokens | cached_content_token_count, cache_creation_input_tokens, reasoning
// from completion_tokens_details.reasoning_tokens | output_tokens_details.reasoning_tokens |
// thoughts_token_count. nullopt when `json_object` is not a JSON object.
std::optional<ResponseMeta> read_response_meta(std::string_view json_object);

// True when an SSE event's data states a finish or stop reason (not null), i.e. it is worth a
// read_response_meta(); chat streams carry `"finish_reason":null` in every other chunk.
[[nodiscard]] bool states_finish_reason(std::string_view json_object);

// Shorthands of read_response_meta().
std::optional<llm::Usage> extract_usage(std::string_view json_object);
std::optional<std::string> response_model(std::string_view json_object);

}  // namespace gw::json
