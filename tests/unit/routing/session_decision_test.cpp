// The session decision: our affinity contract (a warm session stays on its anchor without a
// budget), the warmth window, drift and lanes, the routing budget's cap over a whole session
// (the reference's scenarios and numbers), the replay of route_on_user_only and the refresh.

#include "gw/routing/session_decision.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::routing {
namespace {

constexpr double kEps = 1e-6;
constexpr int64_t kNow = 1'760'000'000;
constexpr std::string_view kLane = "anthropic/claude-sonnet-4-5";
constexpr std::string_view kExpensive = "anthropic/expensive";
constexpr std::string_view kPricey = "openai/pricey";
constexpr std::string_view kCheap = "google/cheap";

// Anchor `expensive` reads at its cached 0.3; a cold switch to `pricey` re-reads 100k tokens at
// 5.0, costing 0.1M x (5.0 - 0.3) = $0.47; one to `cheap` 0.1M x (0.1 - 0.3) = -$0.02. Each warm
// turn grows the never-switch baseline by 0.1M x 0.3 = $0.03.
const ModelMetrics& metrics() {
    static const ModelMetrics m{.prices = {{std::string(kExpensive), {3.0, 15.0, 0.3}},
                                           {std::string(kPricey), {5.0, 15.0, 0.5}},
                                           {std::string(kCheap), {0.1, 0.4, 0.01}}},
                                .latency = {}};
    return m;
}

std::optional<ModelPrice> catalogue(std::string_view model) { return find_price(metrics(), model); }

RoutingBudget budget(double pct) {
    RoutingBudget b;
    b.max_switch_spend_pct = pct;
    return b;
}

SessionBinding warm_binding(int64_t idle_s, double baseline = 0, double spend = 0) {
    SessionBinding b;
    b.anchor_model = kExpensive;
    b.default_model = kExpensive;
    b.requested_model = kLane;
    b.route_name = "code gen";
    b.prefix_hash = 1;
    b.last_used = kNow - idle_s;
    b.cached_tokens = 100'000;
    b.baseline_usd = baseline;
    b.switch_spend_usd = spend;
    b.history = {{std::string(kExpensive), kNow - idle_s, 100'000}};
    b.session_cost_usd = 1.25;
    return b;
}

SessionDecisionInput input(const SessionBinding* binding, std::string_view candidate,
                           std::optional<RoutingBudget> routing_budget = std::nullopt) {
    return {.binding = binding,
            .candidate = {std::string(candidate), "summarize"},
            .facts = {.prefix_hash = 1, .requested_model = kLane, .now = kNow},
            .context_tokens = 0,
            .budget = routing_budget,
            .price_of = catalogue};
}

TEST(SessionDecision, ANewSessionFollowsTheCandidate) {
    SessionDecisionInput in = input(nullptr, kPricey);
    in.context_tokens = 5'000;
    const SessionDecision d = decide_session(in);
    EXPECT_EQ(d.model, kPricey);
    EXPECT_EQ(d.route_name, "summarize");
    EXPECT_FALSE(d.warm);
    EXPECT_FALSE(d.switched);
    EXPECT_EQ(d.reason, "new_session");
    EXPECT_EQ(d.idle_ms, 0);
    const SessionBinding& stored = d.binding_to_store;
    EXPECT_EQ(stored.anchor_model, kPricey);
    EXPECT_EQ(stored.default_model, kPricey);
    EXPECT_EQ(stored.requested_model, kLane);
    EXPECT_EQ(stored.route_name, "summarize");
    EXPECT_EQ(stored.prefix_hash, 1u);
    EXPECT_EQ(stored.last_used, kNow);
    EXPECT_EQ(stored.cached_tokens, 5'000u);
    EXPECT_EQ(stored.switches, 0u);
    ASSERT_EQ(stored.history.size(), 1u);
    EXPECT_EQ(stored.history[0].model, kPricey);
    EXPECT_EQ(stored.session_cost_usd, 0.0);
}

TEST(SessionDecision, WarmAndTheCandidateIsTheAnchorStays) {
    const SessionBinding b = warm_binding(30);
    const SessionDecision d = decide_session(input(&b, kExpensive));
    EXPECT_EQ(d.model, kExpensive);
    EXPECT_EQ(d.route_name, "summarize");  // the route that chose it this turn
    EXPECT_TRUE(d.warm);
    EXPECT_FALSE(d.switched);
    EXPECT_EQ(d.reason, "same_anchor");
    EXPECT_EQ(d.idle_ms, 30'000);
    EXPECT_EQ(d.binding_to_store.cached_tokens, 100'000u);
    EXPECT_EQ(d.binding_to_store.session_cost_usd, 1.25);
}

// Our contract (spec README §3): without a routing budget a warm session keeps its model.
TEST(SessionDecision, WarmWithoutABudgetRetainsTheAnchorAndItsRoute) {
    const SessionBinding b = warm_binding(30);
    const SessionDecision d = decide_session(input(&b, kCheap));
    EXPECT_EQ(d.model, kExpensive);
    EXPECT_EQ(d.route_name, "code gen");
    EXPECT_TRUE(d.warm);
    EXPECT_FALSE(d.switched);
    EXPECT_EQ(d.reason, "retained");
    EXPECT_FALSE(d.evaluation);
    EXPECT_EQ(d.binding_to_store.anchor_model, kExpensive);
    EXPECT_EQ(d.binding_to_store.route_name, "code gen");
    EXPECT_EQ(d.binding_to_store.switches, 0u);
    EXPECT_EQ(d.binding_to_store.baseline_usd, 0.0);  // only a budget keeps a baseline
}

TEST(SessionDecision, TheWarmthWindowIncludesItsLastSecond) {
    const SessionBinding at_edge = warm_binding(300);
    const SessionDecision warm = decide_session(input(&at_edge, kCheap));
    EXPECT_TRUE(warm.warm);
    EXPECT_EQ(warm.model, kExpensive);

    const SessionBinding past_edge = warm_binding(301);
    const SessionDecision cold = decide_session(input(&past_edge, kCheap));
    EXPECT_FALSE(cold.warm);
    EXPECT_EQ(cold.reason, "cold");
    EXPECT_EQ(cold.model, kCheap);
    EXPECT_EQ(cold.idle_ms, 301'000);
}

TEST(SessionDecision, TheWindowIsAnInput) {
    const SessionBinding b = warm_binding(600);
    SessionDecisionInput in = input(&b, kCheap);
    in.facts.warmth_window = std::chrono::hours(1);
    EXPECT_TRUE(decide_session(in).warm);
}

TEST(SessionDecision, ALastUseInTheFutureCountsAsJustUsed) {
    const SessionBinding b = warm_binding(-20);  // another replica's clock runs ahead
    const SessionDecision d = decide_session(input(&b, kCheap));
    EXPECT_TRUE(d.warm);
    EXPECT_EQ(d.idle_ms, 0);
}

TEST(SessionDecision, ADriftedPrefixFollowsTheCandidateAndForgetsTheHistory) {
    const SessionBinding b = warm_binding(30);
    SessionDecisionInput in = input(&b, kCheap);
    in.facts.prefix_hash = 2;
    const SessionDecision d = decide_session(in);
    EXPECT_FALSE(d.warm);
    EXPECT_EQ(d.reason, "drifted");
    EXPECT_EQ(d.model, kCheap);
    EXPECT_EQ(d.binding_to_store.prefix_hash, 2u);
    ASSERT_EQ(d.binding_to_store.history.size(), 1u);
    EXPECT_EQ(d.binding_to_store.history[0].model, kCheap);
    EXPECT_EQ(d.binding_to_store.session_cost_usd, 1.25);  // the conversation's, kept
}

TEST(SessionDecision, AnUnknownPrefixOnEitherSideIsNoDrift) {
    const SessionBinding b = warm_binding(30);
    SessionDecisionInput cache_off = input(&b, kCheap);
    cache_off.facts.prefix_hash.reset();
    EXPECT_TRUE(decide_session(cache_off).warm);
    SessionBinding unhashed = warm_binding(30);
    unhashed.prefix_hash.reset();
    EXPECT_TRUE(decide_session(input(&unhashed, kCheap)).warm);
}

TEST(SessionDecision, AnotherLaneStartsItsOwnEpisode) {
    const SessionBinding b = warm_binding(30);
    SessionDecisionInput side_call = input(&b, kCheap);
    side_call.facts.requested_model = "anthropic/claude-haiku-4-5";
    const SessionDecision d = decide_session(side_call);
    EXPECT_FALSE(d.warm);
    EXPECT_EQ(d.reason, "other_lane");
    EXPECT_EQ(d.model, kCheap);
    EXPECT_EQ(d.binding_to_store.requested_model, "anthropic/claude-haiku-4-5");
    EXPECT_EQ(d.binding_to_store.history.size(), 2u);  // the caches themselves are not lost
}

TEST(SessionDecision, ColdResetsTheTotalsAndTheSwitchCount) {
    SessionBinding b = warm_binding(600, 5.0, 3.0);
    b.switches = 4;
    const SessionDecision d = decide_session(input(&b, kPricey, budget(25)));
    EXPECT_EQ(d.model, kPricey);
    EXPECT_FALSE(d.warm);
    EXPECT_EQ(d.binding_to_store.switches, 0u);
    EXPECT_EQ(d.binding_to_store.baseline_usd, 0.0);
    EXPECT_EQ(d.binding_to_store.switch_spend_usd, 0.0);
    EXPECT_EQ(d.binding_to_store.default_model, kPricey);
}

TEST(SessionDecision, WithoutReplenishARebindCarriesTheTotalsAndTheDefault) {
    const SessionBinding b = warm_binding(600, 5.0, 3.0);
    RoutingBudget carry = budget(25);
    carry.replenish_on_rebind = false;
    const SessionDecision d = decide_session(input(&b, kPricey, carry));
    EXPECT_EQ(d.model, kPricey);
    EXPECT_EQ(d.binding_to_store.baseline_usd, 5.0);
    EXPECT_EQ(d.binding_to_store.switch_spend_usd, 3.0);
    EXPECT_EQ(d.binding_to_store.default_model, kExpensive);
}

TEST(SessionBudget, APaidSwitchWithinTheCapAccruesSpend) {
    // Baseline $2.00 + $0.03 this turn; 25 % of $2.03 = $0.5075 covers the $0.47 switch.
    const SessionBinding b = warm_binding(30, 2.0);
    const SessionDecision d = decide_session(input(&b, kPricey, budget(25)));
    EXPECT_EQ(d.model, kPricey);
    EXPECT_EQ(d.route_name, "summarize");
    EXPECT_TRUE(d.warm);
    EXPECT_TRUE(d.switched);
    EXPECT_EQ(d.reason, "within_cap");
    EXPECT_EQ(d.binding_to_store.switches, 1u);
    EXPECT_NEAR(d.binding_to_store.switch_spend_usd, 0.47, kEps);
    EXPECT_NEAR(d.binding_to_store.baseline_usd, 2.03, kEps);
    ASSERT_TRUE(d.evaluation);
    EXPECT_NEAR(d.evaluation->cost_usd, 0.47, kEps);
    EXPECT_NEAR(d.evaluation->ceiling_usd, 0.5075, kEps);
    EXPECT_EQ(d.evaluation->candidate_warm_tokens, 0u);
}

TEST(SessionBudget, APaidSwitchOverTheCapRetainsTheAnchor) {
    // 25 % of $1.03 = $0.2575 < $0.47.
    const SessionBinding b = warm_binding(30, 1.0);
    const SessionDecision d = decide_session(input(&b, kPricey, budget(25)));
    EXPECT_EQ(d.model, kExpensive);
    EXPECT_EQ(d.route_name, "code gen");
    EXPECT_TRUE(d.warm);
    EXPECT_FALSE(d.switched);
    EXPECT_EQ(d.reason, "over_cap");
    EXPECT_EQ(d.binding_to_store.switches, 0u);
    EXPECT_EQ(d.binding_to_store.switch_spend_usd, 0.0);
    EXPECT_FALSE(d.counterfactual_route);
}

TEST(SessionBudget, AnOverCapVetoCanRecordTheCounterfactual) {
    const SessionBinding b = warm_binding(30, 1.0);
    RoutingBudget recording = budget(25);
    recording.record_counterfactual = true;
    SessionDecisionInput in = input(&b, kPricey, recording);
    EXPECT_EQ(decide_session(in).counterfactual_route, "openai/pricey (summarize)");
    in.candidate.route_name = "none";
    EXPECT_EQ(decide_session(in).counterfactual_route, "openai/pricey");
    in.candidate.route_name.reset();
    EXPECT_EQ(decide_session(in).counterfactual_route, "openai/pricey");
}

TEST(SessionBudget, ACheaperSwitchIsFreeAndLeavesTheSpend) {
    const SessionBinding b = warm_binding(30, 1.0, 0.10);
    const SessionDecision d = decide_session(input(&b, kCheap, budget(25)));
    EXPECT_EQ(d.model, kCheap);
    EXPECT_TRUE(d.switched);
    EXPECT_EQ(d.reason, "free");
    EXPECT_EQ(d.binding_to_store.switches, 1u);
    EXPECT_NEAR(d.binding_to_store.switch_spend_usd, 0.10, kEps);
}

TEST(SessionBudget, AnUnpricedModelSwitchesWithoutACost) {
    const SessionBinding b = warm_binding(30, 1.0);
    const SessionDecision d = decide_session(input(&b, "mystery/model", budget(1)));
    EXPECT_EQ(d.model, "mystery/model");
    EXPECT_TRUE(d.switched);
    EXPECT_EQ(d.reason, "no_pricing");
    EXPECT_FALSE(d.evaluation);
    SessionDecisionInput no_source = input(&b, kPricey, budget(1));
    no_source.price_of = nullptr;
    EXPECT_EQ(decide_session(no_source).reason, "no_pricing");
}

TEST(SessionBudget, TheBaselineIsPricedOnTheDefaultModelNotTheAnchor) {
    SessionBinding b = warm_binding(0);
    b.anchor_model = kCheap;
    b.switches = 1;
    const SessionDecision d = decide_session(input(&b, kCheap, budget(25)));
    EXPECT_EQ(d.reason, "same_anchor");
    EXPECT_EQ(d.binding_to_store.switches, 1u);
    // 100k x $0.30/M on `expensive`, not x $0.01/M on `cheap`.
    EXPECT_NEAR(d.binding_to_store.baseline_usd, 0.03, kEps);
    EXPECT_EQ(d.binding_to_store.default_model, kExpensive);
}

TEST(SessionBudget, OldBindingsWithoutADefaultStartedOnTheirAnchor) {
    SessionBinding b = warm_binding(0);
    b.default_model.clear();
    const SessionDecision d = decide_session(input(&b, kExpensive, budget(25)));
    EXPECT_EQ(d.binding_to_store.default_model, kExpensive);
    EXPECT_NEAR(d.binding_to_store.baseline_usd, 0.03, kEps);
}

TEST(SessionBudget, TheRequestContextCountsWhenTheBindingHasNone) {
    SessionBinding b = warm_binding(0);
    b.cached_tokens = 0;
    SessionDecisionInput in = input(&b, kExpensive, budget(25));
    in.context_tokens = 200'000;
    const SessionDecision d = decide_session(in);
    EXPECT_NEAR(d.binding_to_store.baseline_usd, 0.06, kEps);
    EXPECT_EQ(d.binding_to_store.cached_tokens, 200'000u);
}

TEST(SessionBudget, AReturnToAStillWarmModelPaysOnlyTheCachedDelta) {
    // `pricey` still holds the 100k: 100k x (0.5 - 0.3)/1M = $0.02, within 25 % of $0.43. A cold
    // switch would cost $0.47 and be refused.
    SessionBinding b = warm_binding(30, 0.40);
    b.switches = 1;
    b.history.push_back({std::string(kPricey), kNow - 30, 100'000});
    const SessionDecision d = decide_session(input(&b, kPricey, budget(25)));
    EXPECT_EQ(d.model, kPricey);
    EXPECT_EQ(d.binding_to_store.switches, 2u);
    EXPECT_NEAR(d.binding_to_store.switch_spend_usd, 0.02, kEps);
    EXPECT_EQ(d.evaluation->candidate_warm_tokens, 100'000u);

    b.history.back().last_used = kNow - 301;  // its cache has lapsed
    EXPECT_EQ(decide_session(input(&b, kPricey, budget(25))).reason, "over_cap");
}

// The budget's promise over a whole session, driven turn by turn through the stored binding:
// switch spend never exceeds the cap of the never-switch baseline, and the $0.47 switch flips
// from refused to allowed exactly when 25 % of $0.03 x k covers it (k = 63).
TEST(SessionBudget, AMultiTurnSessionStaysWithinTheOverheadCap) {
    const RoutingBudget cap = budget(25);
    int64_t now = kNow;
    std::optional<SessionBinding> stored;
    const auto turn = [&](std::string_view candidate) {
        now += 10;
        SessionDecisionInput in = input(stored ? &*stored : nullptr, candidate, cap);
        in.facts.now = now;
        in.context_tokens = 100'000;
        SessionDecision d = decide_session(in);
        stored = d.binding_to_store;
        return d;
    };

    const SessionDecision first = turn(kExpensive);
    EXPECT_FALSE(first.warm);
    EXPECT_EQ(first.binding_to_store.default_model, kExpensive);

    int switched_at = 0;
    for (int k = 1; k <= 70 && switched_at == 0; ++k) {
        const SessionDecision d = turn(kPricey);
        const SessionBinding& s = d.binding_to_store;
        ASSERT_TRUE(d.warm) << k;
        ASSERT_LE(s.switch_spend_usd, 0.25 * s.baseline_usd + 1e-9) << k;
        ASSERT_NEAR(s.baseline_usd, 0.03 * k, kEps) << k;
        if (d.model == kPricey) {
            switched_at = k;
            EXPECT_EQ(s.switches, 1u);
            EXPECT_NEAR(s.switch_spend_usd, 0.47, kEps);
        } else {
            ASSERT_EQ(d.reason, "over_cap") << k;
            ASSERT_EQ(s.switch_spend_usd, 0.0) << k;
        }
    }
    EXPECT_EQ(switched_at, 63);

    const SessionDecision stay = turn(kPricey);
    EXPECT_EQ(stay.reason, "same_anchor");
    EXPECT_NEAR(stay.binding_to_store.switch_spend_usd, 0.47, kEps);

    // A -> B -> A: `expensive` still holds the context, so going back is free.
    const SessionDecision back = turn(kExpensive);
    EXPECT_EQ(back.model, kExpensive);
    EXPECT_EQ(back.reason, "free");
    EXPECT_EQ(back.binding_to_store.switches, 2u);
    EXPECT_NEAR(back.binding_to_store.switch_spend_usd, 0.47, kEps);
    EXPECT_NEAR(back.binding_to_store.baseline_usd, 0.03 * 65, kEps);
    EXPECT_LE(back.binding_to_store.switch_spend_usd,
              0.25 * back.binding_to_store.baseline_usd + 1e-9);
}

TEST(ReplayableDecision, AWarmBindingOnTheSameLaneAndPrefixIsReplayed) {
    const SessionBinding b = warm_binding(5);
    const SessionFacts facts{.prefix_hash = 1, .requested_model = kLane, .now = kNow};
    const auto replay = replayable_decision(&b, facts);
    ASSERT_TRUE(replay);
    EXPECT_EQ(replay->model, kExpensive);
    EXPECT_EQ(replay->route_name, "code gen");
}

TEST(ReplayableDecision, NothingToReplayOffTheWarmSameLanePrefix) {
    const SessionBinding warm = warm_binding(5);
    const SessionBinding cold = warm_binding(24 * 3600);
    const SessionFacts facts{.prefix_hash = 1, .requested_model = kLane, .now = kNow};
    SessionFacts other_lane = facts;
    other_lane.requested_model = "anthropic/claude-haiku-4-5";
    SessionFacts drifted = facts;
    drifted.prefix_hash = 999;
    EXPECT_FALSE(replayable_decision(nullptr, facts));
    EXPECT_FALSE(replayable_decision(&cold, facts));
    EXPECT_FALSE(replayable_decision(&warm, other_lane));
    EXPECT_FALSE(replayable_decision(&warm, drifted));
}

TEST(RecordUsage, RefreshesWarmthContextHistoryAndCost) {
    SessionBinding b = warm_binding(30);
    record_usage(b, 120'000, 0.25, kNow + 5);
    EXPECT_EQ(b.last_used, kNow + 5);
    EXPECT_EQ(b.cached_tokens, 120'000u);
    EXPECT_DOUBLE_EQ(b.session_cost_usd, 1.5);
    ASSERT_EQ(b.history.size(), 1u);
    EXPECT_EQ(b.history[0].last_used, kNow + 5);
    EXPECT_EQ(b.history[0].cached_tokens, 120'000u);
}

TEST(RecordUsage, WithoutAPromptCountKeepsTheEstimate) {
    SessionBinding b = warm_binding(30);
    record_usage(b, 0, 0.0, kNow);
    EXPECT_EQ(b.cached_tokens, 100'000u);
    record_usage(b, -1, 0.0, kNow);
    EXPECT_EQ(b.cached_tokens, 100'000u);
    EXPECT_DOUBLE_EQ(b.session_cost_usd, 1.25);
}

}  // namespace
}  // namespace gw::routing
