#include "gw/providers/provider_table.hpp"

#include <gtest/gtest.h>

#include "unit/providers/provider_fixtures.hpp"
#include <algorithm>

namespace gw::providers {
namespace {

using testing::custom;
using testing::provider;

config::Config sample_config() {
    config::Config cfg;
    auto explicit_4o = provider("openai/gpt-4o");
    explicit_4o.access_key = "explicit";
    explicit_4o.is_default = true;
    auto wildcard_openai = provider("openai/*");
    wildcard_openai.access_key = "wild";
    auto named = provider("mistral/mistral-small-latest");
    named.name = "my-mistral";
    auto internal = provider("arch/Arch-Function");
    internal.name = "arch-function";
    internal.provider_interface = "plano";
    internal.internal = true;
    cfg.model_providers = {
        explicit_4o,
        wildcard_openai,
        provider("anthropic/claude-sonnet-4-5"),
        custom("custom/*", "openai", "http://127.0.0.1:8080/v1"),
        custom("openrouter/*", "openrouter", "https://openrouter.ai/api/v1"),
        named,
        internal,
        provider("groq/*"),
    };
    cfg.model_aliases = {{"fast", "openai/gpt-4o-mini", {}},
                         {"chain", "fast", {}},
                         {"smart", "anthropic/claude-sonnet-4-5", {}}};
    return cfg;
}

const ProviderTable& table() {
    static const ProviderTable t = ProviderTable::build(sample_config()).value();
    return t;
}

struct Lookup {
    const char* name;
    std::string requested;
    std::string found_name;  // empty: not found
    std::string model_id;
    std::string provider_model;  // `model` of the configured entry that serves it
};

class ProviderTableFind : public ::testing::TestWithParam<Lookup> {};

TEST_P(ProviderTableFind, ResolvesInReferenceOrder) {
    const Lookup& c = GetParam();
    const auto hit = table().find(c.requested);
    if (c.found_name.empty()) {
        EXPECT_FALSE(hit) << hit->name;
        return;
    }
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->name, c.found_name);
    EXPECT_EQ(hit->model_id, c.model_id);
    EXPECT_EQ(hit->provider->model, c.provider_model);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ProviderTableFind,
    ::testing::Values(
        Lookup{"exact_name", "openai/gpt-4o", "openai/gpt-4o", "gpt-4o", "openai/gpt-4o"},
        Lookup{"bare_id", "gpt-4o", "openai/gpt-4o", "gpt-4o", "openai/gpt-4o"},
        Lookup{"custom_name", "my-mistral", "my-mistral", "mistral-small-latest",
               "mistral/mistral-small-latest"},
        Lookup{"bare_id_of_custom_name", "mistral-small-latest", "my-mistral",
               "mistral-small-latest", "mistral/mistral-small-latest"},
        Lookup{"expanded_wildcard_name", "openai/gpt-4.1", "openai/gpt-4.1", "gpt-4.1", "openai/*"},
        Lookup{"expanded_wildcard_bare_id", "o3", "openai/o3", "o3", "openai/*"},
        Lookup{"prefix_then_rest_key", "whatever/claude-sonnet-4-5", "anthropic/claude-sonnet-4-5",
               "claude-sonnet-4-5", "anthropic/claude-sonnet-4-5"},
        Lookup{"wildcard_pass_through", "openai/gpt-99", "openai/gpt-99", "gpt-99", "openai/*"},
        Lookup{"custom_wildcard", "custom/anything", "custom/anything", "anything", "custom/*"},
        Lookup{"multi_slash_id", "openrouter/anthropic/claude-3.5",
               "openrouter/anthropic/claude-3.5", "anthropic/claude-3.5", "openrouter/*"},
        Lookup{"uncatalogued_wildcard", "groq/llama-3.3-70b", "groq/llama-3.3-70b", "llama-3.3-70b",
               "groq/*"},
        Lookup{"internal_is_resolvable", "arch-function", "arch-function", "Arch-Function",
               "arch/Arch-Function"},
        Lookup{"unknown_bare", "gpt-99", "", "", ""},
        Lookup{"unknown_prefix", "nope/gpt-99", "", "", ""}, Lookup{"empty", "", "", "", ""},
        Lookup{"prefix_not_matched_falls_back_to_rest", "OpenAI/gpt-4o", "openai/gpt-4o", "gpt-4o",
               "openai/gpt-4o"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(ProviderTable, ExplicitEntryWinsOverExpandedWildcard) {
    EXPECT_EQ(table().find("openai/gpt-4o")->provider->access_key, "explicit");
    EXPECT_EQ(table().find("gpt-4o")->provider->access_key, "explicit");
    EXPECT_EQ(table().find("gpt-4o-mini")->provider->access_key, "wild");
}

TEST(ProviderTable, EndpointsAreResolvedOnceWhenTheTableIsBuilt) {
    auto explicit_entry = table().find("openai/gpt-4o");
    ASSERT_TRUE(explicit_entry && explicit_entry->endpoint);
    ASSERT_TRUE(explicit_entry->endpoint->has_value());
    EXPECT_TRUE(explicit_entry->endpoint->value().origin == (Origin{true, "api.openai.com", 443}));
    // Pass-through names of a wildcard share the wildcard's resolved base_url.
    auto passthrough = table().find("custom/any-model");
    ASSERT_TRUE(passthrough && passthrough->endpoint);
    ASSERT_TRUE(passthrough->endpoint->has_value());
    EXPECT_TRUE(passthrough->endpoint->value().origin == (Origin{false, "127.0.0.1", 8080}));
    EXPECT_EQ(passthrough->endpoint->value().path_prefix, "/v1");
    EXPECT_TRUE(passthrough->endpoint == table().find("custom/other")->endpoint);
}

TEST(ProviderTable, AliasesAreSingleLevel) {
    EXPECT_EQ(table().resolve_alias("fast"), "openai/gpt-4o-mini");
    EXPECT_EQ(table().resolve_alias("chain"), "fast");
    EXPECT_EQ(table().resolve_alias("openai/gpt-4o"), "openai/gpt-4o");
    EXPECT_EQ(table().resolve_alias("Fast"), "Fast");
    EXPECT_EQ(table().find(table().resolve_alias("smart"))->name, "anthropic/claude-sonnet-4-5");
}

TEST(ProviderTable, DefaultProvider) {
    ASSERT_TRUE(table().default_provider());
    EXPECT_EQ(table().default_provider()->name, "openai/gpt-4o");
    config::Config cfg;
    cfg.model_providers = {provider("openai/gpt-4o")};
    EXPECT_FALSE(ProviderTable::build(cfg).value().default_provider());
}

TEST(ProviderTable, ListModelsShape) {
    const auto models = table().list_models();
    auto owned_by = [&](std::string_view id) -> std::string {
        auto it = std::find_if(models.begin(), models.end(),
                               [&](const ModelListing& m) { return m.id == id; });
        return it == models.end() ? "<absent>" : it->owned_by;
    };
    EXPECT_EQ(owned_by("openai/gpt-4o"), "OpenAI");
    EXPECT_EQ(owned_by("openai/gpt-4.1"), "OpenAI");
    EXPECT_EQ(owned_by("anthropic/claude-sonnet-4-5"), "Anthropic");
    EXPECT_EQ(owned_by("my-mistral"), "Mistral");
    EXPECT_EQ(owned_by("gpt-4o"), "<absent>");
    EXPECT_EQ(owned_by("arch-function"), "<absent>");
    EXPECT_EQ(owned_by("custom/*"), "<absent>");
    EXPECT_EQ(owned_by("openrouter/*"), "<absent>");
    EXPECT_EQ(owned_by("groq/*"), "<absent>");
    for (const auto& m : models) {
        EXPECT_EQ(std::count_if(models.begin(), models.end(),
                                [&](const ModelListing& o) { return o.id == m.id; }),
                  1)
            << m.id;
        EXPECT_FALSE(m.id.ends_with("*")) << m.id;
    }
}

TEST(ProviderTable, BuildRejectsInvalidTables) {
    config::Config empty;
    EXPECT_FALSE(ProviderTable::build(empty));

    config::Config two_defaults;
    two_defaults.model_providers = {provider("openai/gpt-4o"), provider("openai/gpt-4.1")};
    for (auto& p : two_defaults.model_providers) p.is_default = true;
    auto r = ProviderTable::build(two_defaults);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("default"), std::string::npos);

    config::Config duplicate;
    duplicate.model_providers = {provider("openai/gpt-4o"), provider("openai/gpt-4o")};
    auto d = ProviderTable::build(duplicate);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().message, "Duplicate model_provider name openai/gpt-4o");
}

TEST(ProviderTable, OwnedByDisplay) {
    EXPECT_EQ(owned_by_display("openai"), "OpenAI");
    EXPECT_EQ(owned_by_display("deepseek"), "Deepseek");
    EXPECT_EQ(owned_by_display("xai"), "xai");
    EXPECT_EQ(owned_by_display("google"), "Gemini");
    EXPECT_EQ(owned_by_display("together"), "together_ai");
    EXPECT_EQ(owned_by_display("plano"), "Plano");
    EXPECT_EQ(owned_by_display("my_custom"), "my_custom");
}

}  // namespace
}  // namespace gw::providers
