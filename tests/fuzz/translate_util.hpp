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

// `text` with each id synthesised for a Bedrock answer ("bedrock-" and 32 hex digits) replaced
// by "bedrock-ID": every translation of a Converse stream gets a fresh one.
inline std::string without_synthesised_id(std::string_view text) {
    constexpr std::string_view kPrefix = "bedrock-";
    constexpr size_t kDigits = 32;
    std::string out;
    size_t pos = 0;
    for (size_t found; (found = text.find(kPrefix, pos)) != std::string_view::npos;) {
        const size_t digits = found + kPrefix.size();
        size_t end = digits;
        while (end < text.size() && end - digits < kDigits &&
               std::isxdigit(static_cast<unsigned char>(text[end]))) {
            ++end;
        }
        out.append(text.substr(pos, digits - pos));
        out.append(end - digits == kDigits ? "ID" : text.substr(digits, end - digits));
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
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
