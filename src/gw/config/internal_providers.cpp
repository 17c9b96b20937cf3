#include "gw/config/internal_providers.hpp"

#include <algorithm>
#include <functional>

namespace gw::config::detail {
namespace {

constexpr std::string_view kArchFunctionName = "arch-function";
constexpr std::string_view kArchFunctionModel = "Arch-Function";
constexpr std::string_view kOrchestratorName = "plano-orchestrator";

ModelProvider internal_provider(std::string_view name, std::string_view model) {
    ModelProvider p;
    p.name = std::string(name);
    p.model = std::string(model);
    p.provider = "plano";
    p.model_id = std::string(model);
    p.provider_interface = "plano";
    p.internal = true;
    return p;
}

bool has_provider(const Document& doc, const std::function<bool(const ModelProvider&)>& match) {
    return std::any_of(doc.providers.begin(), doc.providers.end(),
                       [&](const ProviderDraft& d) { return match(d.provider); });
}

}  // namespace

std::vector<ModelProvider> internal_providers(const Document& doc) {
    std::vector<ModelProvider> out;
    if (!doc.routing_preferences.empty()) {
        const std::string model = doc.overrides.router_model();
        if (!has_provider(doc, [&](const ModelProvider& p) { return p.model_id == model; })) {
            out.push_back(internal_provider(kOrchestratorName, model));
        }
    }
    if (!has_provider(doc, [](const ModelProvider& p) { return p.name == kArchFunctionName; })) {
        out.push_back(internal_provider(kArchFunctionName, kArchFunctionModel));
    }
    return out;
}

}  // namespace gw::config::detail
