#pragma once
// Readers of each top-level section into a Document. They check shapes and types only; rules
// that relate several entries live in validate.hpp.

#include "gw/config/document.hpp"
#include "gw/config/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

namespace gw::config::detail {

// The whole file; `root` must be a mapping.
Document read_document(const YAML::Node& root, NodeReader& reader);

void read_listeners(const YAML::Node& node, NodeReader& reader, Document& doc);
void read_providers(const YAML::Node& node, std::string_view key, NodeReader& reader,
                    Document& doc);
std::optional<Tracing> read_tracing(const YAML::Node& node, NodeReader& reader);
Overrides read_overrides(const YAML::Node& node, NodeReader& reader);
std::optional<StateStorage> read_state_storage(const YAML::Node& node, NodeReader& reader);
// `budget_mark` receives the position of routing.routing_budget, for the cross-section checks.
Routing read_routing(const YAML::Node& node, NodeReader& reader, Mark& budget_mark);
ModelMetricsSources read_metrics_sources(const YAML::Node& node, NodeReader& reader);

}  // namespace gw::config::detail
