// model_providers: fields, the reference's per-provider checks, defaults, internal providers.

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using testing::error_strings;
using testing::expect_valid;
using testing::load;
using testing::single_error;

constexpr std::string_view kHeader =
    "version: v0.4.0\n"
    "listeners:\n"
    "  - name: llm\n"
    "    type: model\n"
    "model_providers:\n";  // providers start on line 6

LoadResult load_providers(std::string_view providers, const Environment& env = {}) {
    return load(std::string(kHeader) + std::string(providers), env);
}

const ModelProvider& find(const Config& cfg, std::string_view name) {
    for (const ModelProvider& p : cfg.model_providers) {
        if (p.name == name) return p;
    }
    throw std::runtime_error("no provider " + std::string(name));
}

TEST(Providers, FillsEveryField) {
    const Config cfg =
        expect_valid(load_providers("  - model: openai/gpt-4o\n"
                                    "    access_key: $KEY\n"
                                    "    default: true\n"
                                    "    headers:\n"
                                    "      x-b: two\n"
                                    "      x-a: ${KEY}-one\n"
                                    "  - name: router\n"
                                    "    model: openrouter/anthropic/claude-3.5\n"
                                    "    base_url: https://openrouter.ai/api/v1\n"
                                    "    http_host: openrouter.internal\n"
                                    "    passthrough_auth: true\n"
                                    "  - model: custom/*\n"
                                    "    base_url: http://localhost:8000\n"
                                    "    provider_interface: openai\n",
                                    {{"KEY", "sk-1"}}));
    const ModelProvider& openai = find(cfg, "openai/gpt-4o");
    EXPECT_EQ(openai.model, "openai/gpt-4o");
    EXPECT_EQ(openai.provider, "openai");
    EXPECT_EQ(openai.model_id, "gpt-4o");
    EXPECT_EQ(openai.provider_interface, "openai");
    EXPECT_EQ(openai.access_key, "sk-1");
    EXPECT_TRUE(openai.is_default);
    EXPECT_FALSE(openai.wildcard);
    EXPECT_EQ(openai.headers, (StringPairs{{"x-b", "two"}, {"x-a", "sk-1-one"}}));
    EXPECT_EQ(openai.mark.line, 6);
    EXPECT_EQ(openai.mark.column, 5);

    const ModelProvider& router = find(cfg, "router");
    EXPECT_EQ(router.provider, "openrouter");
    EXPECT_EQ(router.model_id, "anthropic/claude-3.5");
    EXPECT_EQ(router.base_url, "https://openrouter.ai/api/v1");
    EXPECT_EQ(router.http_host, "openrouter.internal");
    EXPECT_TRUE(router.passthrough_auth);
    EXPECT_FALSE(router.access_key.has_value());

    const ModelProvider& custom = find(cfg, "custom/*");
    EXPECT_TRUE(custom.wildcard);
    EXPECT_EQ(custom.provider, "custom");
    EXPECT_EQ(custom.model_id, "*");
    EXPECT_EQ(custom.provider_interface, "openai");
}

TEST(Providers, ArchFunctionIsAppendedAsInternal) {
    const Config cfg = expect_valid(load_providers("  - model: openai/gpt-4o\n"));
    ASSERT_EQ(cfg.model_providers.size(), 2u);
    const ModelProvider& internal = cfg.model_providers.back();
    EXPECT_EQ(internal.name, "arch-function");
    EXPECT_EQ(internal.model, "Arch-Function");
    EXPECT_EQ(internal.provider_interface, "plano");
    EXPECT_TRUE(internal.internal);
}

TEST(Providers, ProviderNamedArchFunctionSuppressesTheInternalOne) {
    const Config cfg =
        expect_valid(load_providers("  - name: arch-function\n"
                                    "    model: plano/Arch-Function\n"
                                    "    base_url: http://localhost:9000\n"));
    ASSERT_EQ(cfg.model_providers.size(), 1u);
    EXPECT_FALSE(cfg.model_providers[0].internal);
}

TEST(Providers, LegacyLlmProvidersKeyIsRenamedWithAWarning) {
    const auto result = load(
        "version: v0.4.0\n"
        "llm_providers:\n"
        "  - model: openai/gpt-4o\n");
    const Config cfg = expect_valid(result);
    EXPECT_EQ(cfg.model_providers.front().name, "openai/gpt-4o");
    EXPECT_THAT(result.warnings,
                ::testing::Contains(::testing::HasSubstr("llm_providers is deprecated")));
}

TEST(Providers, LegacyKeyErrorsUseItsName) {
    EXPECT_EQ(single_error(load("version: v0.4.0\nllm_providers:\n  - model: gpt-4o\n")),
              "cfg.yaml:3:12: llm_providers[0].model: Invalid model name gpt-4o. Please provide "
              "model name in the format <provider>/<model_id> or <provider>/* for wildcards.");
}

TEST(Providers, BothProviderKeysAreAnError) {
    EXPECT_EQ(single_error(load("version: v0.4.0\n"
                                "model_providers:\n  - model: openai/gpt-4o\n"
                                "llm_providers:\n  - model: openai/gpt-4o\n")),
              "cfg.yaml:5:3: llm_providers: Please provide either llm_providers or "
              "model_providers, not both. llm_providers is deprecated, please use "
              "model_providers instead");
}

TEST(Providers, PassthroughWithAccessKeyWarns) {
    const auto result = load_providers(
        "  - model: openai/gpt-4o\n"
        "    access_key: sk\n"
        "    passthrough_auth: true\n");
    expect_valid(result);
    EXPECT_THAT(result.warnings,
                ::testing::ElementsAre(::testing::StartsWith(
                    "Model provider 'openai/gpt-4o' has both 'passthrough_auth: true' and "
                    "'access_key' configured. The access_key will be ignored")));
}

TEST(Providers, UnsetVariableNamesTheVariableAndKey) {
    EXPECT_EQ(single_error(load_providers("  - model: openai/gpt-4o\n"
                                          "    access_key: $OPENAI_API_KEY\n")),
              "cfg.yaml:7:17: model_providers[0].access_key: environment variable "
              "OPENAI_API_KEY is not set (set it or add it to .env beside the config)");
}

struct ProviderErrorCase {
    std::string_view providers;
    std::string_view expected;
};

class ProviderErrors : public ::testing::TestWithParam<ProviderErrorCase> {};

TEST_P(ProviderErrors, ReportsTheReferenceMessage) {
    EXPECT_EQ(single_error(load_providers(GetParam().providers)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ProviderErrors,
    ::testing::Values(
        ProviderErrorCase{
            "  - model: openai/gpt-4o\n  - name: openai/gpt-4o\n    model: openai/gpt-4.1\n",
            "cfg.yaml:7:11: model_providers[1].name: Duplicate model_provider name "
            "openai/gpt-4o, please provide unique name for each model_provider"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n  - name: b\n    model: openai/gpt-4o\n",
                          "cfg.yaml:8:12: model_providers[1].model: Duplicate model name "
                          "openai/gpt-4o, please provide unique model name for each "
                          "model_provider"},
        ProviderErrorCase{"  - model: gpt-4o\n",
                          "cfg.yaml:6:12: model_providers[0].model: Invalid model name gpt-4o. "
                          "Please provide model name in the format <provider>/<model_id> or "
                          "<provider>/* for wildcards."},
        ProviderErrorCase{"  - model: openai/*\n    default: true\n",
                          "cfg.yaml:7:14: model_providers[0].default: Model openai/* is "
                          "configured as default but uses wildcard (*). Default models cannot be "
                          "wildcards."},
        ProviderErrorCase{"  - model: ollama/llama3\n",
                          "cfg.yaml:6:12: model_providers[0].base_url: Provider 'ollama' requires "
                          "'base_url' to be set for model ollama/llama3"},
        ProviderErrorCase{"  - model: azure_openai/gpt-4o\n",
                          "cfg.yaml:6:12: model_providers[0].base_url: Provider 'azure_openai' "
                          "requires 'base_url' to be set for model azure_openai/gpt-4o"},
        ProviderErrorCase{"  - model: custom/m1\n    base_url: http://x\n",
                          "cfg.yaml:6:12: model_providers[0].model: Must provide base_url and "
                          "provider_interface for unsupported provider custom for model "
                          "custom/m1. Supported providers are: deepseek, groq, mistral, openai, "
                          "xiaomi, gemini, anthropic, together_ai, xai, moonshotai, zhipu, "
                          "chatgpt, digitalocean, vercel, openrouter, edenai, azure_openai, "
                          "ollama, qwen, amazon_bedrock, plano"},
        ProviderErrorCase{"  - model: custom/*\n    provider_interface: openai\n",
                          "cfg.yaml:6:12: model_providers[0].model: Must provide base_url and "
                          "provider_interface for unsupported provider custom for wildcard model "
                          "custom/*. Supported providers are: deepseek, groq, mistral, openai, "
                          "xiaomi, gemini, anthropic, together_ai, xai, moonshotai, zhipu, "
                          "chatgpt, digitalocean, vercel, openrouter, edenai, azure_openai, "
                          "ollama, qwen, amazon_bedrock, plano"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    provider_interface: openai\n",
                          "cfg.yaml:6:12: model_providers[0].provider_interface: Please provide "
                          "provider interface as part of model name openai/gpt-4o using the "
                          "format <provider>/<model_id>. For example, use 'openai/gpt-3.5-turbo' "
                          "instead of 'gpt-3.5-turbo'"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n  - model: mistral/gpt-4o\n",
                          "cfg.yaml:7:12: model_providers[1].model: Duplicate model_id gpt-4o, "
                          "please provide unique model_id for each model_provider"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    base_url: ftp://x\n",
                          "cfg.yaml:7:15: model_providers[0].base_url: Please provide a valid URL "
                          "with scheme (http/https) in base_url"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    default: true\n"
                          "  - model: openai/gpt-4.1\n    default: true\n",
                          "cfg.yaml:9:14: model_providers[1].default: Only one model provider can "
                          "be marked as default ('openai/gpt-4o' already is)"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    default: yes\n",
                          "cfg.yaml:7:14: model_providers[0].default: expected true or false, got "
                          "'yes'"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    default: \"true\"\n",
                          "cfg.yaml:7:14: model_providers[0].default: expected true or false, got "
                          "'true'"},
        ProviderErrorCase{"  - model: c/m\n    base_url: http://x\n    provider_interface: opnai\n",
                          "cfg.yaml:8:25: model_providers[0].provider_interface: invalid value "
                          "'opnai' (did you mean 'openai'?)"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    acess_key: sk\n",
                          "cfg.yaml:7:5: model_providers[0].acess_key: unknown key (did you mean "
                          "'access_key'?)"},
        ProviderErrorCase{"  - model: openai/gpt-4o\n    headers:\n      x-a: [1]\n",
                          "cfg.yaml:8:12: model_providers[0].headers.x-a: expected a string, got "
                          "a list"},
        ProviderErrorCase{"  - name: x\n",
                          "cfg.yaml:6:5: model_providers[0].model: required key is missing"}));

TEST(Providers, EmptyListIsAnErrorForAModelListener) {
    EXPECT_EQ(single_error(load("version: v0.4.0\nlisteners:\n  - name: llm\n    type: model\n"
                                "model_providers: []\n")),
              "cfg.yaml: model_providers: model_providers cannot be empty: add at least one "
              "provider");
}

TEST(Providers, CollectsErrorsOfSeveralProviders) {
    const auto result = load_providers(
        "  - model: gpt-4o\n"
        "  - model: ollama/llama3\n"
        "  - model: openai/*\n"
        "    default: true\n");
    EXPECT_EQ(result.errors.size(), 3u) << ::testing::PrintToString(error_strings(result));
}

}  // namespace
}  // namespace gw::config

namespace gw::config {
namespace {

class MalformedProviders : public ::testing::TestWithParam<std::string_view> {};

TEST_P(MalformedProviders, AreReportedWithPositions) {
    const auto result = load_providers(GetParam());
    EXPECT_FALSE(result.config.has_value());
    ASSERT_FALSE(result.errors.empty());
    for (const ConfigError& e : result.errors) EXPECT_GT(e.line, 0) << e.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Table, MalformedProviders,
    ::testing::Values("  - 5\n", "  - [openai/gpt-4o]\n", "  - model: [x]\n",
                      "  - model: openai/gpt-4o\n    headers: [a]\n",
                      "  - model: openai/gpt-4o\n    routing_preferences: 5\n",
                      "  - model: openai/gpt-4o\n    routing_preferences: [5]\n",
                      "  - model: openai/gpt-4o\n    routing_preferences: [{name: a}]\n"));

}  // namespace
}  // namespace gw::config
