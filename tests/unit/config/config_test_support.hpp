#pragma once
// Shared helpers for the config tests: load YAML text and look at the errors as strings.

#include "gw/config/load.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gw::config::testing {

// A minimal valid config; tests append sections to it.
inline constexpr std::string_view kMinimal =
    "version: v0.4.0\n"
    "listeners:\n"
    "  - name: llm\n"
    "    type: model\n"
    "    port: 12000\n"
    "model_providers:\n"
    "  - model: openai/gpt-4o\n"
    "    access_key: sk-test\n";

inline LoadResult load(std::string_view yaml, const Environment& env = {}) {
    return load_config_text(yaml, "cfg.yaml", env);
}

inline std::vector<std::string> error_strings(const LoadResult& result) {
    std::vector<std::string> out;
    for (const ConfigError& e : result.errors) out.push_back(e.to_string());
    return out;
}

// The config of a load that must succeed; fails the test with every error otherwise.
inline Config expect_valid(const LoadResult& result) {
    for (const std::string& e : error_strings(result)) ADD_FAILURE() << e;
    if (!result.config) {
        ADD_FAILURE() << "no config";
        return Config{};
    }
    return *result.config;
}

// The one error of a load that must fail with exactly one problem.
inline std::string single_error(const LoadResult& result) {
    EXPECT_FALSE(result.config.has_value());
    const auto errors = error_strings(result);
    EXPECT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
    return errors.empty() ? std::string() : errors.front();
}

}  // namespace gw::config::testing
