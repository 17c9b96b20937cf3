#include "gw/config/model.hpp"

namespace gw::config {

const Listener* Config::model_listener() const {
    for (const Listener& listener : listeners) {
        if (listener.type == ListenerType::Model) return &listener;
    }
    return nullptr;
}

}  // namespace gw::config
