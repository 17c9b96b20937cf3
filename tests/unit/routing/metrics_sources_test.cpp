// The cost and latency documents of model_metrics_sources (agents.md §6.4), with the
// reference's fixtures (real catalogue values) and documents of the wrong shape.

#include "gw/routing/metrics_sources.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gw::routing {
namespace {

constexpr double kEps = 1e-9;

double blended(const ModelPrice& price) {
    return price.input_per_million + price.output_per_million;
}

TEST(ParseModelsDev, ComposesProviderKeysAndRegistersBareNames) {
    const auto prices = parse_models_dev(R"({
        "anthropic": {"models": {
            "claude-opus-4-5": {"cost": {"input": 5.0, "output": 25.0, "cache_read": 0.5}}}},
        "groq": {"models": {
            "llama-3.3-70b-versatile": {"cost": {"input": 0.59, "output": 0.79}},
            "whisper-large-v3-turbo": {"cost": null}}}
    })",
                                         {});
    ASSERT_TRUE(prices);
    const ModelPrice& opus = prices->at("anthropic/claude-opus-4-5");
    EXPECT_EQ(blended(opus), 30.0);
    EXPECT_EQ(opus.cache_read_per_million, 0.5);
    const ModelPrice& llama = prices->at("groq/llama-3.3-70b-versatile");
    EXPECT_NEAR(blended(llama), 1.38, kEps);
    EXPECT_FALSE(llama.cache_read_per_million);
    EXPECT_EQ(blended(prices->at("claude-opus-4-5")), 30.0);
    EXPECT_FALSE(prices->contains("groq/whisper-large-v3-turbo"));
    EXPECT_FALSE(prices->contains("whisper-large-v3-turbo"));
}

TEST(ParseModelsDev, AppliesAliasesToTheComposedKey) {
    const auto prices = parse_models_dev(
        R"({"openai": {"models": {"gpt-oss-120b": {"cost": {"input": 1, "output": 2}}}}})",
        {{"openai/gpt-oss-120b", "openai/gpt-4o"}});
    ASSERT_TRUE(prices);
    EXPECT_EQ(blended(prices->at("openai/gpt-4o")), 3.0);
    EXPECT_FALSE(prices->contains("openai/gpt-oss-120b"));
    EXPECT_TRUE(prices->contains("gpt-oss-120b"));
}

// Aggregators key models "creator/model": the first-party entry owns "openai/gpt-4o" whatever
// the order, and the first bare entry wins.
TEST(ParseModelsDev, FirstPartyKeysWinOverAggregatorBareNames) {
    const auto prices = parse_models_dev(R"({
        "openrouter": {"models": {"openai/gpt-4o": {"cost": {"input": 9, "output": 9}}}},
        "openai": {"models": {"gpt-4o": {"cost": {"input": 2.5, "output": 10}}}},
        "azure": {"models": {"gpt-4o": {"cost": {"input": 7, "output": 7}}}}
    })",
                                         {});
    ASSERT_TRUE(prices);
    EXPECT_EQ(prices->at("openai/gpt-4o").input_per_million, 2.5);
    EXPECT_EQ(prices->at("gpt-4o").input_per_million, 2.5);
    EXPECT_EQ(prices->at("openrouter/openai/gpt-4o").input_per_million, 9.0);
}

TEST(ParseModelsDev, SkipsEntriesItCannotRead) {
    const auto prices = parse_models_dev(R"({
        "odd": 42,
        "nomodels": {"name": "x"},
        "p": {"models": {
            "no-output": {"cost": {"input": 1}},
            "text-cost": {"cost": {"input": "1", "output": "2"}},
            "not-object": [],
            "ok": {"cost": {"input": 1, "output": 2, "cache_read": "cheap"}}}}
    })",
                                         {});
    ASSERT_TRUE(prices);
    EXPECT_EQ(prices->size(), 2u);  // p/ok and ok
    EXPECT_FALSE(prices->at("p/ok").cache_read_per_million);
}

TEST(ParseModelsDev, RejectsDocumentsThatAreNotAnObject) {
    EXPECT_FALSE(parse_models_dev("", {}));
    EXPECT_FALSE(parse_models_dev("[]", {}));
    EXPECT_FALSE(parse_models_dev(R"({"anthropic": {)", {}));
    EXPECT_EQ(parse_models_dev("{}", {}).value().size(), 0u);
}

TEST(ParseDigitalOcean, ScalesPerTokenPricesToPerMillion) {
    const auto prices = parse_digitalocean(R"({"data": [
        {"model_id": "digitalocean/anthropic-claude-4.6-sonnet",
         "pricing": {"input_price_per_million": 3e-6, "output_price_per_million": 15e-6,
                     "cache_read_input_price_per_million": 3e-7}},
        {"model_id": "digitalocean/openai-gpt-4o",
         "pricing": {"input_price_per_million": 2.5e-6, "output_price_per_million": 10e-6}}
    ]})",
                                           {});
    ASSERT_TRUE(prices);
    const ModelPrice& sonnet = prices->at("digitalocean/anthropic-claude-4.6-sonnet");
    EXPECT_NEAR(sonnet.input_per_million, 3.0, kEps);
    EXPECT_NEAR(sonnet.output_per_million, 15.0, kEps);
    EXPECT_NEAR(sonnet.cache_read_per_million.value(), 0.3, kEps);
    const ModelPrice& gpt4o = prices->at("digitalocean/openai-gpt-4o");
    EXPECT_NEAR(gpt4o.input_per_million, 2.5, kEps);
    EXPECT_FALSE(gpt4o.cache_read_per_million);
}

TEST(ParseDigitalOcean, ReadsTheCacheRateUnderEitherNameExplicitFirst) {
    const auto prices = parse_digitalocean(R"({"data": [
        {"model_id": "kimi-k2.5", "pricing": {"input_price_per_million": 3.75e-7,
            "output_price_per_million": 2.025e-6, "cache_read_input_price_per_million": 2.03e-7,
            "input_cache_read": 9e-7}},
        {"model_id": "glm-5", "pricing": {"input_price_per_million": 6e-7,
            "output_price_per_million": 2.2e-6, "input_cache_read": 1.1e-7}},
        {"model_id": "legacy-model", "pricing": {"input_price_per_million": 5e-7,
            "output_price_per_million": 1e-6}}
    ]})",
                                           {});
    ASSERT_TRUE(prices);
    EXPECT_NEAR(prices->at("kimi-k2.5").input_per_million, 0.375, kEps);
    EXPECT_NEAR(prices->at("kimi-k2.5").cache_read_per_million.value(), 0.203, kEps);
    EXPECT_NEAR(prices->at("glm-5").cache_read_per_million.value(), 0.11, kEps);
    EXPECT_FALSE(prices->at("legacy-model").cache_read_per_million);
}

TEST(ParseDigitalOcean, AliasesMissingPricesAndUnreadableEntries) {
    const auto prices = parse_digitalocean(R"({"data": [
        {"model_id": "openai-gpt-4o", "pricing": {"input_price_per_million": 2.5e-6}},
        {"model_id": "no-pricing"},
        {"model_id": "null-pricing", "pricing": null},
        {"pricing": {"input_price_per_million": 1e-6}},
        "junk"
    ]})",
                                           {{"openai-gpt-4o", "openai/gpt-4o"}});
    ASSERT_TRUE(prices);
    ASSERT_EQ(prices->size(), 1u);
    EXPECT_NEAR(prices->at("openai/gpt-4o").input_per_million, 2.5, kEps);
    EXPECT_EQ(prices->at("openai/gpt-4o").output_per_million, 0.0);
}

TEST(ParseDigitalOcean, RejectsDocumentsWithoutADataArray) {
    EXPECT_FALSE(parse_digitalocean("nope", {}));
    EXPECT_FALSE(parse_digitalocean("{}", {}));
    EXPECT_FALSE(parse_digitalocean(R"({"data": {}})", {}));
    EXPECT_EQ(parse_digitalocean(R"({"data": []})", {}).value().size(), 0u);
}

TEST(ParsePrometheus, ReadsEachModelsValue) {
    const auto latency = parse_prometheus(R"({"status":"success","data":{"resultType":"vector",
        "result":[
            {"metric":{"model_name":"gpt-4o","job":"x"},"value":[1760000000.123,"0.42"]},
            {"metric":{"model_name":"claude-sonnet"},"value":[1760000000,"1e-1"]}]}})");
    ASSERT_TRUE(latency);
    EXPECT_EQ(latency->size(), 2u);
    EXPECT_DOUBLE_EQ(latency->at("gpt-4o"), 0.42);
    EXPECT_DOUBLE_EQ(latency->at("claude-sonnet"), 0.1);
}

TEST(ParsePrometheus, KeepsNanAndInfinities) {
    const auto latency = parse_prometheus(R"({"data":{"result":[
        {"metric":{"model_name":"a"},"value":[1,"NaN"]},
        {"metric":{"model_name":"b"},"value":[1,"+Inf"]},
        {"metric":{"model_name":"c"},"value":[1,"-Inf"]}]}})");
    ASSERT_TRUE(latency);
    EXPECT_TRUE(std::isnan(latency->at("a")));
    EXPECT_TRUE(std::isinf(latency->at("b")) && latency->at("b") > 0);
    EXPECT_TRUE(std::isinf(latency->at("c")) && latency->at("c") < 0);
}

TEST(ParsePrometheus, SkipsResultsWithoutAModelOrANumber) {
    const auto latency = parse_prometheus(R"({"data":{"result":[
        {"metric":{"job":"x"},"value":[1,"0.1"]},
        {"metric":{"model_name":"text"},"value":[1,"fast"]},
        {"metric":{"model_name":"trailing"},"value":[1,"0.1s"]},
        {"metric":{"model_name":"number"},"value":[1,0.1]},
        {"metric":{"model_name":"short"},"value":[1]},
        {"metric":{"model_name":"ok"},"value":[1,"2"]},
        []]}})");
    ASSERT_TRUE(latency);
    ASSERT_EQ(latency->size(), 1u);
    EXPECT_EQ(latency->at("ok"), 2.0);
}

TEST(ParsePrometheus, RejectsAnswersWithoutAResultArray) {
    EXPECT_FALSE(parse_prometheus(""));
    EXPECT_FALSE(parse_prometheus(R"({"status":"error","error":"bad query"})"));
    EXPECT_FALSE(parse_prometheus(R"({"data":{"result":{}}})"));
    EXPECT_EQ(parse_prometheus(R"({"data":{"result":[]}})").value().size(), 0u);
}

}  // namespace
}  // namespace gw::routing
