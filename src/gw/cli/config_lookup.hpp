#pragma once
// Which config `planoai up` serves (cli.md §2.1): FILE, else DIR/config.yaml, else
// DIR/plano_config.yaml (DIR defaults to the working directory), else the reference's zero-config
// defaults: one model listener and ten pass-through providers, tracing to localhost:4317.

#include "gw/base/result.hpp"
#include "gw/config/load.hpp"

#include <optional>
#include <string>

namespace gw::cli {

constexpr int kDefaultListenerPort = 12000;

struct ConfigSource {
    std::optional<std::string> path;  // absolute; nullopt: zero-config defaults
};

// An explicit FILE that does not exist is an error (the reference silently falls back to the
// defaults, cli.md §8 quirk 5, which hides a typo in the file name).
Result<ConfigSource> find_config(const std::optional<std::string>& file,
                                 const std::optional<std::string>& dir);

// The pass-through defaults: one model listener on `port` and the reference's ten wildcard
// providers, keyed from the environment when set, otherwise passthrough_auth.
std::string default_config_yaml(const config::Environment& env, int port);

// "env-keyed: openai | pass-through: anthropic, ..." as the reference prints it.
std::string default_config_summary(const config::Environment& env);

// Loads whichever source was found; the defaults listen on `default_port`.
config::LoadResult load_source(const ConfigSource& source, int default_port = kDefaultListenerPort);

}  // namespace gw::cli
