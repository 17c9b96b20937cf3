// selection_policy ranking (agents.md §6.5) and the price lookup of the cost math.

#include "gw/routing/model_ranking.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace gw::routing {
namespace {

using Models = std::vector<std::string>;

ModelMetrics with_prices(std::initializer_list<std::pair<std::string, ModelPrice>> prices) {
    ModelMetrics metrics;
    metrics.prices.insert(prices.begin(), prices.end());
    return metrics;
}

ModelMetrics with_latency(std::initializer_list<std::pair<std::string, double>> latency) {
    ModelMetrics metrics;
    metrics.latency.insert(latency.begin(), latency.end());
    return metrics;
}

TEST(RankModels, CheapestAscendsByInputPlusOutput) {
    const ModelMetrics metrics = with_prices(
        {{"a", {0.004, 0.006, {}}}, {"b", {0.002, 0.003, {}}}, {"c", {0.01, 0.01, {}}}});
    EXPECT_EQ(rank_models(Models{"a", "b", "c"}, "cheapest", metrics), (Models{"b", "a", "c"}));
}

TEST(RankModels, FastestAscendsByLatency) {
    const ModelMetrics metrics = with_latency({{"gpt-4o", 200.0}, {"claude-sonnet", 120.0}});
    EXPECT_EQ(rank_models(Models{"gpt-4o", "claude-sonnet"}, "fastest", metrics),
              (Models{"claude-sonnet", "gpt-4o"}));
}

TEST(RankModels, NoneKeepsDeclaredOrderDespitePrices) {
    const ModelMetrics metrics =
        with_prices({{"gpt-4o-mini", {0.0001, 0, {}}}, {"gpt-4o", {0.005, 0, {}}}});
    EXPECT_EQ(rank_models(Models{"gpt-4o", "gpt-4o-mini"}, "none", metrics),
              (Models{"gpt-4o", "gpt-4o-mini"}));
    EXPECT_EQ(rank_models(Models{"gpt-4o", "gpt-4o-mini"}, "priciest", metrics),
              (Models{"gpt-4o", "gpt-4o-mini"}));
}

TEST(RankModels, ModelsWithoutDataFollowInDeclaredOrder) {
    const ModelMetrics metrics = with_prices({{"gpt-4o", {0.005, 0, {}}}});
    EXPECT_EQ(rank_models(Models{"gpt-4o-mini", "gpt-4o", "x"}, "cheapest", metrics),
              (Models{"gpt-4o", "gpt-4o-mini", "x"}));
    EXPECT_EQ(rank_models(Models{"model-a", "model-b"}, "fastest", ModelMetrics{}),
              (Models{"model-a", "model-b"}));
}

TEST(RankModels, NanCountsAsMissing) {
    const ModelMetrics metrics =
        with_latency({{"a", std::nan("")}, {"b", 0.5}, {"c", 0.1}});  // "d" has no entry
    EXPECT_EQ(rank_models(Models{"a", "b", "c", "d"}, "fastest", metrics),
              (Models{"c", "b", "a", "d"}));
    const ModelMetrics prices = with_prices({{"a", {std::nan(""), 1, {}}}, {"b", {1, 1, {}}}});
    EXPECT_EQ(rank_models(Models{"a", "b"}, "cheapest", prices), (Models{"b", "a"}));
}

TEST(RankModels, TiesKeepDeclaredOrder) {
    const ModelMetrics metrics = with_latency({{"x", 1.0}, {"y", 1.0}, {"z", 0.5}});
    EXPECT_EQ(rank_models(Models{"y", "x", "z"}, "fastest", metrics), (Models{"z", "y", "x"}));
}

TEST(RankModels, EmptyListRanksEmpty) {
    EXPECT_TRUE(rank_models(Models{}, "cheapest", with_latency({{"a", 1}})).empty());
}

TEST(RankModels, RanksExactNamesOnly) {
    const ModelMetrics metrics = with_prices({{"gpt-4o", {1, 1, {}}}});
    EXPECT_EQ(rank_models(Models{"x", "openai/gpt-4o"}, "cheapest", metrics),
              (Models{"x", "openai/gpt-4o"}));
}

TEST(FindPrice, ExactNameFirstThenThePartAfterTheProvider) {
    const ModelMetrics metrics = with_prices(
        {{"claude-sonnet-4-5", {3.0, 15.0, 0.3}}, {"vercel/claude-sonnet-4-5", {4, 16, {}}}});
    EXPECT_EQ(find_price(metrics, "vercel/claude-sonnet-4-5")->input_per_million, 4.0);
    EXPECT_EQ(find_price(metrics, "other/claude-sonnet-4-5")->input_per_million, 3.0);
    EXPECT_EQ(find_price(metrics, "claude-sonnet-4-5")->cache_read_per_million, 0.3);
}

TEST(FindPrice, UnknownModelsHaveNone) {
    const ModelMetrics metrics = with_prices({{"b/c", {1, 1, {}}}});
    EXPECT_FALSE(find_price(metrics, "unknown/model"));
    EXPECT_FALSE(find_price(metrics, "model"));
    EXPECT_FALSE(find_price(metrics, ""));
    // Only the first provider prefix is stripped: "a/b/c" falls back to "b/c".
    EXPECT_TRUE(find_price(metrics, "a/b/c"));
}

}  // namespace
}  // namespace gw::routing
