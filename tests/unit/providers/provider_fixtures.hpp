#pragma once
// Providers built the way the config loader renders them (dataplane.md §1.3).

#include "gw/config/model.hpp"

#include <string>

namespace gw::providers::testing {

inline config::ModelProvider provider(const std::string& model) {
    config::ModelProvider p;
    p.name = model;
    p.model = model;
    const size_t slash = model.find('/');
    p.provider = model.substr(0, slash);
    p.model_id = slash == std::string::npos ? model : model.substr(slash + 1);
    p.provider_interface = p.provider;
    p.wildcard = p.model_id == "*";
    p.access_key = "key-" + p.provider;
    return p;
}

inline config::ModelProvider custom(const std::string& model, const std::string& interface,
                                    const std::string& base_url) {
    config::ModelProvider p = provider(model);
    p.provider_interface = interface;
    p.base_url = base_url;
    return p;
}

}  // namespace gw::providers::testing
