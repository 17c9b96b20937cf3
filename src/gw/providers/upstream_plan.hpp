#pragma once
// Where and how to send a request upstream (dataplane.md §2.5-§2.8): origin from base_url or the
// provider's built-in host, the upstream path rule, and auth / extra headers. Pure: no I/O.

#include "gw/base/headers.hpp"
#include "gw/base/result.hpp"
#include "gw/llm/api.hpp"
#include "gw/providers/origin.hpp"
#include "gw/providers/provider_table.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace gw::providers {

struct UpstreamPlan {
    Origin origin;
    std::string host_header;  // Host: value (http_host override, or host[:port])
    std::string path;         // path and query, e.g. "/v1/chat/completions"
    llm::ApiFormat upstream_api = llm::ApiFormat::OpenAiChat;
    std::string model_id;  // value for the body's "model"
    // Set for a Bedrock provider without an access_key (and without passthrough_auth): the
    // request is to be signed with SigV4 using the AWS credentials of the environment. Holds the
    // region named by a bedrock-runtime.<region>.amazonaws.com base_url, else is empty (the
    // signer then uses AWS_REGION).
    std::optional<std::string> aws_sigv4_region;
    // Final request headers: the client's (minus hop-by-hop, Host and Content-Length) with auth
    // injected and the provider's `headers` applied.
    Headers headers;
};

struct PlanInput {
    llm::ApiFormat client_api = llm::ApiFormat::OpenAiChat;
    std::string_view client_path;  // e.g. "/v1/chat/completions"
    bool streaming = false;
    const Headers* client_headers = nullptr;
};

// Fails (InvalidArgument, message as the reference's 400) when the provider has no credential
// and needs one, or its base_url cannot be used. Uses `target.endpoint` when the table resolved it
// (parsed once per config, not per request).
Result<UpstreamPlan> plan_upstream(const ResolvedProvider& target, const PlanInput& input);

}  // namespace gw::providers
