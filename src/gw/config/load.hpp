#pragma once
// Loading Plano YAML into a validated Config. Every problem is collected (not just the first) with
// its position, so the user can fix a file in one pass.

#include "gw/config/model.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::config {

struct ConfigError {
    std::string file;
    int line = 0;     // 1-based; 0 when the problem has no single position
    int column = 0;   // 1-based
    std::string key;  // dotted path of the offending key: "model_providers[1].base_url"
    std::string message;

    // "file:line:col: key: message" (position and key left out when unknown).
    [[nodiscard]] std::string to_string() const;
};

// Variables visible to $VAR / ${VAR} expansion.
using Environment = std::map<std::string, std::string, std::less<>>;

struct LoadResult {
    std::optional<Config> config;  // set only when errors is empty
    std::vector<ConfigError> errors;
    std::vector<std::string> warnings;  // deprecations, ignored access keys ...
};

// Parses, expands $VAR/${VAR}, migrates legacy forms and validates `text`. `file` names the
// source in error messages. An unset variable is an error naming it.
LoadResult load_config_text(std::string_view text, std::string_view file, const Environment& env);

// Reads `path`, merges the process environment with a `.env` file beside it (the process
// environment wins), then behaves like load_config_text().
LoadResult load_config_file(const std::string& path);

// Process environment as an Environment.
Environment process_environment();

// Parses a `.env` file body: `KEY=VALUE` lines, `#` comments, optional quotes, optional `export `.
Environment parse_dotenv(std::string_view text);

// Parses "300s", "5s", "250ms", "2m", "1h" or a bare number of seconds.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace gw::config
