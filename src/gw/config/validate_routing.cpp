#include "gw/config/validate.hpp"

#include <fmt/format.h>

namespace gw::config::detail {

void validate_routing_sources(const Document& doc, Diagnostics& diag) {
    const ModelMetricsSources& sources = doc.model_metrics_sources;
    if (doc.routing.routing_budget && !sources.cost) {
        diag.error(doc.routing_budget_mark, "routing.routing_budget",
                   "routing_budget needs prices: add a model_metrics_sources entry with type: "
                   "cost");
    }
    for (const PreferenceDraft& draft : doc.routing_preferences) {
        const std::string& prefer = draft.preference.selection_policy;
        const bool missing =
            (prefer == "cheapest" && !sources.cost) || (prefer == "fastest" && !sources.latency);
        if (!missing) continue;
        diag.error(
            draft.mark, draft.path + ".selection_policy.prefer",
            fmt::format("Routing preference '{}' prefers {} models but no "
                        "model_metrics_sources entry of type {} is configured",
                        draft.preference.name, prefer, prefer == "cheapest" ? "cost" : "latency"));
    }
}

}  // namespace gw::config::detail
