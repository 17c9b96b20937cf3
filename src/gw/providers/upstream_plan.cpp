#include "gw/providers/upstream_plan.hpp"

#include "gw/providers/base_url.hpp"
#include "gw/providers/upstream_headers.hpp"
#include "gw/providers/upstream_path.hpp"

#include <fmt/format.h>

namespace gw::providers {
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
    plan.host_header = provider.http_host ? *provider.http_host : host_header_for(endpoint->origin);
    plan.origin = std::move(endpoint->origin);
    return plan;
}

}  // namespace gw::providers
