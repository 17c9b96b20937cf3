#pragma once
// Parsers of the documents model_metrics_sources fetch (agents.md §6.4): the models.dev and
// DigitalOcean price catalogues and a Prometheus instant-query answer. The fetching is the
// caller's. A document that is not of the expected shape fails; an entry inside it that cannot be
// read is skipped, so one odd model does not cost the prices of all the others.

#include "gw/base/result.hpp"
#include "gw/routing/model_ranking.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gw::routing {

// Catalogue key -> Plano model name (`model_aliases` of the cost source).
using ModelAliases = std::vector<std::pair<std::string, std::string>>;

// https://models.dev/api.json: {"<provider>": {"models": {"<model>": {"cost": {"input",
// "output", "cache_read"?}}}}}. A model with input and output rates is stored under
// "<provider>/<model>" (renamed through `model_aliases`) and, unless an earlier entry took it,
// under the bare "<model>" too.
[[nodiscard]] Result<std::unordered_map<std::string, ModelPrice>> parse_models_dev(
    std::string_view json, const ModelAliases& model_aliases);

// The DigitalOcean gen-ai catalogue: {"data": [{"model_id", "pricing": {
// "input_price_per_million", "output_price_per_million", "cache_read_input_price_per_million" |
// "input_cache_read"}}]}. Despite their names the prices are per token, so they are scaled to
// per million; a missing input or output price counts as 0; models without pricing are skipped.
[[nodiscard]] Result<std::unordered_map<std::string, ModelPrice>> parse_digitalocean(
    std::string_view json, const ModelAliases& model_aliases);

// A Prometheus /api/v1/query answer: {"data": {"result": [{"metric": {"model_name"}, "value":
// [<time>, "<number>"]}]}}. Results without a model_name or a number are skipped; "NaN" is kept
// (ranking puts it last).
[[nodiscard]] Result<std::unordered_map<std::string, double>> parse_prometheus(
    std::string_view json);

}  // namespace gw::routing
