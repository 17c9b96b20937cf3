#pragma once
// AWS Signature Version 4 request signing (header variant, HMAC-SHA256) for Bedrock and any other
// non-S3 AWS service, and its verification for the mock provider. Pure functions: the time, the
// credentials and the request are explicit inputs; nothing reads a clock or the environment.
//
// Which headers are signed (SigV4HeaderSelection::kMinimal, the default used for upstream
// calls): host, content-type when present, and every x-amz-* header, which includes the ones the
// signer adds (x-amz-date, x-amz-content-sha256, x-amz-security-token). Nothing else: a proxy
// between us and AWS may add or rewrite hop-by-hop and forwarding headers (connection,
// transfer-encoding, via, x-forwarded-*, ...) or user-agent, and a signed header that changes
// breaks the signature. Content-Length is left out for the same reason (and the body hash already
// pins the body). verify_sigv4() accepts whatever set the client signed, as AWS does.

#include "gw/base/headers.hpp"
#include "gw/base/result.hpp"
#include "gw/http/aws_sigv4_canonical.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace gw::http {

struct AwsCredentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // empty for long-term credentials
};

struct SigV4Scope {
    std::string_view region;   // e.g. "us-east-1"
    std::string_view service;  // the signing name: "bedrock" for bedrock-runtime
};

enum class SigV4HeaderSelection {
    kMinimal,  // host, content-type, x-amz-* (see the top of this file)
    // Every header of the request except the ones no AWS SDK signs (authorization, hop-by-hop,
    // user-agent, expect, x-amzn-trace-id, proxy-*, forwarding headers, ...): the AWS SDK
    // behaviour, which the AWS test suite expects.
    kAllSignable,
};

struct SigV4Options {
    SigV4HeaderSelection headers = SigV4HeaderSelection::kMinimal;
    // Send (and sign) x-amz-content-sha256 with the body's hash. Optional for Bedrock; the AWS
    // SDKs send it.
    bool add_content_sha256 = true;
    // Remove dot segments and repeated slashes from the canonical URI, as the AWS SDKs do.
    bool normalize_path = true;
};

struct SigV4Signature {
    // To add to the request as sent: x-amz-date, x-amz-content-sha256 (when enabled),
    // x-amz-security-token (with a session token), authorization.
    Headers headers;
    std::string signed_headers;  // e.g. "content-type;host;x-amz-date"
    // The intermediate strings, for tests and debugging. The canonical request holds the session
    // token: never log it.
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;  // lowercase hex
};

// Signs `request` as of `now`. The request must not already carry authorization, x-amz-date,
// x-amz-content-sha256 or x-amz-security-token (the signer owns them). Fails on invalid
// credentials, scope or request parts (see aws_sigv4_canonical.hpp); never on the network.
[[nodiscard]] Result<SigV4Signature> sign_sigv4(const SigV4Request& request,
                                                const AwsCredentials& credentials,
                                                const SigV4Scope& scope,
                                                std::chrono::system_clock::time_point now,
                                                const SigV4Options& options = {});

struct SigV4VerifyOptions {
    // AWS rejects requests signed more than 15 minutes before or after its clock.
    std::chrono::seconds max_clock_skew{15 * 60};
    bool normalize_path = true;
};

// Checks the authorization header of an incoming request (its headers must include
// authorization and x-amz-date; its host, path and query as received) against the one client
// `credentials` and `scope` the verifier accepts. The error kind tells what AWS would answer:
//   InvalidArgument  the signature is missing or malformed (IncompleteSignatureException)
//   NotFound         another access key id (UnrecognizedClientException)
//   Protocol         well-formed but wrong: signature, scope, time, body hash or session token
//                    (SignatureDoesNotMatch, InvalidSignatureException)
// x-amz-content-sha256, when sent, must be the body's hash (UNSIGNED-PAYLOAD is S3-only).
[[nodiscard]] Result<void> verify_sigv4(const SigV4Request& request,
                                        const AwsCredentials& credentials, const SigV4Scope& scope,
                                        std::chrono::system_clock::time_point now,
                                        const SigV4VerifyOptions& options = {});

// "20150830T123600Z" for `time` (UTC, whole seconds); fails outside the years 1970-9999.
[[nodiscard]] Result<std::string> sigv4_amz_date(std::chrono::system_clock::time_point time);

// Lowercase hex SHA-256 of `bytes` (the payload hash of the canonical request).
[[nodiscard]] std::string sigv4_sha256_hex(std::string_view bytes);

}  // namespace gw::http
