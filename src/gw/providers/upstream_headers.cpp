#include "gw/providers/upstream_headers.hpp"

#include "gw/base/concat.hpp"
#include "gw/providers/provider_id.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>

namespace gw::providers {
namespace {

constexpr std::string_view kAnthropicVersion = "2023-06-01";

constexpr std::array<std::string_view, 8> kNotForwarded{
    "host", "content-length", "connection", "keep-alive", "transfer-encoding",
    "te",   "trailer",        "upgrade",
};

std::string_view trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

void remove_connection_tokens(std::string_view connection, Headers& headers) {
    while (!connection.empty()) {
        const size_t comma = connection.find(',');
        const std::string_view token = trim(connection.substr(0, comma));
        if (!token.empty()) headers.remove(token);
        if (comma == std::string_view::npos) break;
        connection.remove_prefix(comma + 1);
    }
}

// passthrough_auth: the client's Authorization without "Bearer", else its x-api-key.
std::optional<std::string> client_credential(const Headers* client_headers) {
    if (!client_headers) return std::nullopt;
    if (auto auth = client_headers->get("authorization")) {
        std::string_view value = trim(*auth);
        if (istarts_with(value, "bearer")) value = trim(value.substr(6));
        if (!value.empty()) return std::string(value);
    }
    if (auto key = client_headers->get("x-api-key")) {
        const std::string_view value = trim(*key);
        if (!value.empty()) return std::string(value);
    }
    return std::nullopt;
}

// A keyless provider is fine behind a base_url (local servers) and for the internal plano host.
bool may_run_without_key(const config::ModelProvider& provider) {
    return provider.base_url.has_value() ||
           parse_provider_id(provider.provider_interface) == ProviderId::Plano;
}

void set_credential(llm::ApiFormat upstream_api, const std::optional<std::string>& credential,
                    Headers& headers) {
    headers.remove("authorization");
    headers.remove("x-api-key");
    if (upstream_api == llm::ApiFormat::AnthropicMessages) {
        if (credential) headers.set("x-api-key", *credential);
        // A client-chosen version (and anthropic-beta) is kept: it selects API behaviour.
        if (!headers.contains("anthropic-version"))
            headers.set("anthropic-version", kAnthropicVersion);
    } else if (credential) {
        headers.set("Authorization", concat({"Bearer ", *credential}));
    }
}

}  // namespace

Headers forwardable_headers(const Headers* client_headers) {
    Headers out;
    if (client_headers) out = *client_headers;
    if (auto connection = out.get("connection"))
        remove_connection_tokens(std::string(*connection), out);
    for (std::string_view name : kNotForwarded) out.remove(name);
    std::vector<std::string> proxy_fields;
    for (const auto& [name, value] : out.fields()) {
        if (istarts_with(name, "proxy-")) proxy_fields.push_back(name);
    }
    for (const auto& name : proxy_fields) out.remove(name);
    out.set("Accept-Encoding", "identity");
    return out;
}

Result<void> apply_provider_auth(const config::ModelProvider& provider, llm::ApiFormat upstream_api,
                                 const Headers* client_headers, Headers& headers) {
    std::optional<std::string> credential;
    if (provider.passthrough_auth) {
        credential = client_credential(client_headers);
    } else if (provider.access_key && !provider.access_key->empty()) {
        credential = provider.access_key;
    } else if (!may_run_without_key(provider)) {
        return Error::invalid(fmt::format(
            "No access key configured for selected LLM Provider \"{}\"", provider.name));
    }
    set_credential(upstream_api, credential, headers);
    for (const auto& [name, value] : provider.headers) headers.set(name, value);
    return {};
}

}  // namespace gw::providers
