// The routing budget's money math (agents.md §6.3), with the reference's worked numbers
// (models.dev rates: opus input 15 / cached 1.5, sonnet 3 / 0.3, haiku 1 / 0.1, gpt-4.1 2 / 0.5).

#include "gw/routing/switch_cost.hpp"

#include <gtest/gtest.h>

namespace gw::routing {
namespace {

constexpr double kEps = 1e-9;

RoutingBudget budget(double pct) {
    RoutingBudget b;
    b.max_switch_spend_pct = pct;
    return b;
}

TEST(CachedInputRate, PublishedRateWinsElseInputTimesDiscount) {
    EXPECT_EQ(cached_input_rate({3.0, 15.0, 0.3}, 0.5), 0.3);
    EXPECT_NEAR(cached_input_rate({3.0, 15.0, std::nullopt}, 0.1), 0.3, kEps);
}

TEST(SwitchCost, NegativeWhenTheCandidateUndercutsTheCachedAnchor) {
    EXPECT_NEAR(switch_cost_usd(100'000, 0, 1.5, 1.0, 0.1), -0.05, kEps);
}

TEST(SwitchCost, PositiveWhenTheCandidateIsDearerThanTheCachedAnchor) {
    EXPECT_NEAR(switch_cost_usd(100'000, 0, 1.5, 2.0, 0.5), 0.05, kEps);
    EXPECT_NEAR(switch_cost_usd(150'000, 0, 0.3, 5.0, 0.5), 0.705, kEps);
}

TEST(SwitchCost, ScalesLinearlyWithTheContext) {
    const double small = switch_cost_usd(10'000, 0, 0.3, 0.8, 0.1);
    const double large = switch_cost_usd(1'000'000, 0, 0.3, 0.8, 0.1);
    EXPECT_NEAR(large / small, 100.0, 1e-6);
    EXPECT_LT(switch_cost_usd(2'000, 0, 0.3, 5.0, 0.5), 0.01);
    EXPECT_EQ(switch_cost_usd(0, 0, 0.3, 5.0, 0.5), 0.0);
}

TEST(SwitchCost, AWarmReturnPaysOnlyTheDelta) {
    EXPECT_NEAR(switch_cost_usd(100'000, 90'000, 0.3, 2.0, 0.5), 0.035, kEps);
    EXPECT_NEAR(switch_cost_usd(100'000, 0, 0.3, 2.0, 0.5), 0.17, kEps);
    // More warm tokens than context cannot make the switch cheaper than all-cached.
    EXPECT_NEAR(switch_cost_usd(100'000, 500'000, 0.3, 2.0, 0.5), 0.02, kEps);
}

TEST(ContextReadCost, IsTheContextAtTheCachedRate) {
    EXPECT_NEAR(context_read_cost_usd(100'000, {3.0, 15.0, 0.3}, 0.1), 0.03, kEps);
    EXPECT_NEAR(context_read_cost_usd(100'000, {3.0, 15.0, std::nullopt}, 0.5), 0.15, kEps);
}

TEST(TurnCost, OpenAiShapedUsagePricesCachedTokensAtTheCachedRate) {
    llm::Usage usage;
    usage.input_tokens = 1000;  // includes the 400 cached
    usage.cached_input_tokens = 400;
    usage.output_tokens = 200;
    // 600 x 3 + 400 x 0.3 + 200 x 15, per million.
    EXPECT_NEAR(turn_cost_usd(usage, {3.0, 15.0, 0.3}, 0.1), (1800 + 120 + 3000) / 1e6, 1e-12);
}

TEST(TurnCost, CacheWritesAtTheInputRateAndDiscountWithoutAPublishedRate) {
    llm::Usage usage;
    usage.input_tokens = 150;  // Anthropic's 100 uncached + 30 read + 20 written, in IR form
    usage.cached_input_tokens = 30;
    usage.cache_creation_input_tokens = 20;
    usage.output_tokens = 50;
    // 100 x 3 + 30 x 0.3 + 20 x 3 + 50 x 15.
    EXPECT_NEAR(turn_cost_usd(usage, {3.0, 15.0, std::nullopt}, 0.1), (300 + 9 + 60 + 750) / 1e6,
                1e-12);
}

TEST(TurnCost, MissingOrNegativeCountsAreZero) {
    EXPECT_EQ(turn_cost_usd(llm::Usage{}, {3.0, 15.0, 0.3}, 0.1), 0.0);
    llm::Usage odd;
    odd.input_tokens = -5;
    odd.cached_input_tokens = 10;  // more cached than input: no negative uncached part
    EXPECT_NEAR(turn_cost_usd(odd, {3.0, 15.0, 0.3}, 0.1), 10 * 0.3 / 1e6, 1e-12);
}

SwitchQuery query(double baseline, double spend) {
    return {.context_tokens = 100'000,
            .candidate_warm_tokens = 0,
            .anchor_price = ModelPrice{3.0, 15.0, 0.3},
            .candidate_price = ModelPrice{5.0, 15.0, 0.5},
            .baseline_usd = baseline,
            .switch_spend_usd = spend};
}

TEST(JudgeSwitch, WithinCapAddsTheCostToTheSpend) {
    const SwitchVerdict verdict = judge_switch(query(2.03, 0.0), budget(25));  // cost 0.47
    EXPECT_EQ(verdict.reason, SwitchReason::WithinCap);
    EXPECT_TRUE(verdict.allowed());
    EXPECT_NEAR(verdict.cost_usd.value(), 0.47, kEps);
    EXPECT_NEAR(verdict.ceiling_usd, 0.5075, kEps);
    EXPECT_NEAR(verdict.switch_spend_usd, 0.47, kEps);
}

TEST(JudgeSwitch, ExactlyAtTheCeilingIsWithinCap) {
    const SwitchVerdict verdict = judge_switch(query(1.88, 0.0), budget(25));  // ceiling 0.47
    EXPECT_EQ(verdict.reason, SwitchReason::WithinCap);
}

TEST(JudgeSwitch, OverCapKeepsTheSpend) {
    const SwitchVerdict verdict = judge_switch(query(1.03, 0.0), budget(25));
    EXPECT_EQ(verdict.reason, SwitchReason::OverCap);
    EXPECT_FALSE(verdict.allowed());
    EXPECT_EQ(verdict.switch_spend_usd, 0.0);
    // Earlier spend counts against the same ceiling.
    EXPECT_EQ(judge_switch(query(2.03, 0.1), budget(25)).reason, SwitchReason::OverCap);
}

TEST(JudgeSwitch, ZeroPercentAllowsOnlyFreeSwitches) {
    EXPECT_EQ(judge_switch(query(100.0, 0.0), budget(0)).reason, SwitchReason::OverCap);
    SwitchQuery cheaper = query(0.0, 0.0);
    cheaper.candidate_price = ModelPrice{0.1, 0.4, 0.01};
    EXPECT_EQ(judge_switch(cheaper, budget(0)).reason, SwitchReason::Free);
}

TEST(JudgeSwitch, CheaperIsFreeAndNeverRefundsSpend) {
    SwitchQuery cheaper = query(1.0, 0.10);
    cheaper.candidate_price = ModelPrice{0.1, 0.4, 0.01};
    const SwitchVerdict verdict = judge_switch(cheaper, budget(25));
    EXPECT_EQ(verdict.reason, SwitchReason::Free);
    EXPECT_NEAR(verdict.cost_usd.value(), -0.02, kEps);
    EXPECT_NEAR(verdict.switch_spend_usd, 0.10, kEps);
}

TEST(JudgeSwitch, MissingPriceOnEitherSideIsAllowedUnpriced) {
    SwitchQuery no_anchor = query(0.0, 0.0);
    no_anchor.anchor_price.reset();
    SwitchQuery no_candidate = query(0.0, 0.0);
    no_candidate.candidate_price.reset();
    for (const SwitchQuery& q : {no_anchor, no_candidate}) {
        const SwitchVerdict verdict = judge_switch(q, budget(25));
        EXPECT_EQ(verdict.reason, SwitchReason::NoPricing);
        EXPECT_TRUE(verdict.allowed());
        EXPECT_FALSE(verdict.cost_usd);
    }
}

TEST(JudgeSwitch, ReasonLabelsAreTheReferences) {
    EXPECT_EQ(reason_label(SwitchReason::NoPricing), "no_pricing");
    EXPECT_EQ(reason_label(SwitchReason::Free), "free");
    EXPECT_EQ(reason_label(SwitchReason::WithinCap), "within_cap");
    EXPECT_EQ(reason_label(SwitchReason::OverCap), "over_cap");
}

TEST(SwitchSpendHeader, AcceptsPercentagesFromZeroToHundred) {
    EXPECT_EQ(parse_switch_spend_pct("15"), 15.0);
    EXPECT_EQ(parse_switch_spend_pct(" 12.5 "), 12.5);
    EXPECT_EQ(parse_switch_spend_pct("0"), 0.0);
    EXPECT_EQ(parse_switch_spend_pct("100"), 100.0);
    EXPECT_EQ(parse_switch_spend_pct("+5"), 5.0);
}

TEST(SwitchSpendHeader, RejectsEverythingElse) {
    for (const char* bad : {"101", "-1", "", " ", "ten", "5%", "nan", "inf", "1e3", "5 5"}) {
        EXPECT_FALSE(parse_switch_spend_pct(bad)) << bad;
    }
}

TEST(BudgetForRequest, TheHeaderOverridesOrSynthesises) {
    RoutingBudget configured = budget(20);
    configured.record_counterfactual = true;
    const auto overridden = budget_for_request(configured, 5.0);
    EXPECT_EQ(overridden->max_switch_spend_pct, 5.0);
    EXPECT_TRUE(overridden->record_counterfactual);
    EXPECT_EQ(budget_for_request(configured, std::nullopt)->max_switch_spend_pct, 20.0);
    EXPECT_FALSE(budget_for_request(std::nullopt, std::nullopt));
    const auto synthesised = budget_for_request(std::nullopt, 7.5);
    EXPECT_EQ(synthesised->max_switch_spend_pct, 7.5);
    EXPECT_TRUE(synthesised->replenish_on_rebind);
    EXPECT_EQ(synthesised->cache_read_discount, 0.1);
    EXPECT_FALSE(synthesised->record_counterfactual);
}

}  // namespace
}  // namespace gw::routing
