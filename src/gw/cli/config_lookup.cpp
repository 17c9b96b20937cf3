#include "gw/cli/config_lookup.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <filesystem>
#include <string_view>
#include <vector>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDefaultTracingEndpoint = "http://localhost:4317";

struct DefaultProvider {
    std::string_view name;
    std::string_view env;
    std::string_view base_url;
};

constexpr std::array<DefaultProvider, 10> kDefaultProviders = {{
    {"openai", "OPENAI_API_KEY", "https://api.openai.com/v1"},
    {"anthropic", "ANTHROPIC_API_KEY", "https://api.anthropic.com/v1"},
    {"gemini", "GEMINI_API_KEY", "https://generativelanguage.googleapis.com/v1beta"},
    {"groq", "GROQ_API_KEY", "https://api.groq.com/openai/v1"},
    {"deepseek", "DEEPSEEK_API_KEY", "https://api.deepseek.com/v1"},
    {"mistral", "MISTRAL_API_KEY", "https://api.mistral.ai/v1"},
    {"digitalocean", "DO_API_KEY", "https://inference.do-ai.run/v1"},
    {"vercel", "AI_GATEWAY_API_KEY", "https://ai-gateway.vercel.sh/v1"},
    {"openrouter", "OPENROUTER_API_KEY", "https://openrouter.ai/api/v1"},
    {"edenai", "EDENAI_API_KEY", "https://api.edenai.run/v3"},
}};

bool has_value(const config::Environment& env, std::string_view name) {
    auto it = env.find(name);
    return it != env.end() && !it->second.empty();
}

}  // namespace

Result<ConfigSource> find_config(const std::optional<std::string>& file,
                                 const std::optional<std::string>& dir) {
    if (file) {
        if (!fs::exists(*file)) {
            return Error::not_found("config file " + *file +
                                    " does not exist; give an existing file, or no FILE to search "
                                    "--path (default: the working directory)");
        }
        return ConfigSource{fs::absolute(*file).string()};
    }
    fs::path base = dir ? fs::path(*dir) : fs::current_path();
    if (dir && !fs::is_directory(base)) {
        return Error::not_found("--path " + *dir + " is not a directory");
    }
    // config.yaml wins over plano_config.yaml, as in the reference.
    for (const char* name : {"config.yaml", "plano_config.yaml"}) {
        fs::path candidate = base / name;
        if (fs::exists(candidate)) return ConfigSource{fs::absolute(candidate).string()};
    }
    return ConfigSource{};
}

std::string default_config_yaml(const config::Environment& env, int port) {
    std::string yaml = fmt::format(
        "version: v0.4.0\nlisteners:\n  - name: llm\n    type: model\n    port: {}\n"
        "    address: 0.0.0.0\nmodel_providers:\n",
        port);
    // Env-keyed providers first, then pass-through ones, as the reference orders them.
    for (bool keyed : {true, false}) {
        for (const auto& p : kDefaultProviders) {
            if (has_value(env, p.env) != keyed) continue;
            yaml += fmt::format("  - name: {}\n    model: {}/*\n    base_url: {}\n", p.name, p.name,
                                p.base_url);
            yaml += keyed ? fmt::format("    access_key: ${}\n", p.env)
                          : std::string("    passthrough_auth: true\n");
        }
    }
    yaml += fmt::format("tracing:\n  random_sampling: 100\n  opentracing_grpc_endpoint: {}\n",
                        kDefaultTracingEndpoint);
    return yaml;
}

std::string default_config_summary(const config::Environment& env) {
    std::vector<std::string_view> keyed;
    std::vector<std::string_view> pass_through;
    for (const auto& p : kDefaultProviders) {
        (has_value(env, p.env) ? keyed : pass_through).push_back(p.name);
    }
    std::vector<std::string> parts;
    if (!keyed.empty()) parts.push_back(fmt::format("env-keyed: {}", fmt::join(keyed, ", ")));
    if (!pass_through.empty()) {
        parts.push_back(fmt::format("pass-through: {}", fmt::join(pass_through, ", ")));
    }
    return parts.empty() ? "no providers" : fmt::format("{}", fmt::join(parts, " | "));
}

config::LoadResult load_source(const ConfigSource& source, int default_port) {
    if (source.path) return config::load_config_file(*source.path);
    config::Environment env = config::process_environment();
    return config::load_config_text(default_config_yaml(env, default_port), "<defaults>", env);
}

}  // namespace gw::cli
