// The mock answering router prompts: the route sharing the most words with the last user turn.

#include "gw/mock/route_choice.hpp"
#include "gw/routing/router_prompt.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gw::mock {
namespace {

std::string prompt_for(std::vector<routing::RouterTurn> turns) {
    const std::vector<routing::RouteSpec> routes = {
        {"code_generation", "writing or fixing source code"},
        {"summarization", "summarizing long documents"},
    };
    return routing::build_router_prompt(routes, turns);
}

TEST(RouteChoice, PicksTheRouteSharingMostWordsWithTheLastUserTurn) {
    EXPECT_EQ(route_choice(prompt_for({{"user", "Please write some Python code for me"}})),
              R"({"route":["code_generation"]})");
    EXPECT_EQ(route_choice(prompt_for({{"user", "write code"},
                                       {"assistant", "done"},
                                       {"user", "now summarizing this document please"}})),
              R"({"route":["summarization"]})");
}

TEST(RouteChoice, NoSharedWordMeansNoRoute) {
    EXPECT_EQ(route_choice(prompt_for({{"user", "hi there"}})), R"({"route":[]})");
}

TEST(RouteChoice, OrdinaryPromptsAreNotRouterPrompts) {
    EXPECT_FALSE(route_choice("Hello, <routes> is just a word here").has_value());
    EXPECT_FALSE(route_choice("").has_value());
}

}  // namespace
}  // namespace gw::mock
