#include "gw/providers/provider_id.hpp"

#include <array>

namespace gw::providers {
namespace {

struct ProviderInfo {
    ProviderId id;
    std::string_view name;     // canonical prefix / provider_interface
    std::string_view display;  // owned_by in GET /v1/models
    std::string_view host;     // built-in cluster, empty when base_url is needed
    // Path prefix of the built-in endpoint for providers whose API does not sit at /v1 (empty:
    // the provider's own path rule applies).
    std::string_view path_prefix = {};
};

constexpr std::array<ProviderInfo, 26> kProviders{{
    {ProviderId::OpenAi, "openai", "OpenAI", "api.openai.com"},
    {ProviderId::Anthropic, "anthropic", "Anthropic", "api.anthropic.com"},
    {ProviderId::Mistral, "mistral", "Mistral", "api.mistral.ai"},
    {ProviderId::Deepseek, "deepseek", "Deepseek", "api.deepseek.com"},
    {ProviderId::Groq, "groq", "Groq", "api.groq.com"},
    {ProviderId::Gemini, "gemini", "Gemini", "generativelanguage.googleapis.com"},
    {ProviderId::GitHub, "github", "GitHub", ""},
    {ProviderId::Plano, "plano", "Plano", "archfc.katanemo.dev"},
    {ProviderId::Xai, "xai", "xai", "api.x.ai"},
    {ProviderId::TogetherAi, "together_ai", "together_ai", "api.together.xyz"},
    {ProviderId::AzureOpenAi, "azure_openai", "azure_openai", ""},
    {ProviderId::Ollama, "ollama", "ollama", ""},
    {ProviderId::MoonshotAi, "moonshotai", "moonshotai", "api.moonshot.ai"},
    {ProviderId::Zhipu, "zhipu", "zhipu", "open.bigmodel.cn"},
    {ProviderId::Qwen, "qwen", "qwen", ""},
    {ProviderId::AmazonBedrock, "amazon_bedrock", "amazon_bedrock", ""},
    {ProviderId::ChatGpt, "chatgpt", "chatgpt", "chatgpt.com", "/backend-api/codex"},
    {ProviderId::DigitalOcean, "digitalocean", "digitalocean", "inference.do-ai.run"},
    {ProviderId::Vercel, "vercel", "vercel", "ai-gateway.vercel.sh"},
    {ProviderId::OpenRouter, "openrouter", "openrouter", "openrouter.ai", "/api/v1"},
    {ProviderId::Astraflow, "astraflow", "astraflow", ""},
    {ProviderId::AstraflowCn, "astraflow_cn", "astraflow_cn", ""},
    {ProviderId::Meta, "meta", "meta", ""},
    {ProviderId::Minimax, "minimax", "minimax", ""},
    {ProviderId::EdenAi, "edenai", "edenai", "api.edenai.run", "/v3"},
    {ProviderId::Xiaomi, "xiaomi", "xiaomi", "api.xiaomimimo.com"},
}};

struct Alias {
    std::string_view name;
    ProviderId id;
};

constexpr std::array<Alias, 6> kAliases{{
    {"google", ProviderId::Gemini},
    {"together", ProviderId::TogetherAi},
    {"amazon", ProviderId::AmazonBedrock},
    {"do", ProviderId::DigitalOcean},
    {"do_ai", ProviderId::DigitalOcean},
    {"arch", ProviderId::Plano},
}};

const ProviderInfo& info(ProviderId id) {
    for (const auto& p : kProviders) {
        if (p.id == id) return p;
    }
    return kProviders.front();  // unreachable: the table covers every enumerator
}

}  // namespace

std::optional<ProviderId> parse_provider_id(std::string_view text) {
    for (const auto& p : kProviders) {
        if (p.name == text) return p.id;
    }
    for (const auto& a : kAliases) {
        if (a.name == text) return a.id;
    }
    return std::nullopt;
}

std::string_view display_name(ProviderId id) { return info(id).display; }

std::string_view builtin_host(ProviderId id) { return info(id).host; }

std::string_view builtin_path_prefix(ProviderId id) { return info(id).path_prefix; }

}  // namespace gw::providers
