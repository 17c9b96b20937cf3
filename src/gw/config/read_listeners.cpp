#include "gw/config/read.hpp"

#include <fmt/format.h>

namespace gw::config::detail {
namespace {

constexpr std::string_view kListenerKeys[] = {
    "name",   "type",        "port",   "address",       "timeout",
    "router", "max_retries", "agents", "input_filters", "output_filters"};
constexpr std::string_view kListenerTypes[] = {"model", "prompt", "agent"};
constexpr std::string_view kRouters[] = {"plano_orchestrator_v1"};
constexpr std::string_view kListenerAgentKeys[] = {"id", "description", "default", "input_filters"};
constexpr std::string_view kLegacyKeys[] = {"ingress_traffic", "egress_traffic"};
constexpr std::string_view kLegacyListenerKeys[] = {"address", "port", "message_format", "timeout"};
constexpr std::string_view kMessageFormats[] = {"openai"};

constexpr std::chrono::milliseconds kAgentListenerTimeout{std::chrono::seconds(30)};
constexpr uint16_t kPromptListenerPort = 10000;

ListenerType to_listener_type(std::string_view text) {
    if (text == "prompt") return ListenerType::Prompt;
    if (text == "agent") return ListenerType::Agent;
    return ListenerType::Model;
}

// Fields shared by the list form and the legacy dict form.
void read_endpoint_fields(const YAML::Node& node, NodeReader& reader, ListenerDraft& draft) {
    const std::string& path = draft.path;
    if (auto port = reader.integer(node["port"], child_path(path, "port"), 1, 65535)) {
        draft.listener.port = static_cast<uint16_t>(*port);
    }
    draft.has_port = node["port"].IsDefined();
    if (auto address = reader.string(node["address"], child_path(path, "address"))) {
        draft.listener.address = *address;
    }
    if (auto timeout = reader.duration(node["timeout"], child_path(path, "timeout"))) {
        if (timeout->count() == 0) {
            reader.error(node["timeout"], child_path(path, "timeout"), "must be greater than 0");
        } else {
            draft.listener.timeout = *timeout;
        }
    }
}

void read_listener_agents(const YAML::Node& node, std::string_view path, NodeReader& reader) {
    if (!node.IsDefined() || !reader.expect_list(node, path)) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const std::string agent_path = item_path(path, i);
        const YAML::Node agent = node[i];
        if (!reader.expect_map(agent, agent_path, kListenerAgentKeys)) continue;
        reader.require(agent, agent_path, "id");
        (void)reader.string(agent["id"], child_path(agent_path, "id"));
        (void)reader.string(agent["description"], child_path(agent_path, "description"));
        (void)reader.boolean(agent["default"], child_path(agent_path, "default"));
        (void)reader.string_list(agent["input_filters"], child_path(agent_path, "input_filters"));
    }
}

ListenerDraft read_list_listener(const YAML::Node& node, std::string path, NodeReader& reader) {
    ListenerDraft draft;
    draft.path = std::move(path);
    draft.listener.mark = mark_of(node);
    if (!reader.expect_map(node, draft.path, kListenerKeys)) return draft;
    reader.require(node, draft.path, "name");
    reader.require(node, draft.path, "type");
    if (auto name = reader.string(node["name"], child_path(draft.path, "name"))) {
        draft.listener.name = *name;
    }
    if (auto type = reader.one_of(node["type"], child_path(draft.path, "type"), kListenerTypes)) {
        draft.listener.type = to_listener_type(*type);
    }
    if (draft.listener.type == ListenerType::Agent) draft.listener.timeout = kAgentListenerTimeout;
    if (draft.listener.type == ListenerType::Prompt) draft.listener.port = kPromptListenerPort;
    read_endpoint_fields(node, reader, draft);
    (void)reader.one_of(node["router"], child_path(draft.path, "router"), kRouters);
    if (auto retries =
            reader.integer(node["max_retries"], child_path(draft.path, "max_retries"), 0, 100)) {
        draft.listener.max_retries = static_cast<int>(*retries);
    }
    read_listener_agents(node["agents"], child_path(draft.path, "agents"), reader);
    const YAML::Node input = node["input_filters"];
    const YAML::Node output = node["output_filters"];
    draft.input_filters_mark = mark_of(input);
    draft.output_filters_mark = mark_of(output);
    if (auto ids = reader.string_list(input, child_path(draft.path, "input_filters"))) {
        draft.listener.input_filters = *ids;
    }
    if (auto ids = reader.string_list(output, child_path(draft.path, "output_filters"))) {
        draft.listener.output_filters = *ids;
    }
    return draft;
}

// Legacy `{egress_traffic: {...}, ingress_traffic: {...}}`: egress becomes the model listener,
// a non-empty ingress the prompt listener (cli.md §2.3 step 4). message_format is ignored.
void read_legacy_listeners(const YAML::Node& node, NodeReader& reader, Document& doc) {
    doc.legacy_listeners = true;
    reader.expect_map(node, "listeners", kLegacyKeys);
    for (std::string_view key : kLegacyKeys) {
        const YAML::Node section = node[std::string(key)];
        const bool is_egress = key == "egress_traffic";
        if (!section.IsDefined() || (!is_egress && section.IsNull())) continue;
        ListenerDraft draft;
        draft.path = child_path("listeners", key);
        draft.listener.name = std::string(key);
        draft.listener.type = is_egress ? ListenerType::Model : ListenerType::Prompt;
        if (!is_egress) draft.listener.port = kPromptListenerPort;
        draft.listener.mark = mark_of(section);
        if (!reader.expect_map(section, draft.path, kLegacyListenerKeys)) continue;
        if (!is_egress && section.size() == 0) continue;
        read_endpoint_fields(section, reader, draft);
        (void)reader.one_of(section["message_format"], child_path(draft.path, "message_format"),
                            kMessageFormats);
        doc.listeners.push_back(std::move(draft));
    }
}

}  // namespace

void read_listeners(const YAML::Node& node, NodeReader& reader, Document& doc) {
    doc.has_listeners = true;
    if (node.IsMap()) {
        read_legacy_listeners(node, reader, doc);
        return;
    }
    if (!reader.expect_list(node, "listeners")) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
        doc.listeners.push_back(read_list_listener(node[i], item_path("listeners", i), reader));
    }
}

}  // namespace gw::config::detail
