// model_aliases and routing_preferences, including the v0.3 inline-preference migration.

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using ::testing::ElementsAre;
using testing::error_strings;
using testing::expect_valid;
using ::testing::HasSubstr;
using testing::kMinimal;
using testing::load;
using testing::single_error;

std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

TEST(ModelAliases, ResolveToKnownModelsByNameOrId) {
    const Config cfg =
        expect_valid(load(with("model_aliases:\n"
                               "  smart:\n    target: openai/gpt-4o\n"
                               "  short:\n    target: gpt-4o\n")));
    ASSERT_EQ(cfg.model_aliases.size(), 2u);
    EXPECT_EQ(cfg.model_aliases[0].alias, "smart");
    EXPECT_EQ(cfg.model_aliases[0].target, "openai/gpt-4o");
    EXPECT_EQ(cfg.model_aliases[0].mark.line, 10);
    EXPECT_EQ(cfg.model_aliases[1].target, "gpt-4o");
}

TEST(ModelAliases, UnknownTargetListsTheAvailableModels) {
    EXPECT_EQ(single_error(load(with("model_aliases:\n  smart:\n    target: gpt-5\n"))),
              "cfg.yaml:11:13: model_aliases.smart.target: Model alias 'smart' targets 'gpt-5' "
              "which is not defined as a model. Available models: gpt-4o, openai/gpt-4o");
}

TEST(ModelAliases, WildcardsAreNotTargets) {
    const auto result = load(
        "version: v0.4.0\n"
        "model_providers:\n"
        "  - model: openai/*\n"
        "model_aliases:\n"
        "  any:\n    target: openai/*\n");
    EXPECT_EQ(single_error(result),
              "cfg.yaml:6:13: model_aliases.any.target: Model alias 'any' targets 'openai/*' "
              "which is not defined as a model. Available models: ");
}

TEST(ModelAliases, UnknownKeyAndMissingTarget) {
    const auto result = load(with("model_aliases:\n  a:\n    tagret: gpt-4o\n"));
    EXPECT_THAT(error_strings(result),
                ElementsAre("cfg.yaml:11:5: model_aliases.a.tagret: unknown key (did you mean "
                            "'target'?)",
                            "cfg.yaml:11:5: model_aliases.a.target: required key is missing"));
}

TEST(RoutingPreferences, TopLevelFormIsRead) {
    const Config cfg =
        expect_valid(load(with("routing_preferences:\n"
                               "  - name: code\n"
                               "    description: write code\n"
                               "    models: [openai/gpt-4o]\n"
                               "    selection_policy:\n"
                               "      prefer: cheapest\n"
                               "model_metrics_sources:\n"
                               "  - type: cost\n"
                               "    provider: models.dev\n")));
    ASSERT_EQ(cfg.routing_preferences.size(), 1u);
    const RoutingPreference& pref = cfg.routing_preferences[0];
    EXPECT_EQ(pref.name, "code");
    EXPECT_EQ(pref.description, "write code");
    EXPECT_EQ(pref.models, std::vector<std::string>{"openai/gpt-4o"});
    EXPECT_EQ(pref.selection_policy, "cheapest");
}

TEST(RoutingPreferences, AddPlanoOrchestratorAsInternalProvider) {
    const Config cfg =
        expect_valid(load(with("routing_preferences:\n"
                               "  - name: code\n"
                               "    description: write code\n"
                               "    models: [gpt-4o]\n"
                               "overrides:\n"
                               "  llm_routing_model: plano/Router-1\n")));
    ASSERT_EQ(cfg.model_providers.size(), 3u);
    EXPECT_EQ(cfg.model_providers[1].name, "plano-orchestrator");
    EXPECT_EQ(cfg.model_providers[1].model, "Router-1");
    EXPECT_TRUE(cfg.model_providers[1].internal);
    EXPECT_EQ(cfg.model_providers[2].name, "arch-function");
}

TEST(RoutingPreferences, WithoutPreferencesThereIsNoOrchestrator) {
    const Config cfg = expect_valid(load(kMinimal));
    for (const ModelProvider& p : cfg.model_providers) EXPECT_NE(p.name, "plano-orchestrator");
}

TEST(RoutingPreferences, Errors) {
    const auto result =
        load(with("routing_preferences:\n"
                  "  - name: code\n"
                  "    description: a\n"
                  "    models: [openai/gpt-4o]\n"
                  "  - name: code\n"
                  "    description: b\n"
                  "    models: [openai/gpt-9]\n"
                  "    selection_policy: {prefer: cheap}\n"
                  "  - name: empty\n"
                  "    description: c\n"
                  "    models: []\n"));
    EXPECT_THAT(
        error_strings(result),
        ElementsAre("cfg.yaml:16:32: routing_preferences[1].selection_policy.prefer: invalid "
                    "value 'cheap' (expected one of: cheapest, fastest, none)",
                    "cfg.yaml:19:13: routing_preferences[2].models: must name at least one model",
                    "cfg.yaml:13:5: routing_preferences[1].name: Duplicate routing preference "
                    "name \"code\", please provide unique name for each routing preference",
                    "cfg.yaml:15:14: routing_preferences[1].models[0]: Routing preference 'code' "
                    "uses model 'openai/gpt-9' which is not defined as a model. Available "
                    "models: gpt-4o, openai/gpt-4o"));
}

constexpr std::string_view kInlineV030 =
    "version: v0.3.0\n"
    "model_providers:\n"
    "  - model: openai/gpt-4o-mini\n"
    "    routing_preferences:\n"
    "      - name: understand\n"
    "        description: explain code\n"
    "  - model: openai/gpt-4o\n"
    "    routing_preferences:\n"
    "      - name: understand\n"
    "        description: read code\n"
    "      - name: generate\n"
    "        description: write code\n";

TEST(InlinePreferenceMigration, GroupsByNameAndBumpsTheVersion) {
    const auto result = load(kInlineV030);
    const Config cfg = expect_valid(result);
    EXPECT_EQ(cfg.version, "v0.4.0");
    ASSERT_EQ(cfg.routing_preferences.size(), 2u);
    EXPECT_EQ(cfg.routing_preferences[0].name, "understand");
    EXPECT_EQ(cfg.routing_preferences[0].description, "explain code");
    EXPECT_EQ(cfg.routing_preferences[0].models,
              (std::vector<std::string>{"openai/gpt-4o-mini", "openai/gpt-4o"}));
    EXPECT_EQ(cfg.routing_preferences[1].name, "generate");
    EXPECT_EQ(cfg.routing_preferences[1].models, std::vector<std::string>{"openai/gpt-4o"});
    EXPECT_THAT(result.warnings,
                ElementsAre(HasSubstr("routing preference 'understand' has conflicting "
                                      "descriptions"),
                            HasSubstr("inline routing_preferences under model_providers is "
                                      "deprecated")));
}

TEST(InlinePreferenceMigration, TopLevelPreferenceWithTheSameNameWins) {
    const Config cfg =
        expect_valid(load(std::string(kInlineV030) + "routing_preferences:\n"
                                                     "  - name: generate\n"
                                                     "    description: top level\n"
                                                     "    models: [openai/gpt-4o-mini]\n"));
    ASSERT_EQ(cfg.routing_preferences.size(), 2u);
    EXPECT_EQ(cfg.routing_preferences[0].name, "generate");
    EXPECT_EQ(cfg.routing_preferences[0].description, "top level");
    EXPECT_EQ(cfg.routing_preferences[1].name, "understand");
}

TEST(InlinePreferenceMigration, OldVersionWithoutPreferencesIsStillBumped) {
    const Config cfg =
        expect_valid(load("version: 0.2.0\nmodel_providers:\n  - model: openai/gpt-4o\n"));
    EXPECT_EQ(cfg.version, "v0.4.0");
    EXPECT_TRUE(cfg.routing_preferences.empty());
}

TEST(InlinePreferenceMigration, WildcardWithPreferencesIsAnError) {
    EXPECT_EQ(single_error(load("version: v0.3.0\n"
                                "model_providers:\n"
                                "  - model: openai/*\n"
                                "    routing_preferences:\n"
                                "      - name: x\n"
                                "        description: y\n")),
              "cfg.yaml:3:12: model_providers[0].routing_preferences: Model openai/* has "
              "routing_preferences but uses wildcard (*). Models with routing preferences cannot "
              "be wildcards.");
}

TEST(InlinePreferenceMigration, V040LeavesInlinePreferencesAloneWithAWarning) {
    std::string yaml(kInlineV030);
    yaml.replace(yaml.find("v0.3.0"), 6, "v0.4.0");
    const auto result = load(yaml);
    const Config cfg = expect_valid(result);
    EXPECT_TRUE(cfg.routing_preferences.empty());
    EXPECT_EQ(result.warnings.size(), 2u);
}

}  // namespace
}  // namespace gw::config
