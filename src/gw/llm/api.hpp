#pragma once
// Vocabulary shared by every module that deals with LLM APIs.

#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::llm {

// The wire API of a request or response body.
enum class ApiFormat { OpenAiChat, AnthropicMessages, OpenAiResponses, BedrockConverse };

std::string_view to_string(ApiFormat api);

struct Usage {
    std::optional<int64_t> input_tokens;
    std::optional<int64_t> output_tokens;
    std::optional<int64_t> total_tokens;
    std::optional<int64_t> cached_input_tokens;
    std::optional<int64_t> cache_creation_input_tokens;
    std::optional<int64_t> reasoning_tokens;
};

}  // namespace gw::llm
