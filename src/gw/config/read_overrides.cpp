#include "gw/config/read.hpp"

#include <limits>

namespace gw::config::detail {
namespace {

constexpr std::string_view kOverrideKeys[] = {
    // The reference's keys.
    "upstream_connect_timeout", "upstream_tls_ca_path", "llm_routing_model",
    "agent_orchestration_model", "orchestrator_model_context_length", "use_agent_orchestrator",
    "disable_signals", "optimize_context_window", "prompt_target_intent_matching_threshold",
    // Our server limits.
    "max_request_body_bytes", "max_request_header_bytes", "max_connections", "client_idle_timeout",
    "drain_timeout", "worker_threads", "retry_backoff_base", "retry_backoff_max"};

constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinHeaderBytes = 1024;
constexpr std::int64_t kMaxWorkerThreads = 1024;

void read_duration(const YAML::Node& node, std::string_view key, NodeReader& reader,
                   std::chrono::milliseconds& out) {
    if (auto value = reader.duration(node[std::string(key)], child_path("overrides", key))) {
        out = *value;
    }
}

void read_size(const YAML::Node& node, std::string_view key, std::int64_t min, NodeReader& reader,
               std::size_t& out) {
    if (auto value =
            reader.integer(node[std::string(key)], child_path("overrides", key), min, kMaxInt64)) {
        out = static_cast<std::size_t>(*value);
    }
}

}  // namespace

Overrides read_overrides(const YAML::Node& node, NodeReader& reader) {
    Overrides out;
    if (!reader.expect_map(node, "overrides", kOverrideKeys)) return out;
    read_duration(node, "upstream_connect_timeout", reader, out.upstream_connect_timeout);
    out.upstream_tls_ca_path =
        reader.string(node["upstream_tls_ca_path"], "overrides.upstream_tls_ca_path");
    out.llm_routing_model = reader.string(node["llm_routing_model"], "overrides.llm_routing_model");
    out.agent_orchestration_model =
        reader.string(node["agent_orchestration_model"], "overrides.agent_orchestration_model");
    read_size(node, "orchestrator_model_context_length", 1, reader,
              out.orchestrator_model_context_length);
    (void)reader.boolean(node["use_agent_orchestrator"], "overrides.use_agent_orchestrator");
    out.disable_signals =
        reader.boolean(node["disable_signals"], "overrides.disable_signals").value_or(false);
    (void)reader.boolean(node["optimize_context_window"], "overrides.optimize_context_window");
    (void)reader.number(node["prompt_target_intent_matching_threshold"],
                        "overrides.prompt_target_intent_matching_threshold", 0.0, 1.0);
    read_size(node, "max_request_body_bytes", 1, reader, out.max_request_body_bytes);
    read_size(node, "max_request_header_bytes", kMinHeaderBytes, reader,
              out.max_request_header_bytes);
    read_size(node, "max_connections", 1, reader, out.max_connections);
    read_duration(node, "client_idle_timeout", reader, out.client_idle_timeout);
    read_duration(node, "drain_timeout", reader, out.drain_timeout);
    read_duration(node, "retry_backoff_base", reader, out.retry_backoff_base);
    read_duration(node, "retry_backoff_max", reader, out.retry_backoff_max);
    if (auto threads = reader.integer(node["worker_threads"], "overrides.worker_threads", 0,
                                      kMaxWorkerThreads)) {
        out.worker_threads = static_cast<int>(*threads);
    }
    return out;
}

}  // namespace gw::config::detail
