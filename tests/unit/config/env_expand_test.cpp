#include "gw/config/env_expand.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace gw::config {
namespace {

using detail::expand_env;

const Environment kEnv = {{"KEY", "sk-1"}, {"HOST", "example.com"}, {"EMPTY", ""}};

struct ExpandCase {
    std::string_view text;
    std::string_view expected;
};

class ExpandTest : public ::testing::TestWithParam<ExpandCase> {};

TEST_P(ExpandTest, Substitutes) {
    const auto result = expand_env(GetParam().text, kEnv);
    EXPECT_EQ(result.value, GetParam().expected);
    EXPECT_TRUE(result.missing.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, ExpandTest,
    ::testing::Values(ExpandCase{"$KEY", "sk-1"}, ExpandCase{"${KEY}", "sk-1"},
                      ExpandCase{"https://$HOST/v1", "https://example.com/v1"},
                      ExpandCase{"https://${HOST}:8080", "https://example.com:8080"},
                      ExpandCase{"Bearer ${KEY}x", "Bearer sk-1x"},
                      ExpandCase{"$KEY$KEY", "sk-1sk-1"}, ExpandCase{"a$EMPTY-b", "a-b"},
                      ExpandCase{"$$KEY", "$KEY"}, ExpandCase{"cost: 5$", "cost: 5$"},
                      ExpandCase{"$5", "$5"}, ExpandCase{"${KEY", "${KEY"},
                      ExpandCase{"${}", "${}"}, ExpandCase{"plain", "plain"}));

TEST(ExpandEnv, ReportsEveryUnsetVariable) {
    const auto result = expand_env("$NOPE/${ALSO_NOPE}/$KEY", kEnv);
    EXPECT_EQ(result.missing, (std::vector<std::string>{"NOPE", "ALSO_NOPE"}));
}

TEST(ParseDotenv, ReadsAssignmentsCommentsQuotesAndExport) {
    const Environment env = parse_dotenv(
        "# comment\n"
        "\n"
        "OPENAI_API_KEY=sk-abc\n"
        "export ANTHROPIC_API_KEY = sk-ant \n"
        "SINGLE='has # hash'\n"
        "DOUBLE=\"line\\nnext\"\n"
        "INLINE=value # trailing comment\n"
        "EQUALS=a=b\n"
        "not a line\n"
        "1BAD=x\n"
        "EMPTY=\r\n");
    const Environment expected = {{"OPENAI_API_KEY", "sk-abc"},
                                  {"ANTHROPIC_API_KEY", "sk-ant"},
                                  {"SINGLE", "has # hash"},
                                  {"DOUBLE", "line\nnext"},
                                  {"INLINE", "value"},
                                  {"EQUALS", "a=b"},
                                  {"EMPTY", ""}};
    EXPECT_EQ(env, expected);
}

TEST(ProcessEnvironment, SeesVariablesOfThisProcess) {
    ASSERT_EQ(setenv("GW_CONFIG_TEST_VAR", "42", 1), 0);
    const Environment env = process_environment();
    ASSERT_TRUE(env.contains("GW_CONFIG_TEST_VAR"));
    EXPECT_EQ(env.at("GW_CONFIG_TEST_VAR"), "42");
    unsetenv("GW_CONFIG_TEST_VAR");
}

}  // namespace
}  // namespace gw::config
