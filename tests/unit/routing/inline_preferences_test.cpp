#include "gw/routing/inline_preferences.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {
namespace {

InlinePreferences taken(std::string_view body) {
    auto result = take_inline_preferences(body);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    if (!result || !*result) {
        ADD_FAILURE() << "no inline preferences in " << body;
        return {};
    }
    return std::move(**result);
}

std::string error_of(std::string_view body) {
    auto result = take_inline_preferences(body);
    EXPECT_FALSE(result.has_value()) << body;
    if (result) return "";
    EXPECT_EQ(result.error().kind, Error::Kind::InvalidArgument);
    return result.error().message;
}

bool absent(std::string_view body) {
    auto result = take_inline_preferences(body);
    return result.has_value() && !result->has_value();
}

// A chat body with `preferences` (JSON) as its routing_preferences member.
std::string body_with(std::string_view preferences) {
    return fmt::format(R"({{"model":"gpt-4o-mini","messages":[{{"role":"user","content":"hi"}}],)"
                       R"("routing_preferences":{},"temperature":0.5,"max_tokens":100}})",
                       preferences);
}

constexpr std::string_view kStripped =
    R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],)"
    R"("temperature":0.5,"max_tokens":100})";

TEST(InlinePreferences, AbsentKeyIsNoOverride) {
    EXPECT_TRUE(absent(R"({"model":"m","messages":[]})"));
    EXPECT_TRUE(absent(""));
    EXPECT_TRUE(absent("garbage"));
}

TEST(InlinePreferences, NestedOrQuotedKeyIsNoOverride) {
    EXPECT_TRUE(absent(R"({"metadata":{"routing_preferences":[]},"model":"m"})"));
    EXPECT_TRUE(
        absent(R"({"messages":[{"role":"user","content":"\"routing_preferences\": []"}]})"));
}

TEST(InlinePreferences, UnreadableBodyIsLeftToTheProxy) {
    EXPECT_TRUE(absent(R"(["routing_preferences"])"));
    EXPECT_TRUE(absent(R"({"model": , "routing_preferences":[]})"));
    EXPECT_TRUE(absent(R"("routing_preferences")"));
}

TEST(InlinePreferences, ReadsTheReferenceShape) {
    const InlinePreferences inline_prefs = taken(body_with(R"([
        {"name": "code generation", "description": "generate new code",
         "models": ["openai/gpt-4o", "openai/gpt-4o-mini"],
         "selection_policy": {"prefer": "fastest"}},
        {"name": "summaries", "description": "", "models": ["m"],
         "selection_policy": {"prefer": "cheapest"}, "extra": true}
    ])"));
    ASSERT_EQ(inline_prefs.preferences.size(), 2U);
    const config::RoutingPreference& first = inline_prefs.preferences[0];
    EXPECT_EQ(first.name, "code generation");
    EXPECT_EQ(first.description, "generate new code");
    EXPECT_EQ(first.models, (std::vector<std::string>{"openai/gpt-4o", "openai/gpt-4o-mini"}));
    EXPECT_EQ(first.selection_policy, "fastest");
    EXPECT_EQ(inline_prefs.preferences[1].description, "");
    EXPECT_EQ(inline_prefs.preferences[1].selection_policy, "cheapest");
    EXPECT_EQ(inline_prefs.stripped_body, kStripped);
}

TEST(InlinePreferences, PolicyDefaultsToNone) {
    for (std::string_view policy :
         {"", R"(, "selection_policy": null)", R"(, "selection_policy": {})",
          R"(, "selection_policy": {"prefer": null})", R"(, "selection_policy": {"prefer": ""})",
          R"(, "selection_policy": {"prefer": "none"})"}) {
        const auto prefs = taken(body_with(
            fmt::format(R"([{{"name":"n","description":"d","models":["m"]{}}}])", policy)));
        ASSERT_EQ(prefs.preferences.size(), 1U) << policy;
        EXPECT_EQ(prefs.preferences[0].selection_policy, "none") << policy;
    }
}

TEST(InlinePreferences, EmptyListIsAnOverride) {
    const auto prefs = taken(body_with("[]"));
    EXPECT_TRUE(prefs.preferences.empty());
    EXPECT_EQ(prefs.stripped_body, kStripped);
}

TEST(InlinePreferences, StripsByteExactly) {
    EXPECT_EQ(taken("{\n  \"routing_preferences\" : [] ,\n  \"model\": 1e0\n}").stripped_body,
              "{\n  \"model\": 1e0\n}");
    EXPECT_EQ(taken("{\"model\":\"m\" , \"routing_preferences\":[]}").stripped_body,
              "{\"model\":\"m\" }");
    EXPECT_EQ(taken(R"({"routing_preferences":[]})").stripped_body, "{}");
    EXPECT_EQ(taken(" { \"routing_preferences\" : [ ] } \n").stripped_body, " {  } \n");
}

TEST(InlinePreferences, MalformedMemberNamesTheField) {
    const struct {
        std::string_view preferences;
        std::string_view message;
    } cases[] = {
        {"null", "invalid `routing_preferences`: expected an array of routing preferences"},
        {R"({"name":"n"})",
         "invalid `routing_preferences`: expected an array of routing preferences"},
        {R"("fast")", "invalid `routing_preferences`: expected an array of routing preferences"},
        {"[1]",
         "invalid `routing_preferences[0]`: expected an object with name, description and models"},
        {R"([{"description":"d","models":["m"]}])",
         "invalid `routing_preferences[0].name`: expected a non-empty string"},
        {R"([{"name":"","description":"d","models":["m"]}])",
         "invalid `routing_preferences[0].name`: expected a non-empty string"},
        {R"([{"name":7,"description":"d","models":["m"]}])",
         "invalid `routing_preferences[0].name`: expected a non-empty string"},
        {R"([{"name":"n","models":["m"]}])",
         "invalid `routing_preferences[0].description`: expected a string"},
        {R"([{"name":"n","description":"d"}])",
         "invalid `routing_preferences[0].models`: expected a non-empty array of model names"},
        {R"([{"name":"n","description":"d","models":[]}])",
         "invalid `routing_preferences[0].models`: expected a non-empty array of model names"},
        {R"([{"name":"n","description":"d","models":"m"}])",
         "invalid `routing_preferences[0].models`: expected a non-empty array of model names"},
        {R"([{"name":"n","description":"d","models":["m", 2]}])",
         "invalid `routing_preferences[0].models`: expected a non-empty array of model names"},
        {R"([{"name":"n","description":"d","models":[""]}])",
         "invalid `routing_preferences[0].models`: expected a non-empty array of model names"},
        {R"([{"name":"n","description":"d","models":["m"],"selection_policy":"fastest"}])",
         "invalid `routing_preferences[0].selection_policy`: expected an object"},
        {R"([{"name":"n","description":"d","models":["m"],"selection_policy":{"prefer":"best"}}])",
         "invalid `routing_preferences[0].selection_policy.prefer`: expected one of "
         "\"cheapest\", \"fastest\", \"none\""},
        {R"([{"name":"n","description":"d","models":["m"],"selection_policy":{"prefer":1}}])",
         "invalid `routing_preferences[0].selection_policy.prefer`: expected one of "
         "\"cheapest\", \"fastest\", \"none\""},
        {R"([{"name":"a","description":"d","models":["m"]},
             {"name":"a","description":"e","models":["n"]}])",
         "invalid `routing_preferences[1].name`: duplicate route name \"a\""},
    };
    for (const auto& c : cases) EXPECT_EQ(error_of(body_with(c.preferences)), c.message);
}

TEST(InlinePreferences, SyntaxErrorsInsideTheMemberAreErrors) {
    const std::string message = error_of(R"({"routing_preferences":[{"name":tru}],"model":"m"})");
    EXPECT_EQ(message.rfind("invalid `routing_preferences`: not valid JSON (", 0), 0U) << message;
}

TEST(InlinePreferences, GivenTwiceIsAnError) {
    EXPECT_EQ(error_of(R"({"routing_preferences":[],"model":"m","routing_preferences":[]})"),
              "invalid `routing_preferences`: given more than once");
}

TEST(InlinePreferences, HugeBodiesAndLists) {
    const std::string big_content(2 << 20, 'x');
    const std::string body = fmt::format(
        R"({{"messages":[{{"role":"user","content":"{}"}}],"routing_preferences":[{{"name":"n",)"
        R"("description":"d","models":["m"]}}]}})",
        big_content);
    const auto prefs = taken(body);
    EXPECT_EQ(prefs.preferences.size(), 1U);
    EXPECT_EQ(prefs.stripped_body,
              fmt::format(R"({{"messages":[{{"role":"user","content":"{}"}}]}})", big_content));

    std::string many = "[";
    for (int i = 0; i < 5'000; ++i) {
        if (i > 0) many += ",";
        many += fmt::format(R"({{"name":"r{}","description":"d","models":["m"]}})", i);
    }
    many += "]";
    EXPECT_EQ(taken(body_with(many)).preferences.size(), 5'000U);
}

}  // namespace
}  // namespace gw::routing
