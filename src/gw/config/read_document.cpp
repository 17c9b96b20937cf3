#include "gw/config/read.hpp"
#include "gw/config/suggest.hpp"

#include <fmt/format.h>

namespace gw::config::detail {
namespace {

constexpr std::string_view kRootKeys[] = {"version",
                                          "agents",
                                          "filters",
                                          "listeners",
                                          "endpoints",
                                          "model_providers",
                                          "llm_providers",
                                          "model_aliases",
                                          "overrides",
                                          "prompt_caching",
                                          "system_prompt",
                                          "prompt_targets",
                                          "ratelimits",
                                          "tracing",
                                          "mode",
                                          "routing",
                                          "state_storage",
                                          "prompt_guards",
                                          "routing_preferences",
                                          "model_metrics_sources"};
constexpr std::string_view kVersions[] = {"v0.1",  "v0.1.0", "0.1-beta",
                                          "0.2.0", "v0.3.0", "v0.4.0"};
constexpr std::string_view kAliasKeys[] = {"target"};
constexpr std::string_view kPreferenceKeys[] = {"name", "description", "models",
                                                "selection_policy"};
constexpr std::string_view kSelectionPolicyKeys[] = {"prefer"};
constexpr std::string_view kSelectionPolicies[] = {"cheapest", "fastest", "none"};

void read_version(const YAML::Node& root, NodeReader& reader, Document& doc) {
    const YAML::Node node = root["version"];
    doc.version_mark = mark_of(node);
    auto version = reader.string(node, "version");
    if (!version) return;
    for (std::string_view allowed : kVersions) {
        if (*version == allowed) {
            doc.version = *version;
            return;
        }
    }
    reader.error(node, "version",
                 fmt::format("'{}' is not a supported version (expected one of: {})", *version,
                             join_names(kVersions)));
}

void read_aliases(const YAML::Node& node, NodeReader& reader, Document& doc) {
    if (!node.IsNull() && !node.IsMap()) {
        reader.error(node, "model_aliases", "expected a mapping of alias: {target: <model>}");
        return;
    }
    for (const auto& entry : node) {
        const std::string alias = entry.first.Scalar();
        const std::string path = child_path("model_aliases", alias);
        if (!reader.expect_map(entry.second, path, kAliasKeys)) continue;
        if (!reader.require(entry.second, path, "target")) continue;
        const YAML::Node target = entry.second["target"];
        if (auto value = reader.string(target, child_path(path, "target"))) {
            doc.aliases.push_back({{alias, *value, mark_of(entry.first)}, mark_of(target)});
        }
    }
}

void read_preference(const YAML::Node& node, std::string path, NodeReader& reader, Document& doc) {
    PreferenceDraft draft;
    draft.path = std::move(path);
    draft.mark = mark_of(node);
    if (!reader.expect_map(node, draft.path, kPreferenceKeys)) return;
    for (std::string_view key : {"name", "description", "models"}) {
        reader.require(node, draft.path, key);
    }
    RoutingPreference& pref = draft.preference;
    pref.name = reader.string(node["name"], child_path(draft.path, "name")).value_or("");
    pref.description =
        reader.string(node["description"], child_path(draft.path, "description")).value_or("");
    const YAML::Node models = node["models"];
    const std::string models_path = child_path(draft.path, "models");
    if (auto list = reader.string_list(models, models_path)) {
        if (list->empty()) reader.error(models, models_path, "must name at least one model");
        pref.models = *list;
        for (std::size_t i = 0; i < models.size(); ++i)
            draft.model_marks.push_back(mark_of(models[i]));
    }
    const YAML::Node policy = node["selection_policy"];
    const std::string policy_path = child_path(draft.path, "selection_policy");
    if (policy.IsDefined() && reader.expect_map(policy, policy_path, kSelectionPolicyKeys)) {
        reader.require(policy, policy_path, "prefer");
        if (auto prefer = reader.one_of(policy["prefer"], child_path(policy_path, "prefer"),
                                        kSelectionPolicies)) {
            pref.selection_policy = *prefer;
        }
    }
    doc.routing_preferences.push_back(std::move(draft));
}

void read_preferences(const YAML::Node& node, NodeReader& reader, Document& doc) {
    if (!reader.expect_list(node, "routing_preferences")) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
        read_preference(node[i], item_path("routing_preferences", i), reader, doc);
    }
}

// Agents and filters are not modelled yet; their ids are needed for listener filter references.
void read_ids(const YAML::Node& node, std::string_view key, NodeReader& reader, Document& doc) {
    if (!reader.expect_list(node, key)) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        const std::string path = item_path(key, i);
        if (!item.IsMap()) {
            reader.error(item, path, "expected a mapping with an 'id'");
            continue;
        }
        if (!reader.require(item, path, "id")) continue;
        if (auto id = reader.string(item["id"], child_path(path, "id"))) {
            doc.agent_and_filter_ids.push_back({*id, child_path(path, "id"), mark_of(item["id"])});
        }
    }
}

void read_provider_section(const YAML::Node& root, NodeReader& reader, Document& doc) {
    const YAML::Node model_providers = root["model_providers"];
    const YAML::Node llm_providers = root["llm_providers"];
    if (model_providers.IsDefined() && llm_providers.IsDefined()) {
        reader.error(llm_providers, "llm_providers",
                     "Please provide either llm_providers or model_providers, not both. "
                     "llm_providers is deprecated, please use model_providers instead");
        read_providers(model_providers, "model_providers", reader, doc);
        return;
    }
    if (llm_providers.IsDefined()) {
        reader.diagnostics().warn("llm_providers is deprecated, please use model_providers");
        read_providers(llm_providers, "llm_providers", reader, doc);
    } else if (model_providers.IsDefined()) {
        read_providers(model_providers, "model_providers", reader, doc);
    }
}

}  // namespace

Document read_document(const YAML::Node& root, NodeReader& reader) {
    Document doc;
    reader.expect_map(root, "", kRootKeys);
    if (reader.require(root, "", "version")) read_version(root, reader, doc);
    if (root["listeners"].IsDefined()) read_listeners(root["listeners"], reader, doc);
    read_provider_section(root, reader, doc);
    if (root["model_aliases"].IsDefined()) read_aliases(root["model_aliases"], reader, doc);
    if (root["routing_preferences"].IsDefined()) {
        read_preferences(root["routing_preferences"], reader, doc);
    }
    if (root["tracing"].IsDefined()) {
        doc.tracing = read_tracing(root["tracing"], reader);
        if (root["tracing"].IsMap()) {
            doc.tracing_endpoint_mark = mark_of(root["tracing"]["opentracing_grpc_endpoint"]);
        }
    }
    if (root["overrides"].IsDefined()) doc.overrides = read_overrides(root["overrides"], reader);
    if (root["state_storage"].IsDefined()) {
        doc.state_storage = read_state_storage(root["state_storage"], reader);
    }
    if (root["routing"].IsDefined()) {
        doc.routing = read_routing(root["routing"], reader, doc.routing_budget_mark);
    }
    if (root["model_metrics_sources"].IsDefined()) {
        doc.model_metrics_sources = read_metrics_sources(root["model_metrics_sources"], reader);
    }
    for (std::string_view key : {"agents", "filters"}) {
        if (root[std::string(key)].IsDefined()) read_ids(root[std::string(key)], key, reader, doc);
    }
    return doc;
}

}  // namespace gw::config::detail
