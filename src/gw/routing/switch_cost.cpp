#include "gw/routing/switch_cost.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gw::routing {
namespace {

constexpr double kTokensPerMillion = 1'000'000.0;
constexpr double kMaxSwitchSpendPct = 100.0;

double tokens(std::optional<int64_t> count) {
    return static_cast<double>(std::max<int64_t>(0, count.value_or(0)));
}

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view kWhitespace = " \t\r\n";
    const size_t first = text.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

}  // namespace

double cached_input_rate(const ModelPrice& price, double cache_read_discount) {
    return price.cache_read_per_million.value_or(price.input_per_million * cache_read_discount);
}

double switch_cost_usd(uint64_t context_tokens, uint64_t candidate_warm_tokens,
                       double anchor_read_rate, double candidate_uncached_rate,
                       double candidate_cached_rate) {
    const uint64_t warm = std::min(candidate_warm_tokens, context_tokens);
    const auto fresh = static_cast<double>(context_tokens - warm);
    const double candidate_cost =
        fresh * candidate_uncached_rate + static_cast<double>(warm) * candidate_cached_rate;
    const double anchor_cost = static_cast<double>(context_tokens) * anchor_read_rate;
    return (candidate_cost - anchor_cost) / kTokensPerMillion;
}

double context_read_cost_usd(uint64_t context_tokens, const ModelPrice& price,
                             double cache_read_discount) {
    return static_cast<double>(context_tokens) / kTokensPerMillion *
           cached_input_rate(price, cache_read_discount);
}

double turn_cost_usd(const llm::Usage& usage, const ModelPrice& price, double cache_read_discount) {
    const double cached = tokens(usage.cached_input_tokens);
    const double written = tokens(usage.cache_creation_input_tokens);
    const double uncached = std::max(0.0, tokens(usage.input_tokens) - cached - written);
    const double input = (uncached + written) * price.input_per_million +
                         cached * cached_input_rate(price, cache_read_discount);
    const double output = tokens(usage.output_tokens) * price.output_per_million;
    return (input + output) / kTokensPerMillion;
}

SwitchVerdict judge_switch(const SwitchQuery& query, const RoutingBudget& budget) {
    SwitchVerdict verdict;
    verdict.ceiling_usd = budget.max_switch_spend_pct / 100.0 * query.baseline_usd;
    verdict.switch_spend_usd = query.switch_spend_usd;
    if (!query.anchor_price || !query.candidate_price) return verdict;
    const double discount = budget.cache_read_discount;
    const double cost = switch_cost_usd(query.context_tokens, query.candidate_warm_tokens,
                                        cached_input_rate(*query.anchor_price, discount),
                                        query.candidate_price->input_per_million,
                                        cached_input_rate(*query.candidate_price, discount));
    verdict.cost_usd = cost;
    if (cost <= 0) {
        // The saving is against a path not taken, not money back, so the spend stays.
        verdict.reason = SwitchReason::Free;
    } else if (query.switch_spend_usd + cost <= verdict.ceiling_usd) {
        verdict.reason = SwitchReason::WithinCap;
        verdict.switch_spend_usd += cost;
    } else {
        verdict.reason = SwitchReason::OverCap;
    }
    return verdict;
}

std::string_view reason_label(SwitchReason reason) {
    switch (reason) {
        case SwitchReason::NoPricing:
            return "no_pricing";
        case SwitchReason::Free:
            return "free";
        case SwitchReason::WithinCap:
            return "within_cap";
        case SwitchReason::OverCap:
            return "over_cap";
    }
    return "no_pricing";
}

std::optional<double> parse_switch_spend_pct(std::string_view header_value) {
    std::string_view text = trimmed(header_value);
    if (text.starts_with('+')) text.remove_prefix(1);
    double pct = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), pct);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if (!std::isfinite(pct) || pct < 0 || pct > kMaxSwitchSpendPct) return std::nullopt;
    return pct;
}

std::optional<RoutingBudget> budget_for_request(const std::optional<RoutingBudget>& configured,
                                                std::optional<double> header_pct) {
    if (!header_pct) return configured;
    RoutingBudget budget = configured.value_or(RoutingBudget{});
    budget.max_switch_spend_pct = *header_pct;
    return budget;
}

}  // namespace gw::routing
