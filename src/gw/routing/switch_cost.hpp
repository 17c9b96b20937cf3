#pragma once
// The money side of session affinity (agents.md §6.3): what a warm session pays to switch
// models, what staying would have cost, whether the routing budget affords the difference, and
// what a turn actually cost. Rates are USD per million tokens; results are USD.

#include "gw/config/model.hpp"
#include "gw/llm/api.hpp"
#include "gw/routing/model_ranking.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::routing {

using RoutingBudget = config::RoutingBudget;

// The published cache-read rate, else the input rate x `cache_read_discount`.
[[nodiscard]] double cached_input_rate(const ModelPrice& price, double cache_read_discount);

// Input-only cost of switching: the candidate reads the context at its uncached rate, except
// `candidate_warm_tokens` it still holds from an earlier visit (at its cached rate), minus the
// anchor re-reading the whole context at `anchor_read_rate`. Output is never credited: its size
// is unknowable before the answer. Negative when switching is outright cheaper.
[[nodiscard]] double switch_cost_usd(uint64_t context_tokens, uint64_t candidate_warm_tokens,
                                     double anchor_read_rate, double candidate_uncached_rate,
                                     double candidate_cached_rate);

// One turn's growth of the never-switch baseline: the context read at the cached rate.
[[nodiscard]] double context_read_cost_usd(uint64_t context_tokens, const ModelPrice& price,
                                           double cache_read_discount);

// What a turn cost from its usage (the IR convention: input_tokens includes cached reads and
// cache writes): uncached input and cache writes at the input rate, cached reads at the cached
// rate, output at the output rate. Missing counts are 0.
[[nodiscard]] double turn_cost_usd(const llm::Usage& usage, const ModelPrice& price,
                                   double cache_read_discount);

struct SwitchQuery {
    uint64_t context_tokens = 0;
    uint64_t candidate_warm_tokens = 0;
    std::optional<ModelPrice> anchor_price;
    std::optional<ModelPrice> candidate_price;
    double baseline_usd = 0;      // including this turn's growth
    double switch_spend_usd = 0;  // spent so far this episode
};

enum class SwitchReason {
    NoPricing,  // a side has no price: allowed, the router is not vetoed on guesswork
    Free,       // no dearer than staying: allowed, spend unchanged
    WithinCap,  // allowed, its cost added to the spend
    OverCap,    // refused: the anchor is retained
};

struct SwitchVerdict {
    SwitchReason reason = SwitchReason::NoPricing;
    std::optional<double> cost_usd;  // unset without pricing
    double ceiling_usd = 0;          // max_switch_spend_pct % of the baseline
    double switch_spend_usd = 0;     // after this switch

    [[nodiscard]] bool allowed() const { return reason != SwitchReason::OverCap; }
};

// Whether `budget` affords the switch: spend + cost must stay within the ceiling.
[[nodiscard]] SwitchVerdict judge_switch(const SwitchQuery& query, const RoutingBudget& budget);

// "no_pricing" | "free" | "within_cap" | "over_cap", the reference's metric label values.
[[nodiscard]] std::string_view reason_label(SwitchReason reason);

// The value of x-plano-max-switch-spend-pct: a number in 0..100 (decimals allowed, surrounding
// whitespace ignored); nullopt when it is not one.
[[nodiscard]] std::optional<double> parse_switch_spend_pct(std::string_view header_value);

// The budget of one request: the header's percentage overrides the configured one, and without
// a configured budget it makes one with the defaults.
[[nodiscard]] std::optional<RoutingBudget> budget_for_request(
    const std::optional<RoutingBudget>& configured, std::optional<double> header_pct);

}  // namespace gw::routing
