#include "gw/cli/init_templates.hpp"

#include "gw/config/load.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace gw::cli {
namespace {

// The keys the templates reference; validation fails on an unset variable.
const config::Environment kEnv = {{"OPENAI_API_KEY", "sk-test"}, {"ANTHROPIC_API_KEY", "sk-ant"}};

TEST(InitTemplates, AreTheFiveOfTheReferenceInItsOrder) {
    std::vector<std::string_view> ids;
    for (const auto& t : init_templates()) ids.push_back(t.id);
    EXPECT_EQ(ids,
              (std::vector<std::string_view>{"sub_agent_orchestration", "coding_agent_routing",
                                             "preference_aware_routing", "filter_chain_guardrails",
                                             "conversational_state_v1_responses"}));
}

class EveryTemplate : public ::testing::TestWithParam<std::size_t> {
  protected:
    const InitTemplate& tmpl() const { return init_templates()[GetParam()]; }
};

TEST_P(EveryTemplate, PassesValidation) {
    config::LoadResult result = config::load_config_text(tmpl().content, tmpl().id, kEnv);
    for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
    ASSERT_TRUE(result.config.has_value()) << tmpl().id;
}

TEST_P(EveryTemplate, HasTitleDescriptionAndProviders) {
    EXPECT_FALSE(tmpl().title.empty());
    EXPECT_FALSE(tmpl().description.empty());
    EXPECT_NE(tmpl().content.find("model_providers:"), std::string_view::npos);
    EXPECT_NE(tmpl().content.find("random_sampling: 100"), std::string_view::npos);
}

TEST_P(EveryTemplate, IsFoundByItsId) { EXPECT_EQ(find_init_template(tmpl().id), &tmpl()); }

INSTANTIATE_TEST_SUITE_P(All, EveryTemplate, ::testing::Range<std::size_t>(0, 5),
                         [](const auto& param_info) {
                             return std::string(init_templates()[param_info.param].id);
                         });

TEST(InitTemplates, UnknownIdIsNotFound) { EXPECT_EQ(find_init_template("nope"), nullptr); }

TEST(InitTemplates, GuardrailsUsesTheSchemasPerAgentFilterKey) {
    // The reference template says `filter_chain`, which its own schema rejects (cli.md §8.12).
    const InitTemplate* t = find_init_template("filter_chain_guardrails");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->content.find("filter_chain:"), std::string_view::npos);
    config::LoadResult result = config::load_config_text(t->content, t->id, kEnv);
    ASSERT_TRUE(result.config.has_value());
    const auto& listeners = result.config->listeners;
    auto agent = std::find_if(listeners.begin(), listeners.end(),
                              [](const config::Listener& l) { return l.name == "agent_1"; });
    ASSERT_NE(agent, listeners.end());
}

TEST(InitTemplates, CodingAgentRoutingMigratesInlinePreferences) {
    const InitTemplate* t = find_init_template("coding_agent_routing");
    ASSERT_NE(t, nullptr);
    config::LoadResult result = config::load_config_text(t->content, t->id, kEnv);
    ASSERT_TRUE(result.config.has_value());
    EXPECT_EQ(result.config->version, "v0.4.0");
    std::vector<std::string> names;
    for (const auto& p : result.config->routing_preferences) names.push_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"code generation", "code understanding"}));
}

}  // namespace
}  // namespace gw::cli
