#include "gw/config/model.hpp"

namespace gw::config {

std::string Overrides::router_model() const {
    const std::string model =
        llm_routing_model.value_or(agent_orchestration_model.value_or("Plano-Orchestrator"));
    const std::size_t slash = model.find('/');
    return slash == std::string::npos ? model : model.substr(slash + 1);
}

const Listener* Config::model_listener() const {
    for (const Listener& listener : listeners) {
        if (listener.type == ListenerType::Model) return &listener;
    }
    return nullptr;
}

}  // namespace gw::config
