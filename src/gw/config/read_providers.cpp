#include "gw/config/read.hpp"

namespace gw::config::detail {
namespace {

constexpr std::string_view kProviderKeys[] = {"name",       "model",
                                              "access_key", "default",
                                              "base_url",   "passthrough_auth",
                                              "http_host",  "provider_interface",
                                              "headers",    "routing_preferences"};
// The reference schema's provider_interface enum, plus anthropic: a custom Anthropic-compatible
// endpoint is a case users expect to work.
constexpr std::string_view kProviderInterfaces[] = {
    "plano",   "deepseek",     "groq",   "mistral",    "openai", "xiaomi",     "gemini",
    "chatgpt", "digitalocean", "vercel", "openrouter", "edenai", "moonshotai", "anthropic"};
constexpr std::string_view kInlinePreferenceKeys[] = {"name", "description"};

std::vector<InlinePreference> read_inline_preferences(const YAML::Node& node, std::string_view path,
                                                      NodeReader& reader) {
    std::vector<InlinePreference> out;
    if (!node.IsDefined() || !reader.expect_list(node, path)) return out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        const std::string item_key = item_path(path, i);
        if (!reader.expect_map(item, item_key, kInlinePreferenceKeys)) continue;
        reader.require(item, item_key, "name");
        reader.require(item, item_key, "description");
        auto name = reader.string(item["name"], child_path(item_key, "name"));
        auto description = reader.string(item["description"], child_path(item_key, "description"));
        if (name && description) out.push_back({*name, *description, mark_of(item)});
    }
    return out;
}

ProviderDraft read_provider(const YAML::Node& node, std::string path, NodeReader& reader) {
    ProviderDraft draft;
    draft.path = std::move(path);
    ModelProvider& p = draft.provider;
    p.mark = mark_of(node);
    if (!reader.expect_map(node, draft.path, kProviderKeys)) return draft;
    reader.require(node, draft.path, "model");
    auto field = [&](std::string_view key) { return child_path(draft.path, key); };
    draft.name_mark = mark_of(node["name"]);
    draft.model_mark = node["model"].IsDefined() ? mark_of(node["model"]) : p.mark;
    draft.default_mark = mark_of(node["default"]);
    draft.base_url_mark = mark_of(node["base_url"]);
    if (auto name = reader.string(node["name"], field("name"))) p.name = *name;
    if (auto model = reader.string(node["model"], field("model"))) p.model = *model;
    p.access_key = reader.string(node["access_key"], field("access_key"));
    p.is_default = reader.boolean(node["default"], field("default")).value_or(false);
    p.base_url = reader.string(node["base_url"], field("base_url"));
    p.passthrough_auth =
        reader.boolean(node["passthrough_auth"], field("passthrough_auth")).value_or(false);
    p.http_host = reader.string(node["http_host"], field("http_host"));
    draft.provider_interface_given = node["provider_interface"].IsDefined();
    draft.provider_interface =
        reader.one_of(node["provider_interface"], field("provider_interface"), kProviderInterfaces);
    if (auto headers = reader.string_map(node["headers"], field("headers"))) p.headers = *headers;
    draft.inline_preferences =
        read_inline_preferences(node["routing_preferences"], field("routing_preferences"), reader);
    return draft;
}

}  // namespace

void read_providers(const YAML::Node& node, std::string_view key, NodeReader& reader,
                    Document& doc) {
    doc.providers_key = std::string(key);
    if (!reader.expect_list(node, key)) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
        doc.providers.push_back(read_provider(node[i], item_path(key, i), reader));
    }
}

}  // namespace gw::config::detail
