#include "gw/routing/session_decision.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gw::routing {
namespace {

int64_t seconds_since(int64_t then, int64_t now) { return std::max<int64_t>(0, now - then); }

bool within_window(int64_t then, const SessionFacts& facts) {
    return seconds_since(then, facts.now) <= facts.warmth_window.count();
}

// A changed prefix means the provider cache is already lost. Unknown on either side is not a
// change.
bool prefix_drifted(const SessionBinding& binding, const SessionFacts& facts) {
    return binding.prefix_hash && facts.prefix_hash && *binding.prefix_hash != *facts.prefix_hash;
}

// Why the binding cannot continue its warm episode; empty when it can.
std::string_view episode_break(const SessionBinding* binding, const SessionFacts& facts) {
    if (binding == nullptr) return "new_session";
    if (!within_window(binding->last_used, facts)) return "cold";
    if (prefix_drifted(*binding, facts)) return "drifted";
    if (binding->requested_model != facts.requested_model) return "other_lane";
    return {};
}

std::optional<ModelPrice> price_of(const SessionDecisionInput& input, std::string_view model) {
    if (!input.price_of) return std::nullopt;
    return input.price_of(model);
}

// Context the candidate still holds from an earlier visit whose cache is within its window.
uint64_t candidate_warm_tokens(const SessionBinding& binding, std::string_view candidate,
                               uint64_t context_tokens, const SessionFacts& facts) {
    const auto visit = std::ranges::find(binding.history, candidate, &RouteVisit::model);
    if (visit == binding.history.end() || !within_window(visit->last_used, facts)) return 0;
    return std::min(visit->cached_tokens, context_tokens);
}

std::string counterfactual_of(const RouteCandidate& candidate) {
    if (!candidate.route_name || candidate.route_name->empty() || *candidate.route_name == "none") {
        return candidate.model;
    }
    return fmt::format("{} ({})", candidate.model, *candidate.route_name);
}

void retain_anchor(const SessionBinding& binding, SessionDecision& decision) {
    decision.model = binding.anchor_model;
    decision.route_name = binding.route_name;
}

// A warm session whose candidate differs from its anchor, with a budget to judge the switch.
void judge_with_budget(const SessionBinding& binding, const SessionDecisionInput& input,
                       uint64_t context_tokens, SessionDecision& decision) {
    const RoutingBudget& budget = *input.budget;
    SessionBinding& next = decision.binding_to_store;
    const uint64_t warm_tokens =
        candidate_warm_tokens(binding, input.candidate.model, context_tokens, input.facts);
    const SwitchVerdict verdict = judge_switch(
        {
            .context_tokens = context_tokens,
            .candidate_warm_tokens = warm_tokens,
            .anchor_price = price_of(input, binding.anchor_model),
            .candidate_price = price_of(input, input.candidate.model),
            .baseline_usd = next.baseline_usd,
            .switch_spend_usd = next.switch_spend_usd,
        },
        budget);
    decision.reason = reason_label(verdict.reason);
    if (verdict.cost_usd) {
        decision.evaluation = SwitchEvaluation{*verdict.cost_usd, warm_tokens, verdict.ceiling_usd};
    }
    if (verdict.allowed()) {
        decision.switched = true;
        next.switches += 1;
        next.switch_spend_usd = verdict.switch_spend_usd;
        return;
    }
    retain_anchor(binding, decision);
    if (budget.record_counterfactual) {
        decision.counterfactual_route = counterfactual_of(input.candidate);
    }
}

// The binding's warm episode goes on: the baseline grows by what staying on the episode's
// default model costs this turn, and the candidate is followed only when it is the anchor or the
// budget affords it.
void continue_episode(const SessionBinding& binding, const SessionDecisionInput& input,
                      SessionDecision& decision) {
    SessionBinding& next = decision.binding_to_store;
    decision.warm = true;
    // Bindings written before default_model existed started on their anchor.
    next.default_model =
        binding.default_model.empty() ? binding.anchor_model : binding.default_model;
    next.switches = binding.switches;
    next.switch_spend_usd = binding.switch_spend_usd;
    next.baseline_usd = binding.baseline_usd;
    const uint64_t context_tokens =
        binding.cached_tokens > 0 ? binding.cached_tokens : input.context_tokens;
    if (input.budget) {
        const std::optional<ModelPrice> default_price = price_of(input, next.default_model);
        if (default_price) {
            next.baseline_usd += context_read_cost_usd(context_tokens, *default_price,
                                                       input.budget->cache_read_discount);
        }
    }
    if (input.candidate.model == binding.anchor_model) {
        decision.reason = "same_anchor";
    } else if (input.budget) {
        judge_with_budget(binding, input, context_tokens, decision);
    } else {
        decision.reason = "retained";
        retain_anchor(binding, decision);
    }
}

// The candidate starts a fresh cache lifetime. replenish_on_rebind off carries the totals and
// the default model over, so the cap keeps counting against the same baseline.
void start_episode(const SessionBinding* binding, const SessionDecisionInput& input,
                   std::string_view reason, SessionDecision& decision) {
    SessionBinding& next = decision.binding_to_store;
    decision.reason = reason;
    next.default_model = input.candidate.model;
    const bool carry = binding != nullptr && input.budget && !input.budget->replenish_on_rebind;
    if (!carry) return;
    next.baseline_usd = binding->baseline_usd;
    next.switch_spend_usd = binding->switch_spend_usd;
    if (!binding->default_model.empty()) next.default_model = binding->default_model;
}

void complete_binding(const SessionBinding* binding, const SessionDecisionInput& input,
                      SessionDecision& decision) {
    const SessionFacts& facts = input.facts;
    SessionBinding& next = decision.binding_to_store;
    next.anchor_model = decision.model;
    next.requested_model = facts.requested_model;
    next.route_name = decision.route_name;
    next.prefix_hash = facts.prefix_hash;
    next.last_used = facts.now;
    next.cached_tokens = input.context_tokens;
    if (binding != nullptr) {
        if (next.cached_tokens == 0) next.cached_tokens = binding->cached_tokens;
        next.session_cost_usd = binding->session_cost_usd;
        // A drifted prefix is lost on every model, so no visit stays warm.
        if (!prefix_drifted(*binding, facts)) next.history = binding->history;
    }
    record_route_visit(next.history, decision.model, facts.now, next.cached_tokens);
}

}  // namespace

SessionDecision decide_session(const SessionDecisionInput& input) {
    const SessionBinding* binding = input.binding;
    SessionDecision decision;
    decision.model = input.candidate.model;
    decision.route_name = input.candidate.route_name;
    if (binding != nullptr) {
        decision.idle_ms = seconds_since(binding->last_used, input.facts.now) * 1000;
    }
    const std::string_view broken = episode_break(binding, input.facts);
    if (broken.empty()) {
        continue_episode(*binding, input, decision);
    } else {
        start_episode(binding, input, broken, decision);
    }
    complete_binding(binding, input, decision);
    return decision;
}

std::optional<RouteCandidate> replayable_decision(const SessionBinding* binding,
                                                  const SessionFacts& facts) {
    if (!episode_break(binding, facts).empty()) return std::nullopt;
    return RouteCandidate{binding->anchor_model, binding->route_name};
}

void record_usage(SessionBinding& binding, int64_t prompt_tokens, double turn_cost_usd,
                  int64_t now) {
    if (prompt_tokens > 0) binding.cached_tokens = static_cast<uint64_t>(prompt_tokens);
    binding.last_used = now;
    record_route_visit(binding.history, binding.anchor_model, now, binding.cached_tokens);
    binding.session_cost_usd += turn_cost_usd;
}

}  // namespace gw::routing
