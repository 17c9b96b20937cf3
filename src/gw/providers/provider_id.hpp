#pragma once
// The provider families the reference knows (hermesllm ProviderId), their display strings and
// built-in endpoints (dataplane.md §1.2, §2.8).

#include <optional>
#include <string_view>

namespace gw::providers {

enum class ProviderId {
    OpenAi,
    Anthropic,
    Mistral,
    Deepseek,
    Groq,
    Gemini,
    GitHub,
    Plano,
    Xai,
    TogetherAi,
    AzureOpenAi,
    Ollama,
    MoonshotAi,
    Zhipu,
    Qwen,
    AmazonBedrock,
    ChatGpt,
    DigitalOcean,
    Vercel,
    OpenRouter,
    Astraflow,
    AstraflowCn,
    Meta,
    Minimax,
    EdenAi,
    Xiaomi,
};

// Parses a provider prefix or provider_interface, accepting the reference's aliases (google,
// together, amazon, do, do_ai, arch). nullopt for an unknown (custom) provider.
std::optional<ProviderId> parse_provider_id(std::string_view text);

// The reference's owned_by display string: "OpenAI", "Anthropic", "xai", "together_ai" ...
std::string_view display_name(ProviderId id);

// The host of the built-in endpoint (always https on 443), or empty when the provider has none
// and needs a base_url. Beyond the reference's clusters, vercel, openrouter, edenai and chatgpt
// get the endpoints the reference's CLI writes into zero-config files, so they work without one.
std::string_view builtin_host(ProviderId id);
// The path prefix of that endpoint when it is not the provider's usual one (openrouter
// "/api/v1", edenai "/v3", chatgpt "/backend-api/codex"); empty otherwise.
std::string_view builtin_path_prefix(ProviderId id);

}  // namespace gw::providers
