#include "gw/base/headers.hpp"
#include "gw/config/suggest.hpp"
#include "gw/config/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace gw::config::detail {
namespace {

constexpr std::string_view kSupportedProviders[] = {
    "deepseek",    "groq",   "mistral",      "openai", "xiaomi",  "gemini",         "anthropic",
    "together_ai", "xai",    "moonshotai",   "zhipu",  "chatgpt", "digitalocean",   "vercel",
    "openrouter",  "edenai", "azure_openai", "ollama", "qwen",    "amazon_bedrock", "plano"};
constexpr std::string_view kProvidersNeedingBaseUrl[] = {"azure_openai", "ollama", "qwen",
                                                         "amazon_bedrock", "plano"};

bool contains(std::span<const std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_http_url(std::string_view url) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (istarts_with(url, scheme)) {
            const std::string_view rest = url.substr(scheme.size());
            return !rest.empty() && rest.front() != '/' && rest.front() != ':';
        }
    }
    return false;
}

// State shared by the checks of consecutive providers (step 9 runs in declaration order).
struct ProviderScan {
    std::set<std::string, std::less<>> names;
    std::set<std::string, std::less<>> model_keys;  // full names and ids of non-wildcards
    const ProviderDraft* default_provider = nullptr;
};

// Resolves provider_interface for the supported/unsupported prefix rules (steps 9.6-9.8).
// Returns false when the provider is rejected.
bool check_interface(ProviderDraft& draft, Diagnostics& diag) {
    ModelProvider& p = draft.provider;
    const std::string key = draft.path + ".model";
    if (draft.provider_interface_given && !draft.provider_interface) return false;  // reported
    if (contains(kProvidersNeedingBaseUrl, p.provider) && !p.base_url) {
        diag.error(draft.model_mark, draft.path + ".base_url",
                   fmt::format("Provider '{}' requires 'base_url' to be set for model {}",
                               p.provider, p.model));
        return false;
    }
    if (!contains(kSupportedProviders, p.provider)) {
        if (!p.base_url || !draft.provider_interface) {
            diag.error(draft.model_mark, key,
                       fmt::format("Must provide base_url and provider_interface for unsupported "
                                   "provider {} for {}model {}. Supported providers are: {}",
                                   p.provider, p.wildcard ? "wildcard " : "", p.model,
                                   join_names(kSupportedProviders)));
            return false;
        }
        p.provider_interface = *draft.provider_interface;
        return true;
    }
    if (draft.provider_interface) {
        diag.error(draft.model_mark, draft.path + ".provider_interface",
                   fmt::format("Please provide provider interface as part of model name {} using "
                               "the format <provider>/<model_id>. For example, use "
                               "'openai/gpt-3.5-turbo' instead of 'gpt-3.5-turbo'",
                               p.model));
        return false;
    }
    p.provider_interface = p.provider;
    return true;
}

void check_default(const ProviderDraft& draft, ProviderScan& scan, Diagnostics& diag) {
    const ModelProvider& p = draft.provider;
    if (!p.is_default) return;
    if (p.wildcard) {
        diag.error(draft.default_mark, draft.path + ".default",
                   fmt::format("Model {} is configured as default but uses wildcard (*). Default "
                               "models cannot be wildcards.",
                               p.model));
    } else if (scan.default_provider != nullptr) {
        diag.error(draft.default_mark, draft.path + ".default",
                   fmt::format("Only one model provider can be marked as default ('{}' already "
                               "is)",
                               scan.default_provider->provider.name));
    } else {
        scan.default_provider = &draft;
    }
}

void check_provider(ProviderDraft& draft, ProviderScan& scan, Diagnostics& diag) {
    ModelProvider& p = draft.provider;
    if (p.model.empty()) return;  // missing or invalid: already reported
    if (p.name.empty()) p.name = p.model;
    if (!scan.names.insert(p.name).second) {
        const bool named = draft.name_mark.line != 0;
        diag.error(named ? draft.name_mark : draft.model_mark,
                   draft.path + (named ? ".name" : ".model"),
                   fmt::format("Duplicate model_provider name {}, please provide unique name for "
                               "each model_provider",
                               p.name));
    }
    const std::size_t slash = p.model.find('/');
    p.wildcard = slash != std::string::npos && p.model.ends_with("/*");
    const bool duplicate_model = !p.wildcard && scan.model_keys.contains(p.model);
    if (duplicate_model) {
        diag.error(draft.model_mark, draft.path + ".model",
                   fmt::format("Duplicate model name {}, please provide unique model name for "
                               "each model_provider",
                               p.model));
    }
    if (slash == std::string::npos) {
        diag.error(draft.model_mark, draft.path + ".model",
                   fmt::format("Invalid model name {}. Please provide model name in the format "
                               "<provider>/<model_id> or <provider>/* for wildcards.",
                               p.model));
        return;
    }
    p.provider = p.model.substr(0, slash);
    p.model_id = p.model.substr(slash + 1);
    check_default(draft, scan, diag);
    if (!check_interface(draft, diag)) return;
    if (!p.wildcard && !duplicate_model) {
        if (scan.model_keys.contains(p.model_id)) {
            diag.error(draft.model_mark, draft.path + ".model",
                       fmt::format("Duplicate model_id {}, please provide unique model_id for "
                                   "each model_provider",
                                   p.model_id));
        }
        scan.model_keys.insert(p.model);
        scan.model_keys.insert(p.model_id);
    }
    if (p.base_url && !is_http_url(*p.base_url)) {
        diag.error(draft.base_url_mark, draft.path + ".base_url",
                   "Please provide a valid URL with scheme (http/https) in base_url");
    }
    if (p.passthrough_auth && p.access_key) {
        diag.warn(
            fmt::format("Model provider '{}' has both 'passthrough_auth: true' and "
                        "'access_key' configured. The access_key will be ignored and the "
                        "client's Authorization header will be forwarded instead.",
                        p.name));
    }
}

// Providers may be left out only by configs that serve nothing but prompt or agent listeners;
// everywhere else the model listener would start with nothing to route to, which the reference
// rejects too (dataplane.md §2.1 "Empty list -> startup error").
bool providers_required(const Document& doc) {
    return std::any_of(doc.listeners.begin(), doc.listeners.end(),
                       [](const ListenerDraft& l) {
                           return l.listener.type == ListenerType::Model && !l.synthesised;
                       }) ||
           std::all_of(doc.listeners.begin(), doc.listeners.end(),
                       [](const ListenerDraft& l) { return l.synthesised; });
}

}  // namespace

void validate_providers(Document& doc, Diagnostics& diag) {
    if (doc.providers.empty() && providers_required(doc)) {
        diag.error({}, doc.providers_key,
                   doc.legacy_listeners
                       ? "model_providers cannot be empty when using legacy format"
                       : "model_providers cannot be empty: add at least one provider");
        return;
    }
    ProviderScan scan;
    for (ProviderDraft& draft : doc.providers) check_provider(draft, scan, diag);
}

}  // namespace gw::config::detail
