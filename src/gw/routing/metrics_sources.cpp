#include "gw/routing/metrics_sources.hpp"

#include "gw/json/padded_input.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>

namespace gw::routing {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using Parse = json::detail::ParseInput<simdjson::dom::parser>;
using Prices = std::unordered_map<std::string, ModelPrice>;

// DigitalOcean's catalogue prices tokens one by one.
constexpr double kTokensPerMillion = 1'000'000.0;

class AliasMap {
  public:
    explicit AliasMap(const ModelAliases& aliases) : map_(aliases.begin(), aliases.end()) {}
    // The Plano name of a catalogue key: its alias, else the key itself.
    [[nodiscard]] std::string plano_name(std::string key) const {
        const auto found = map_.find(key);
        return found == map_.end() ? key : found->second;
    }

  private:
    std::unordered_map<std::string, std::string> map_;
};

Result<object> root_object(Parse& input, std::string_view document) {
    object root;
    if (input.parser().parse(input.view()).get_object().get(root) != simdjson::SUCCESS) {
        return Error::invalid(fmt::format("the {} document is not a JSON object", document));
    }
    return root;
}

std::optional<object> object_member(const object& obj, std::string_view key) {
    object value;
    if (obj.at_key(key).get_object().get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

std::optional<array> array_member(const object& obj, std::string_view key) {
    array value;
    if (obj.at_key(key).get_array().get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

std::optional<double> number_member(const object& obj, std::string_view key) {
    double value = 0;
    if (obj.at_key(key).get_double().get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

std::optional<std::string_view> string_member(const object& obj, std::string_view key) {
    std::string_view value;
    if (obj.at_key(key).get_string().get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

std::optional<ModelPrice> models_dev_price(element model) {
    object model_object;
    if (model.get_object().get(model_object) != simdjson::SUCCESS) return std::nullopt;
    const std::optional<object> cost = object_member(model_object, "cost");
    if (!cost) return std::nullopt;
    const std::optional<double> input = number_member(*cost, "input");
    const std::optional<double> output = number_member(*cost, "output");
    if (!input || !output) return std::nullopt;
    return ModelPrice{*input, *output, number_member(*cost, "cache_read")};
}

void add_models_dev_provider(std::string_view provider, element value, const AliasMap& aliases,
                             Prices& out) {
    object provider_object;
    if (value.get_object().get(provider_object) != simdjson::SUCCESS) return;
    const std::optional<object> models = object_member(provider_object, "models");
    if (!models) return;
    for (const auto field : *models) {
        const std::optional<ModelPrice> price = models_dev_price(field.value);
        if (!price) continue;
        // First-party providers key models bare ("claude-opus-4-5"); Plano names are
        // "provider/model".
        out[aliases.plano_name(fmt::format("{}/{}", provider, field.key))] = *price;
        out.try_emplace(std::string(field.key), *price);
    }
}

// The explicit name wins; the catalogue is migrating to the second one.
std::optional<double> digitalocean_cache_read(const object& pricing) {
    if (auto rate = number_member(pricing, "cache_read_input_price_per_million")) return rate;
    return number_member(pricing, "input_cache_read");
}

std::optional<std::pair<std::string_view, ModelPrice>> digitalocean_entry(element value) {
    object entry;
    if (value.get_object().get(entry) != simdjson::SUCCESS) return std::nullopt;
    const std::optional<std::string_view> model_id = string_member(entry, "model_id");
    const std::optional<object> pricing = object_member(entry, "pricing");
    if (!model_id || !pricing) return std::nullopt;
    const std::optional<double> cache_read = digitalocean_cache_read(*pricing);
    return std::pair{
        *model_id,
        ModelPrice{
            number_member(*pricing, "input_price_per_million").value_or(0) * kTokensPerMillion,
            number_member(*pricing, "output_price_per_million").value_or(0) * kTokensPerMillion,
            cache_read ? std::optional(*cache_read * kTokensPerMillion) : std::nullopt,
        }};
}

// Prometheus writes sample values as strings: "0.42", "NaN", "+Inf", "-Inf".
std::optional<double> sample_value(std::string_view text) {
    if (text.starts_with('+')) text.remove_prefix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::pair<std::string_view, double>> prometheus_sample(element value) {
    object result;
    if (value.get_object().get(result) != simdjson::SUCCESS) return std::nullopt;
    const std::optional<object> metric = object_member(result, "metric");
    const std::optional<array> sample = array_member(result, "value");
    if (!metric || !sample) return std::nullopt;
    const std::optional<std::string_view> model = string_member(*metric, "model_name");
    std::string_view text;
    if (!model || sample->at(1).get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
    const std::optional<double> number = sample_value(text);
    if (!number) return std::nullopt;
    return std::pair{*model, *number};
}

}  // namespace

Result<Prices> parse_models_dev(std::string_view json, const ModelAliases& model_aliases) {
    Parse input(json);
    auto root = root_object(input, "models.dev");
    if (!root) return root.error();
    const AliasMap aliases(model_aliases);
    Prices out;
    for (const auto field : *root) add_models_dev_provider(field.key, field.value, aliases, out);
    return out;
}

Result<Prices> parse_digitalocean(std::string_view json, const ModelAliases& model_aliases) {
    Parse input(json);
    auto root = root_object(input, "DigitalOcean catalogue");
    if (!root) return root.error();
    const std::optional<array> data = array_member(*root, "data");
    if (!data) return Error::invalid("the DigitalOcean catalogue has no \"data\" array");
    const AliasMap aliases(model_aliases);
    Prices out;
    for (const element value : *data) {
        auto entry = digitalocean_entry(value);
        if (entry) out[aliases.plano_name(std::string(entry->first))] = entry->second;
    }
    return out;
}

Result<std::unordered_map<std::string, double>> parse_prometheus(std::string_view json) {
    Parse input(json);
    auto root = root_object(input, "Prometheus");
    if (!root) return root.error();
    const std::optional<object> data = object_member(*root, "data");
    const std::optional<array> results = data ? array_member(*data, "result") : std::nullopt;
    if (!results) return Error::invalid("the Prometheus answer has no \"data.result\" array");
    std::unordered_map<std::string, double> out;
    for (const element value : *results) {
        auto sample = prometheus_sample(value);
        if (sample) out[std::string(sample->first)] = sample->second;
    }
    return out;
}

}  // namespace gw::routing
