#pragma once
// Which API a provider is spoken to in, and the upstream path (dataplane.md §2.6).

#include "gw/llm/api.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gw::providers {

struct PathInput {
    llm::ApiFormat client_api = llm::ApiFormat::OpenAiChat;
    std::string_view provider_interface;  // "openai", "groq", ... or a custom interface
    std::string_view provider_name;       // "perplexity/..." names use unversioned paths
    std::string_view model_id;            // for azure deployments and bedrock paths
    bool streaming = false;
    std::optional<std::string_view> base_url_prefix;  // replaces the default prefix when set
};

// The wire API the provider is called with for a client speaking `client_api`.
llm::ApiFormat upstream_api_for(llm::ApiFormat client_api, std::string_view provider_interface);

// Path and query for the upstream request, e.g. "/v1/chat/completions".
std::string upstream_path(const PathInput& input);

}  // namespace gw::providers
