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
    std::size_t orchestrator_model_context_length = 8192;  // tokens of the router prompt
    // Backoff between retries of one upstream (listener max_retries), doubled per attempt and
    // capped: the reference's Envoy policy (0.5 s base, 5 s max), configurable here.
    std::chrono::milliseconds retry_backoff_base{500};
    std::chrono::milliseconds retry_backoff_max{std::chrono::seconds(5)};
    bool disable_signals = false;
    // Server limits (our extension).
    std::size_t max_request_body_bytes = 32u * 1024 * 1024;
    std::size_t max_request_header_bytes = 64u * 1024;
    std::size_t max_connections = 10000;
    std::chrono::milliseconds client_idle_timeout{std::chrono::seconds(60)};
    std::chrono::milliseconds drain_timeout{std::chrono::seconds(30)};
    int worker_threads = 0;  // 0: one per core

    // The router model's name: llm_routing_model, else agent_orchestration_model, else
    // Plano-Orchestrator, with everything up to the first '/' removed (agents.md §1.4).
    [[nodiscard]] std::string router_model() const;
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

enum class SessionCacheType { Memory, Redis };

struct SessionCacheConfig {
    SessionCacheType type = SessionCacheType::Memory;
    std::string url;  // redis:// or rediss://; may hold a password, so it is never logged
    std::optional<std::string> tenant_header;
};

// `routing.routing_budget` (agents.md §6.3): the only thing that lets a warm session switch.
struct RoutingBudget {
    double max_switch_spend_pct = 0;  // 0..100
    bool replenish_on_rebind = true;
    double cache_read_discount = 0.1;  // cached rate = input rate x this, when unpublished
    bool record_counterfactual = false;
};

// What a router-model failure does to the request: `fallback` (our default) serves the
// requested model; `fail` answers 500 "Failed to determine route: ..." as the reference does.
enum class RouterErrorPolicy { Fallback, Fail };

// `routing` (dataplane.md §4.1).
struct Routing {
    bool route_on_user_only = false;
    std::chrono::seconds session_ttl{600};
    std::size_t session_max_entries = 10000;
    SessionCacheConfig session_cache;
    std::optional<RoutingBudget> routing_budget;
    RouterErrorPolicy on_router_error = RouterErrorPolicy::Fallback;
};

// `model_metrics_sources` (agents.md §6.4): where ranking gets prices and latencies.
struct CostSource {
    std::string provider;                                  // digitalocean | models.dev
    std::optional<std::string> url;                        // unset: the provider's public catalogue
    std::optional<std::chrono::seconds> refresh_interval;  // unset: fetched once at start
    StringPairs model_aliases;                             // catalogue key -> Plano model name
};

struct LatencySource {
    std::string url;  // Prometheus base URL
    std::string query;
    std::optional<std::chrono::seconds> refresh_interval;
};

struct ModelMetricsSources {
    std::optional<CostSource> cost;
    std::optional<LatencySource> latency;
};

struct Config {
    std::string version;  // after migration, e.g. "v0.4.0"
    std::vector<Listener> listeners;
    std::vector<ModelProvider> model_providers;  // of the model listener, internal ones appended
    std::vector<ModelAlias> model_aliases;
    std::vector<RoutingPreference> routing_preferences;
    Routing routing;
    ModelMetricsSources model_metrics_sources;
    std::optional<Tracing> tracing;
    Overrides overrides;
    std::optional<StateStorage> state_storage;  // absent: Responses state is not managed
    std::string source_path;  // the file it was loaded from ("" for synthesised configs)

    [[nodiscard]] const Listener* model_listener() const;
};

}  // namespace gw::config
