#include "gw/proxy/aws_signing.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <string>

namespace gw::proxy {
namespace {

// Headers the signer adds: a client's own must never reach AWS beside ours.
constexpr std::array<std::string_view, 4> kSignerHeaders{
    "authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"};

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

AwsEnvironment read_aws_environment() {
    AwsEnvironment out;
    http::AwsCredentials credentials{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"),
                                     env("AWS_SESSION_TOKEN")};
    if (!credentials.access_key_id.empty() && !credentials.secret_access_key.empty()) {
        out.credentials = std::move(credentials);
    }
    out.region = env("AWS_REGION");
    if (out.region.empty()) out.region = env("AWS_DEFAULT_REGION");
    return out;
}

}  // namespace

const AwsEnvironment& aws_environment() {
    static const AwsEnvironment environment = read_aws_environment();
    return environment;
}

Result<void> sign_bedrock_request(http::UpstreamRequest& request, std::string_view region,
                                  const AwsEnvironment& environment) {
    if (!environment.credentials) return {};
    if (region.empty()) region = environment.region;
    if (region.empty()) {
        return Error::invalid(
            "Bedrock SigV4 signing needs a region: use a base_url of the form "
            "https://bedrock-runtime.<region>.amazonaws.com or set AWS_REGION");
    }
    for (std::string_view name : kSignerHeaders) request.headers.remove(name);
    const std::string_view target = request.target;
    const size_t question = target.find('?');
    const http::SigV4Request to_sign{
        .method = request.method,
        .host = request.host_header,
        .path = target.substr(0, question),
        .query =
            question == std::string_view::npos ? std::string_view{} : target.substr(question + 1),
        .headers = &request.headers,
        .body = request.body_bytes(),
    };
    auto signature = http::sign_sigv4(to_sign, *environment.credentials,
                                      {.region = region, .service = "bedrock"},
                                      std::chrono::system_clock::now());
    if (!signature) return signature.error();
    for (const auto& [name, value] : signature->headers.fields()) request.headers.set(name, value);
    return {};
}

}  // namespace gw::proxy
