#pragma once
// Shared by the translate fuzzers: the APIs, and a strict JSON validity check with simdjson's DOM
// parser (independent of the translate module's own parsing).

#include "gw/llm/api.hpp"

#include <simdjson.h>

#include "fuzz_util.hpp"
#include <array>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace gw::fuzz {

inline constexpr std::array<llm::ApiFormat, 4> kApis = {
    llm::ApiFormat::OpenAiChat, llm::ApiFormat::AnthropicMessages, llm::ApiFormat::OpenAiResponses,
    llm::ApiFormat::BedrockConverse};

// True when `text` is one complete JSON object.
inline bool is_json_object(std::string_view text) {
    thread_local simdjson::dom::parser parser;
    const simdjson::padded_string padded(text);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) return false;
    return root.is_object();
}

// True when `text` is a Bedrock Converse request body: one JSON object with a `messages` array
// and no `model` (the model id goes in the path). Converse requests are never decoded by the
// translate module, so this is what can be checked of one.
inline bool is_converse_request(std::string_view text) {
    thread_local simdjson::dom::parser parser;
    const simdjson::padded_string padded(text);
    simdjson::dom::object root;
    if (parser.parse(padded).get_object().get(root) != simdjson::SUCCESS) return false;
    simdjson::dom::array messages;
    if (root["messages"].get_array().get(messages) != simdjson::SUCCESS) return false;
    return root["model"].error() == simdjson::NO_SUCH_FIELD;
}

}  // namespace gw::fuzz
