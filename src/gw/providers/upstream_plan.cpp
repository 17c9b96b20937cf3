#include "gw/providers/upstream_plan.hpp"

#include "gw/providers/base_url.hpp"
#include "gw/providers/provider_id.hpp"
#include "gw/providers/upstream_headers.hpp"
#include "gw/providers/upstream_path.hpp"

#include <fmt/format.h>

namespace gw::providers {
namespace {

// "bedrock-runtime.us-east-1.amazonaws.com" (or the -fips variant) -> "us-east-1".
std::string bedrock_region(std::string_view host) {
    for (std::string_view prefix : {"bedrock-runtime.", "bedrock-runtime-fips."}) {
        if (!host.starts_with(prefix)) continue;
        std::string_view rest = host.substr(prefix.size());
        const size_t dot = rest.find('.');
        if (dot != std::string_view::npos && rest.substr(dot).starts_with(".amazonaws.com")) {
            return std::string(rest.substr(0, dot));
        }
    }
    return {};
}

bool signs_with_sigv4(const config::ModelProvider& provider) {
    return parse_provider_id(provider.provider_interface) == ProviderId::AmazonBedrock &&
           !provider.passthrough_auth && (!provider.access_key || provider.access_key->empty());
}

}  // namespace

Result<UpstreamPlan> plan_upstream(const ResolvedProvider& target, const PlanInput& input) {
    const config::ModelProvider& provider = *target.provider;
    Result<BaseUrl> endpoint = target.endpoint ? *target.endpoint : provider_endpoint(provider);
    if (!endpoint) return endpoint.error();
    UpstreamPlan plan;
    plan.upstream_api = upstream_api_for(input.client_api, provider.provider_interface);
    plan.model_id = target.model_id;
    plan.path = upstream_path({
        .client_api = input.client_api,
        .provider_interface = provider.provider_interface,
        .provider_name = provider.name,
        .model_id = target.model_id,
        .streaming = input.streaming,
        .base_url_prefix = endpoint->path_prefix,
    });
    plan.headers = forwardable_headers(input.client_headers);
    if (auto ok =
            apply_provider_auth(provider, plan.upstream_api, input.client_headers, plan.headers);
        !ok) {
        return ok.error();
    }
    if (signs_with_sigv4(provider)) plan.aws_sigv4_region = bedrock_region(endpoint->origin.host);
    plan.host_header = provider.http_host ? *provider.http_host : host_header_for(endpoint->origin);
    plan.origin = std::move(endpoint->origin);
    return plan;
}

}  // namespace gw::providers
