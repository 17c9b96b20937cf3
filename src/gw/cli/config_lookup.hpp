#pragma once
// Which config `planoai up` serves (spec §1): FILE, else DIR/config.yaml, DIR/plano_config.yaml,
// else ./plano_config.yaml, else the zero-config defaults of the reference (cli.md §2.1).

#include "gw/base/result.hpp"
#include "gw/config/load.hpp"

#include <optional>
#include <string>

namespace gw::cli {

struct ConfigSource {
    std::optional<std::string> path;  // nullopt: zero-config defaults
};

// An explicit FILE that does not exist is an error (the reference silently falls back).
Result<ConfigSource> find_config(const std::optional<std::string>& file,
                                 const std::optional<std::string>& dir);

// The pass-through defaults: one model listener on `port` and the reference's ten wildcard
// providers, keyed from the environment when set, otherwise passthrough_auth.
std::string default_config_yaml(const config::Environment& env, int port);

// Loads whichever source was found.
config::LoadResult load_source(const ConfigSource& source);

}  // namespace gw::cli
