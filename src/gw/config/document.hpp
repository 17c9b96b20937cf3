#pragma once
// The config as read from YAML, before migration and semantic checks: the final structs plus
// what those checks need (positions, key paths, fields the final model drops).

#include "gw/config/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gw::config::detail {

// A v0.3 `routing_preferences` entry written under a provider.
struct InlinePreference {
    std::string name;
    std::string description;
    Mark mark;
};

struct ProviderDraft {
    ModelProvider provider;                         // `name` empty when the user gave none
    std::optional<std::string> provider_interface;  // as written by the user, when valid
    bool provider_interface_given = false;
    std::vector<InlinePreference> inline_preferences;
    std::string path;  // "model_providers[1]"
    Mark name_mark;
    Mark model_mark;
    Mark default_mark;
    Mark base_url_mark;
};

struct ListenerDraft {
    Listener listener;
    std::string path;  // "listeners[0]"
    Mark input_filters_mark;
    Mark output_filters_mark;
    bool has_port = false;
    bool synthesised = false;  // the default model listener appended by the loader
};

struct PreferenceDraft {
    RoutingPreference preference;
    std::string path;  // "routing_preferences[0]"
    Mark mark;
    std::vector<Mark> model_marks;
};

struct AliasDraft {
    ModelAlias alias;
    Mark target_mark;
};

struct IdDraft {
    std::string id;
    std::string path;
    Mark mark;
};

struct Document {
    std::string version;
    Mark version_mark;
    bool has_listeners = false;
    bool legacy_listeners = false;
    std::vector<ListenerDraft> listeners;
    std::string providers_key = "model_providers";  // or the deprecated "llm_providers"
    std::vector<ProviderDraft> providers;
    std::vector<AliasDraft> aliases;
    std::vector<PreferenceDraft> routing_preferences;
    std::optional<Tracing> tracing;
    Mark tracing_endpoint_mark;
    Overrides overrides;
    std::optional<StateStorage> state_storage;
    Routing routing;
    Mark routing_budget_mark;
    ModelMetricsSources model_metrics_sources;
    std::vector<IdDraft> agent_and_filter_ids;  // top-level `agents` and `filters`
};

}  // namespace gw::config::detail
