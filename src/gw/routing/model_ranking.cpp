#include "gw/routing/model_ranking.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

namespace gw::routing {
namespace {

template <class Map>
const typename Map::mapped_type* find_exact(const Map& map, std::string_view model) {
    const auto found = map.find(std::string(model));
    return found == map.end() ? nullptr : &found->second;
}

// `metric` gives a model's value, nullopt when there is none.
template <class Metric>
std::vector<std::string> rank_ascending(std::span<const std::string> models, Metric metric) {
    std::vector<std::pair<double, const std::string*>> ranked;
    std::vector<std::string> without_data;
    for (const std::string& model : models) {
        const std::optional<double> value = metric(model);
        if (value && !std::isnan(*value)) {
            ranked.emplace_back(*value, &model);
        } else {
            without_data.push_back(model);
        }
    }
    std::ranges::stable_sort(ranked, {}, &std::pair<double, const std::string*>::first);
    std::vector<std::string> out;
    out.reserve(models.size());
    for (const auto& [value, model] : ranked) out.push_back(*model);
    std::ranges::move(without_data, std::back_inserter(out));
    return out;
}

std::optional<double> blended_price(const ModelMetrics& metrics, const std::string& model) {
    const ModelPrice* price = find_exact(metrics.prices, model);
    if (price == nullptr) return std::nullopt;
    return price->input_per_million + price->output_per_million;
}

std::optional<double> latency_of(const ModelMetrics& metrics, const std::string& model) {
    const double* latency = find_exact(metrics.latency, model);
    if (latency == nullptr) return std::nullopt;
    return *latency;
}

}  // namespace

std::vector<std::string> rank_models(std::span<const std::string> models, std::string_view prefer,
                                     const ModelMetrics& metrics) {
    if (prefer == "cheapest") {
        return rank_ascending(models,
                              [&](const std::string& m) { return blended_price(metrics, m); });
    }
    if (prefer == "fastest") {
        return rank_ascending(models, [&](const std::string& m) { return latency_of(metrics, m); });
    }
    return {models.begin(), models.end()};
}

std::optional<ModelPrice> find_price(const ModelMetrics& metrics, std::string_view model) {
    if (const ModelPrice* price = find_exact(metrics.prices, model)) return *price;
    const size_t slash = model.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    if (const ModelPrice* price = find_exact(metrics.prices, model.substr(slash + 1))) {
        return *price;
    }
    return std::nullopt;
}

}  // namespace gw::routing
