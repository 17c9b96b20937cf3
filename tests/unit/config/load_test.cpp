// Document-level behaviour: syntax errors, versions, unknown keys, types, error collection.

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using ::testing::ElementsAre;
using testing::error_strings;
using testing::expect_valid;
using testing::kMinimal;
using testing::load;
using testing::single_error;

std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

TEST(ConfigErrorToString, LeavesOutWhatIsUnknown) {
    EXPECT_EQ((ConfigError{"a.yaml", 3, 7, "tracing.x", "bad"}.to_string()),
              "a.yaml:3:7: tracing.x: bad");
    EXPECT_EQ((ConfigError{"a.yaml", 0, 0, "model_providers", "bad"}.to_string()),
              "a.yaml: model_providers: bad");
    EXPECT_EQ((ConfigError{"a.yaml", 2, 1, "", "bad"}.to_string()), "a.yaml:2:1: bad");
    EXPECT_EQ((ConfigError{"", 0, 0, "", "bad"}.to_string()), "bad");
}

TEST(LoadConfigText, MinimalConfigIsValid) {
    const Config cfg = expect_valid(load(kMinimal));
    EXPECT_EQ(cfg.version, "v0.4.0");
    EXPECT_EQ(cfg.source_path, "cfg.yaml");
    ASSERT_NE(cfg.model_listener(), nullptr);
    EXPECT_EQ(cfg.model_listener()->name, "llm");
    EXPECT_FALSE(cfg.tracing.has_value());
}

TEST(LoadConfigText, EmptyFileIsAnError) {
    EXPECT_THAT(single_error(load("")), ::testing::HasSubstr("cfg.yaml: the file is empty"));
    EXPECT_THAT(single_error(load("# only a comment\n")),
                ::testing::HasSubstr("the file is empty"));
}

TEST(LoadConfigText, SyntaxErrorIsOneErrorWithPosition) {
    EXPECT_THAT(single_error(load("version: v0.4.0\nlisteners: [\n  - a: b\n")),
                ::testing::StartsWith("cfg.yaml:3:"));
    EXPECT_THAT(single_error(load("version: v0.4.0\n  bad: indent\n")),
                ::testing::MatchesRegex("cfg.yaml:2:[0-9]+: YAML syntax error: .*"));
}

TEST(LoadConfigText, TopLevelMustBeAMapping) {
    EXPECT_EQ(single_error(load("- a\n- b\n")),
              "cfg.yaml:1:1: expected a mapping at the top level");
}

TEST(LoadConfigText, VersionIsRequired) {
    EXPECT_EQ(single_error(load("model_providers:\n  - model: openai/gpt-4o\n")),
              "cfg.yaml:1:1: version: required key is missing");
}

TEST(LoadConfigText, AcceptsEveryReferenceVersion) {
    for (std::string_view version : {"v0.1", "v0.1.0", "0.1-beta", "0.2.0", "v0.3.0", "v0.4.0"}) {
        std::string yaml(kMinimal);
        yaml.replace(yaml.find("v0.4.0"), 6, version);
        const auto result = load(yaml);
        EXPECT_TRUE(result.config.has_value()) << version;
    }
}

TEST(LoadConfigText, RejectsOtherVersionsListingTheAllowedOnes) {
    std::string yaml(kMinimal);
    yaml.replace(yaml.find("v0.4.0"), 6, "v0.5.0");
    EXPECT_EQ(single_error(load(yaml)),
              "cfg.yaml:1:10: version: 'v0.5.0' is not a supported version (expected one of: "
              "v0.1, v0.1.0, 0.1-beta, 0.2.0, v0.3.0, v0.4.0)");
}

TEST(LoadConfigText, UnknownTopLevelKeyWithHint) {
    EXPECT_EQ(single_error(load(with("tracng:\n  random_sampling: 10\n"))),
              "cfg.yaml:9:1: tracng: unknown key (did you mean 'tracing'?)");
}

TEST(LoadConfigText, UnknownKeyWithoutNearMissListsTheAllowedKeys) {
    EXPECT_EQ(single_error(load(with("tracing:\n  colour: blue\n"))),
              "cfg.yaml:10:3: tracing.colour: unknown key (expected one of: random_sampling, "
              "trace_arch_internal, opentracing_grpc_endpoint, span_attributes, exporters)");
}

TEST(LoadConfigText, DuplicateKeyIsAnError) {
    EXPECT_EQ(single_error(load(with("tracing:\n  random_sampling: 1\n  random_sampling: 2\n"))),
              "cfg.yaml:11:3: tracing.random_sampling: duplicate key");
}

TEST(LoadConfigText, UnmodelledSectionsAreAcceptedAsIs) {
    const auto result =
        load(with("prompt_targets:\n  - name: x\n    anything: goes\n"
                  "endpoints:\n  app:\n    endpoint: localhost:80\n"
                  "state_storage:\n  type: memory\n"
                  "routing:\n  route_on_user_only: true\n"
                  "mode: llm\n"
                  "system_prompt: be nice\n"));
    EXPECT_TRUE(result.config.has_value()) << ::testing::PrintToString(error_strings(result));
}

TEST(LoadConfigText, CollectsEveryErrorInOnePass) {
    const auto result = load(
        "version: v0.4.0\n"
        "listeners:\n"
        "  - name: llm\n"
        "    type: model\n"
        "    port: abc\n"
        "model_providers:\n"
        "  - model: gpt-4o\n"
        "    access_key: $MISSING\n"
        "tracing:\n"
        "  random_samplng: 10\n"
        "  random_sampling: x\n");
    EXPECT_FALSE(result.config.has_value());
    EXPECT_THAT(
        error_strings(result),
        ElementsAre("cfg.yaml:5:11: listeners[0].port: expected an integer, got 'abc'",
                    "cfg.yaml:8:17: model_providers[0].access_key: environment variable MISSING "
                    "is not set (set it or add it to .env beside the config)",
                    "cfg.yaml:10:3: tracing.random_samplng: unknown key (did you mean "
                    "'random_sampling'?)",
                    "cfg.yaml:11:20: tracing.random_sampling: expected a number, got 'x'",
                    "cfg.yaml:7:12: model_providers[0].model: Invalid model name gpt-4o. Please "
                    "provide model name in the format <provider>/<model_id> or <provider>/* for "
                    "wildcards."));
}

}  // namespace
}  // namespace gw::config

namespace gw::config {
namespace {

class MalformedShapes : public ::testing::TestWithParam<std::string_view> {};

// Wrong shapes anywhere are reported as positioned errors, never as an internal failure.
TEST_P(MalformedShapes, AreReportedWithPositions) {
    const auto result = testing::load(std::string(testing::kMinimal) + std::string(GetParam()));
    EXPECT_FALSE(result.config.has_value());
    ASSERT_FALSE(result.errors.empty());
    for (const ConfigError& e : result.errors) {
        EXPECT_GT(e.line, 0) << e.to_string();
        EXPECT_THAT(e.message, ::testing::Not(::testing::HasSubstr("unexpected YAML structure")));
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, MalformedShapes,
    ::testing::Values("agents: 5\n", "agents: [5]\n", "filters: [{url: x}]\n",
                      "model_aliases: [a]\n", "model_aliases: {a: 5}\n",
                      "model_aliases: {a: {target: [x]}}\n", "routing_preferences: {a: 1}\n",
                      "routing_preferences: [5]\n", "routing_preferences: [{models: 5}]\n",
                      "routing_preferences: [{name: a, description: b, models: [gpt-4o], "
                      "selection_policy: 5}]\n",
                      "tracing: {span_attributes: 5}\n",
                      "tracing: {span_attributes: {static: 5}}\n", "tracing: [1]\n",
                      "overrides: 5\n", "overrides: {max_connections: [1]}\n", "version: [1]\n"));

}  // namespace
}  // namespace gw::config
