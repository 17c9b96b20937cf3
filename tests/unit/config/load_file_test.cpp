// load_config_file: reading from disk, `.env` beside the config, and the example configs under
// tests/testdata/configs.

#include "gw/config/load.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace gw::config {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const fs::path kTestdata = GW_CONFIG_TESTDATA_DIR;

std::vector<std::string> error_strings(const LoadResult& result) {
    std::vector<std::string> out;
    for (const ConfigError& e : result.errors) out.push_back(e.to_string());
    return out;
}

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gw_config_XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    fs::path write(const std::string& name, std::string_view text) const {
        const fs::path file = path_ / name;
        std::ofstream(file) << text;
        return file;
    }

  private:
    fs::path path_;
};

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~ScopedEnv() { unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* name_;
};

constexpr std::string_view kConfigWithKey =
    "version: v0.4.0\n"
    "model_providers:\n"
    "  - model: openai/gpt-4o\n"
    "    access_key: $GW_TEST_OPENAI_KEY\n";

TEST(LoadConfigFile, UnreadableFileNamesThePath) {
    const auto result = load_config_file("/nonexistent/dir/plano.yaml");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_THAT(result.errors[0].to_string(),
                HasSubstr("/nonexistent/dir/plano.yaml: cannot read config file"));
}

TEST(LoadConfigFile, DirectoryIsNotAConfigFile) {
    TempDir dir;
    const fs::path sub = dir.write("x", "");
    const auto result = load_config_file(sub.parent_path().string());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].to_string(),
              sub.parent_path().string() + ": cannot read config file: not a regular file");
}

TEST(LoadConfigFile, EmptyFileIsAnError) {
    TempDir dir;
    const fs::path config = dir.write("plano.yaml", "");
    const auto result = load_config_file(config.string());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_THAT(result.errors[0].to_string(), HasSubstr(": the file is empty"));
}

TEST(LoadConfigFile, ReadsDotenvBesideTheConfig) {
    TempDir dir;
    dir.write(".env", "# keys\nexport GW_TEST_OPENAI_KEY=\"sk-from-dotenv\"\n");
    const fs::path config = dir.write("plano.yaml", kConfigWithKey);
    const auto result = load_config_file(config.string());
    ASSERT_TRUE(result.config.has_value()) << ::testing::PrintToString(error_strings(result));
    EXPECT_EQ(result.config->model_providers[0].access_key, "sk-from-dotenv");
    EXPECT_EQ(result.config->source_path, config.string());
}

TEST(LoadConfigFile, ProcessEnvironmentWinsOverDotenv) {
    TempDir dir;
    dir.write(".env", "GW_TEST_OPENAI_KEY=sk-from-dotenv\n");
    const fs::path config = dir.write("plano.yaml", kConfigWithKey);
    ScopedEnv env("GW_TEST_OPENAI_KEY", "sk-from-process");
    const auto result = load_config_file(config.string());
    ASSERT_TRUE(result.config.has_value()) << ::testing::PrintToString(error_strings(result));
    EXPECT_EQ(result.config->model_providers[0].access_key, "sk-from-process");
}

TEST(LoadConfigFile, UnsetVariableWithoutDotenvIsAnError) {
    TempDir dir;
    const fs::path config = dir.write("plano.yaml", kConfigWithKey);
    const auto result = load_config_file(config.string());
    EXPECT_THAT(error_strings(result),
                ElementsAre(config.string() +
                            ":4:17: model_providers[0].access_key: environment variable "
                            "GW_TEST_OPENAI_KEY is not set (set it or add it to .env beside the "
                            "config)"));
}

TEST(ExampleConfigs, FullV040ParsesIntoTheExpectedStructs) {
    ScopedEnv openai("OPENAI_API_KEY", "sk-openai");
    ScopedEnv anthropic("ANTHROPIC_API_KEY", "sk-ant");
    ScopedEnv team("TEAM", "core");
    ScopedEnv port("CUSTOM_PORT", "8000");
    const auto result = load_config_file((kTestdata / "full_v040.yaml").string());
    ASSERT_TRUE(result.config.has_value()) << ::testing::PrintToString(error_strings(result));
    const Config& cfg = *result.config;
    EXPECT_EQ(cfg.version, "v0.4.0");

    ASSERT_EQ(cfg.listeners.size(), 2u);
    const Listener* llm = cfg.model_listener();
    ASSERT_NE(llm, nullptr);
    EXPECT_EQ(llm->name, "llm");
    EXPECT_EQ(llm->address, "127.0.0.1");
    EXPECT_EQ(llm->port, 12100);
    EXPECT_EQ(llm->timeout, std::chrono::seconds(45));
    EXPECT_EQ(llm->max_retries, 2);
    EXPECT_EQ(llm->input_filters, std::vector<std::string>{"pii_guard"});
    EXPECT_EQ(cfg.listeners[1].type, ListenerType::Agent);
    EXPECT_EQ(cfg.listeners[1].port, 8001);

    ASSERT_EQ(cfg.model_providers.size(), 6u);  // 4 user + plano-orchestrator + arch-function
    EXPECT_EQ(cfg.model_providers[0].access_key, "sk-openai");
    EXPECT_TRUE(cfg.model_providers[0].is_default);
    EXPECT_EQ(cfg.model_providers[1].name, "fast");
    EXPECT_EQ(cfg.model_providers[1].model_id, "gpt-4o-mini");
    EXPECT_EQ(cfg.model_providers[2].provider_interface, "anthropic");
    EXPECT_EQ(
        cfg.model_providers[2].headers,
        (StringPairs{{"anthropic-beta", "prompt-caching-2024-07-31"}, {"x-team", "core-gw"}}));
    EXPECT_TRUE(cfg.model_providers[3].wildcard);
    EXPECT_EQ(cfg.model_providers[3].base_url, "http://localhost:8000/v1");
    EXPECT_EQ(cfg.model_providers[4].name, "plano-orchestrator");
    EXPECT_EQ(cfg.model_providers[4].model, "Plano-Orchestrator");
    EXPECT_EQ(cfg.model_providers[5].name, "arch-function");

    ASSERT_EQ(cfg.model_aliases.size(), 2u);
    EXPECT_EQ(cfg.model_aliases[1].alias, "quick");
    EXPECT_EQ(cfg.model_aliases[1].target, "gpt-4o-mini");

    ASSERT_EQ(cfg.routing_preferences.size(), 1u);
    EXPECT_EQ(cfg.routing_preferences[0].selection_policy, "fastest");
    ASSERT_TRUE(cfg.model_metrics_sources.latency.has_value());
    EXPECT_EQ(cfg.model_metrics_sources.latency->url, "http://prometheus:9090");

    ASSERT_TRUE(cfg.tracing.has_value());
    EXPECT_DOUBLE_EQ(cfg.tracing->random_sampling, 12.5);
    EXPECT_TRUE(cfg.tracing->trace_arch_internal);
    EXPECT_EQ(cfg.tracing->opentracing_grpc_endpoint, "http://otel:4317");
    EXPECT_EQ(cfg.tracing->span_attributes.static_attributes,
              (StringPairs{{"environment", "production"}}));

    EXPECT_EQ(cfg.overrides.upstream_connect_timeout, std::chrono::seconds(2));
    EXPECT_EQ(cfg.overrides.max_request_body_bytes, 1048576u);
    EXPECT_EQ(cfg.overrides.client_idle_timeout, std::chrono::seconds(90));
    EXPECT_EQ(cfg.overrides.worker_threads, 2);
}

TEST(ExampleConfigs, LegacyV010IsMigrated) {
    ScopedEnv openai("OPENAI_API_KEY", "sk-openai");
    const auto result = load_config_file((kTestdata / "legacy_v010.yaml").string());
    ASSERT_TRUE(result.config.has_value()) << ::testing::PrintToString(error_strings(result));
    const Config& cfg = *result.config;
    EXPECT_EQ(cfg.version, "v0.4.0");

    ASSERT_EQ(cfg.listeners.size(), 2u);
    const Listener* egress = cfg.model_listener();
    ASSERT_NE(egress, nullptr);
    EXPECT_EQ(egress->name, "egress_traffic");
    EXPECT_EQ(egress->timeout, std::chrono::seconds(30));
    const auto ingress =
        std::find_if(cfg.listeners.begin(), cfg.listeners.end(),
                     [](const Listener& l) { return l.name == "ingress_traffic"; });
    ASSERT_NE(ingress, cfg.listeners.end());
    EXPECT_EQ(ingress->type, ListenerType::Prompt);
    EXPECT_EQ(ingress->timeout, std::chrono::minutes(5));

    ASSERT_EQ(cfg.model_providers.size(), 4u);  // 2 user + plano-orchestrator + arch-function
    EXPECT_EQ(cfg.model_providers[0].name, "openai/gpt-4o-mini");
    EXPECT_EQ(cfg.model_providers[0].access_key, "sk-openai");

    ASSERT_EQ(cfg.routing_preferences.size(), 2u);
    EXPECT_EQ(cfg.routing_preferences[0].name, "code understanding");
    EXPECT_EQ(cfg.routing_preferences[0].models,
              (std::vector<std::string>{"openai/gpt-4o-mini", "openai/gpt-4o"}));
    EXPECT_EQ(cfg.routing_preferences[1].name, "code generation");
    EXPECT_THAT(result.warnings, ::testing::Contains(HasSubstr("llm_providers is deprecated")));
    EXPECT_EQ(cfg.tracing->random_sampling, 100);
}

TEST(ExampleConfigs, InvalidConfigReportsEveryProblem) {
    const fs::path path = kTestdata / "invalid_many.yaml";
    const auto result = load_config_file(path.string());
    EXPECT_FALSE(result.config.has_value());
    const std::string p = path.string();
    EXPECT_THAT(
        error_strings(result),
        ElementsAre(p + ":7:5: listeners[0].timout: unknown key (did you mean 'timeout'?)",
                    p + ":6:11: listeners[0].port: 70000 is out of range (expected 1..65535)",
                    p + ":11:17: model_providers[0].access_key: environment variable MISSING_KEY "
                        "is not set (set it or add it to .env beside the config)",
                    p + ":15:3: tracing.random_samplng: unknown key (did you mean "
                        "'random_sampling'?)",
                    p + ":10:12: model_providers[0].model: Invalid model name gpt-4o. Please "
                        "provide model name in the format <provider>/<model_id> or <provider>/* "
                        "for wildcards.",
                    p + ":12:12: model_providers[1].base_url: Provider 'ollama' requires "
                        "'base_url' to be set for model ollama/llama3"));
}

}  // namespace
}  // namespace gw::config
