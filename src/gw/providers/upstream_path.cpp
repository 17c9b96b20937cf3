#include "gw/providers/upstream_path.hpp"

#include "gw/base/concat.hpp"
#include "gw/providers/provider_id.hpp"

#include <fmt/format.h>

#include <cctype>

namespace gw::providers {
namespace {

using llm::ApiFormat;

constexpr std::string_view kAzureApiVersion = "2025-01-01-preview";

bool speaks_responses(std::optional<ProviderId> id) {
    return id == ProviderId::OpenAi || id == ProviderId::Xai || id == ProviderId::ChatGpt ||
           id == ProviderId::Vercel;
}

bool speaks_messages(std::optional<ProviderId> id) {
    return id == ProviderId::Anthropic || id == ProviderId::Vercel;
}

// The reference's build(): a base_url path prefix replaces the provider's default prefix.
std::string build(const PathInput& input, std::string_view default_prefix,
                  std::string_view suffix) {
    const std::string_view prefix = input.base_url_prefix.value_or(default_prefix);
    return concat({prefix, "/", suffix});
}

// A model id as one path segment, percent-encoded the way the AWS SDKs send it: Bedrock ids hold
// ':' (`...-v2:0`) and ARNs hold '/' too.
std::string aws_path_segment(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out += fmt::format("%{:02X}", byte);
        }
    }
    return out;
}

// OpenAI-compatible endpoints: chat/completions or responses under the provider's prefix.
std::string openai_compatible_path(const PathInput& input, std::optional<ProviderId> id,
                                   std::string_view suffix) {
    if (!id) return build(input, "/v1", suffix);
    switch (*id) {
        case ProviderId::Groq:
            return build(input, "/openai/v1", suffix);
        case ProviderId::Zhipu:
            return build(input, "/api/paas/v4", suffix);
        case ProviderId::Qwen:
            return build(input, "/compatible-mode/v1", suffix);
        case ProviderId::Gemini:
            return build(input, "/v1beta/openai", suffix);
        case ProviderId::AzureOpenAi:
            return build(
                input, "/openai/deployments",
                fmt::format("{}/{}?api-version={}", input.model_id, suffix, kAzureApiVersion));
        default:
            if (input.provider_name.starts_with("perplexity/")) return build(input, "", suffix);
            return build(input, "/v1", suffix);
    }
}

}  // namespace

ApiFormat upstream_api_for(ApiFormat client_api, std::string_view provider_interface) {
    const auto id = parse_provider_id(provider_interface);
    if (id == ProviderId::AmazonBedrock) return ApiFormat::BedrockConverse;
    // Deliberate difference from the reference (spec §3): Anthropic is always asked in its native
    // Messages API, never its OpenAI-compatible endpoint, so tools, images, stop reasons and cache
    // usage keep full fidelity for Chat and Responses clients too.
    if (id == ProviderId::Anthropic) return ApiFormat::AnthropicMessages;
    if (client_api == ApiFormat::AnthropicMessages && speaks_messages(id)) {
        return ApiFormat::AnthropicMessages;
    }
    if (client_api == ApiFormat::OpenAiResponses && speaks_responses(id)) {
        return ApiFormat::OpenAiResponses;
    }
    return ApiFormat::OpenAiChat;
}

std::string upstream_path(const PathInput& input) {
    const auto id = parse_provider_id(input.provider_interface);
    switch (upstream_api_for(input.client_api, input.provider_interface)) {
        case ApiFormat::AnthropicMessages:
            return build(input, "/v1", "messages");
        case ApiFormat::BedrockConverse:
            return build(input, "",
                         fmt::format("model/{}/{}", aws_path_segment(input.model_id),
                                     input.streaming ? "converse-stream" : "converse"));
        case ApiFormat::OpenAiResponses:
            return openai_compatible_path(input, id, "responses");
        case ApiFormat::OpenAiChat:
            break;
    }
    return openai_compatible_path(input, id, "chat/completions");
}

}  // namespace gw::providers
