#pragma once
// The immutable, validated configuration. Built once by load_config() from Plano YAML
// (v0.1.0 .. v0.4.0, legacy forms migrated) and then shared read-only between threads.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gw::config {

using StringPairs = std::vector<std::pair<std::string, std::string>>;

// Position of a YAML node in its file, 1-based; 0 when unknown (synthesised defaults).
struct Mark {
    int line = 0;
    int column = 0;
};

enum class ListenerType { Model, Prompt, Agent };

struct Listener {
    std::string name;
    ListenerType type = ListenerType::Model;
    std::string address = "0.0.0.0";
    uint16_t port = 12000;
    // Upstream must answer (headers) within this time, and never stay silent longer than this
    // between two body chunks; otherwise the client gets 504 (or the stream is closed).
    std::chrono::milliseconds timeout{std::chrono::seconds(300)};
    std::optional<int> max_retries;
    std::vector<std::string> input_filters;
    std::vector<std::string> output_filters;
    Mark mark;
};

struct ModelProvider {
    std::string name;                // unique key; defaults to `model` as written
    std::string model;               // as written: "openai/gpt-4o", "custom/*"
    std::string provider;            // the prefix before the first '/': "openai"
    std::string model_id;            // everything after the first '/': "gpt-4o", "*"
    std::string provider_interface;  // API family: the prefix for supported providers, else the
                                     // user's provider_interface
    std::optional<std::string> access_key;
    bool is_default = false;
    std::optional<std::string> base_url;
    bool passthrough_auth = false;
    std::optional<std::string> http_host;
    StringPairs headers;
    bool wildcard = false;  // model_id is "*"
    bool internal = false;  // appended by the loader (arch-function, plano-orchestrator ...)
    Mark mark;
};

struct ModelAlias {
    std::string alias;
    std::string target;
    Mark mark;
};

struct RoutingPreference {
    std::string name;
    std::string description;
    std::vector<std::string> models;
    std::string selection_policy = "none";  // cheapest | fastest | none
};

struct SpanAttributes {
    std::vector<std::string> header_prefixes;
    StringPairs static_attributes;
};

struct Tracing {
    double random_sampling = 0;  // percent, 0..100, fractions allowed
    bool trace_arch_internal = false;
    std::optional<std::string> opentracing_grpc_endpoint;
    SpanAttributes span_attributes;
};

// `overrides`: the reference's keys plus our own server limits (documented in docs/config.md).
struct Overrides {
    std::chrono::milliseconds upstream_connect_timeout{std::chrono::seconds(5)};
    std::optional<std::string> upstream_tls_ca_path;  // unset: system CA store
    std::optional<std::string> llm_routing_model;
    std::optional<std::string> agent_orchestration_model;
    bool disable_signals = false;
    // Server limits (our extension).
    std::size_t max_request_body_bytes = 32u * 1024 * 1024;
    std::size_t max_request_header_bytes = 64u * 1024;
    std::size_t max_connections = 10000;
    std::chrono::milliseconds client_idle_timeout{std::chrono::seconds(60)};
    std::chrono::milliseconds drain_timeout{std::chrono::seconds(30)};
    int worker_threads = 0;  // 0: one per core
};

enum class StateStorageType { Memory, Postgres };

// `state_storage`: conversation state of /v1/responses for upstreams that do not keep it
// themselves (agents.md §4.1). `ttl` and `max_conversations` are our extensions: the reference
// keeps memory state unbounded and Postgres rows until the operator deletes them.
struct StateStorage {
    StateStorageType type = StateStorageType::Memory;
    std::string connection_string;  // postgres only; holds credentials, so it is never logged
    std::chrono::milliseconds ttl{std::chrono::hours(24 * 7)};
    std::size_t max_conversations = 10000;  // memory only: the oldest are evicted beyond it
};

struct Config {
    std::string version;  // after migration, e.g. "v0.4.0"
    std::vector<Listener> listeners;
    std::vector<ModelProvider> model_providers;  // of the model listener, internal ones appended
    std::vector<ModelAlias> model_aliases;
    std::vector<RoutingPreference> routing_preferences;
    std::optional<Tracing> tracing;
    Overrides overrides;
    std::optional<StateStorage> state_storage;  // absent: Responses state is not managed
    std::string source_path;  // the file it was loaded from ("" for synthesised configs)

    [[nodiscard]] const Listener* model_listener() const;
};

}  // namespace gw::config
