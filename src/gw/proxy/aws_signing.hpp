#pragma once
// SigV4 signing of Bedrock calls for providers configured without an access_key: the AWS way of
// authenticating, with the credentials AWS tooling reads from the environment. A provider with an
// access_key (a Bedrock API key) is sent `Authorization: Bearer` instead, as the reference does.

#include "gw/base/result.hpp"
#include "gw/http/aws_sigv4.hpp"
#include "gw/http/upstream_client.hpp"

#include <optional>
#include <string_view>

namespace gw::proxy {

struct AwsEnvironment {
    std::optional<http::AwsCredentials> credentials;  // AWS_ACCESS_KEY_ID + _SECRET_ACCESS_KEY
    std::string region;                               // AWS_REGION, else AWS_DEFAULT_REGION
};

// Read once per process: credentials rotated in the environment need a restart, as with any
// process reading its environment at start.
[[nodiscard]] const AwsEnvironment& aws_environment();

// Signs `request` as it will be sent. `region` empty: the environment's region. Without
// credentials the request goes unsigned (local Bedrock-compatible servers need none); without a
// region, InvalidArgument naming what to set.
[[nodiscard]] Result<void> sign_bedrock_request(http::UpstreamRequest& request,
                                                std::string_view region,
                                                const AwsEnvironment& environment);

}  // namespace gw::proxy
