#include "gw/proxy/aws_signing.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace gw::proxy {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

http::UpstreamRequest converse_request() {
    http::UpstreamRequest request;
    request.target = "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse";
    request.host_header = "bedrock-runtime.eu-west-1.amazonaws.com";
    request.headers.set("Content-Type", "application/json");
    request.body = R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}]})";
    return request;
}

AwsEnvironment environment_with_keys() {
    return {.credentials =
                http::AwsCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""},
            .region = "us-east-1"};
}

http::SigV4Request as_received(const http::UpstreamRequest& request) {
    return {.method = request.method,
            .host = request.host_header,
            .path = request.target,
            .query = {},
            .headers = &request.headers,
            .body = request.body_bytes()};
}

// A borrowed body is the one sent, so it is the one signed.
TEST(AwsSigning, SignsTheBorrowedBodyWhenThereIsOne) {
    auto request = converse_request();
    const std::string borrowed = R"({"messages":[{"role":"user","content":[{"text":"Bye"}]}]})";
    request.borrowed_body = borrowed;
    ASSERT_TRUE(sign_bedrock_request(request, "eu-west-1", environment_with_keys()));
    const auto credentials = *environment_with_keys().credentials;
    const auto scope = http::SigV4Scope{.region = "eu-west-1", .service = "bedrock"};
    const auto now = std::chrono::system_clock::now();
    EXPECT_TRUE(http::verify_sigv4(as_received(request), credentials, scope, now));
    auto owned_only = as_received(request);
    owned_only.body = request.body;
    EXPECT_FALSE(http::verify_sigv4(owned_only, credentials, scope, now));
}

TEST(AwsSigning, SignedRequestVerifiesForTheRegionOfTheBaseUrl) {
    auto request = converse_request();
    ASSERT_TRUE(sign_bedrock_request(request, "eu-west-1", environment_with_keys()));
    EXPECT_THAT(std::string(request.headers.get("authorization").value_or("")),
                StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    EXPECT_THAT(std::string(request.headers.get("authorization").value_or("")),
                HasSubstr("/eu-west-1/bedrock/aws4_request"));
    const auto credentials = *environment_with_keys().credentials;
    EXPECT_TRUE(http::verify_sigv4(as_received(request), credentials,
                                   {.region = "eu-west-1", .service = "bedrock"},
                                   std::chrono::system_clock::now()));
}

TEST(AwsSigning, EnvironmentRegionWhenTheBaseUrlNamesNone) {
    auto request = converse_request();
    ASSERT_TRUE(sign_bedrock_request(request, "", environment_with_keys()));
    EXPECT_THAT(std::string(request.headers.get("authorization").value_or("")),
                HasSubstr("/us-east-1/bedrock/aws4_request"));
}

TEST(AwsSigning, AClientsOwnSignatureHeadersAreReplaced) {
    auto request = converse_request();
    request.headers.set("Authorization", "Bearer client-secret");
    request.headers.set("X-Amz-Date", "19990101T000000Z");
    ASSERT_TRUE(sign_bedrock_request(request, "eu-west-1", environment_with_keys()));
    EXPECT_THAT(std::string(request.headers.get("authorization").value_or("")),
                StartsWith("AWS4-HMAC-SHA256"));
    EXPECT_NE(request.headers.get("x-amz-date"), "19990101T000000Z");
}

TEST(AwsSigning, WithoutCredentialsTheRequestGoesUnsigned) {
    auto request = converse_request();
    ASSERT_TRUE(sign_bedrock_request(request, "eu-west-1", {}));
    EXPECT_FALSE(request.headers.contains("authorization"));
}

TEST(AwsSigning, NoRegionAnywhereIsAClearError) {
    auto request = converse_request();
    AwsEnvironment environment = environment_with_keys();
    environment.region.clear();
    auto signed_ok = sign_bedrock_request(request, "", environment);
    ASSERT_FALSE(signed_ok);
    EXPECT_THAT(signed_ok.error().message, HasSubstr("AWS_REGION"));
}

}  // namespace
}  // namespace gw::proxy
