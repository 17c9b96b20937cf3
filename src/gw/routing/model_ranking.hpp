#pragma once
// Orders a routing preference's models by its selection_policy (agents.md §6.5) from the
// metrics of model_metrics_sources (§6.4), and finds a model's prices for the cost math.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gw::routing {

// USD per million tokens, as the catalogues publish them.
struct ModelPrice {
    double input_per_million = 0;
    double output_per_million = 0;
    std::optional<double> cache_read_per_million;  // unpublished: estimated from the input rate
};

struct ModelMetrics {
    std::unordered_map<std::string, ModelPrice> prices;
    std::unordered_map<std::string, double> latency;  // the Prometheus query's value, lower wins
};

// `prefer` "cheapest" ranks by input + output rate, "fastest" by latency, both ascending; models
// without data (or with NaN) follow in declared order, and ties keep declared order. "none", or
// any other value, keeps declared order. Ranking looks up exact names only.
[[nodiscard]] std::vector<std::string> rank_models(std::span<const std::string> models,
                                                   std::string_view prefer,
                                                   const ModelMetrics& metrics);

// The prices of `model`, else of the part after its first "provider/" (a catalogue may list
// "gpt-4o" for "openai/gpt-4o").
[[nodiscard]] std::optional<ModelPrice> find_price(const ModelMetrics& metrics,
                                                   std::string_view model);

}  // namespace gw::routing
