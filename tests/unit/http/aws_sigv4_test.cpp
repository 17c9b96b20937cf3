#include "gw/http/aws_sigv4.hpp"

#include <gtest/gtest.h>

#include "unit/http/aws_sigv4_suite_cases.hpp"
#include <chrono>
#include <ostream>
#include <string>

namespace gw::http {
namespace {

using namespace std::chrono_literals;
using sigv4_suite::SigV4SuiteCase;

const AwsCredentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                       ""};
const SigV4Scope kSuiteScope{"us-east-1", "service"};

// 2015-08-30T12:36:00Z, the time of every suite case.
std::chrono::system_clock::time_point suite_time() {
    return std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} + 12h + 36min;
}

Headers headers_of(const SigV4SuiteCase& c) {
    Headers h;
    for (const auto& [name, value] : c.headers) h.add(name, value);
    return h;
}

// `headers` plus every header the signer asked to add.
Headers with_signature(Headers headers, const SigV4Signature& signature) {
    for (const auto& [name, value] : signature.headers.fields()) headers.add(name, value);
    return headers;
}

}  // namespace

namespace sigv4_suite {
// Test names carry the case name; this keeps ctest's listing readable too.
void PrintTo(const SigV4SuiteCase& c, std::ostream* os) { *os << c.name; }
}  // namespace sigv4_suite

namespace {

class SigV4Suite : public ::testing::TestWithParam<SigV4SuiteCase> {};

TEST_P(SigV4Suite, SignsLikeTheReference) {
    const SigV4SuiteCase& c = GetParam();
    const Headers headers = headers_of(c);
    const SigV4Request request{c.method, c.host, c.path, c.query, &headers, c.body};
    AwsCredentials credentials = kSuiteCredentials;
    credentials.session_token = c.session_token;
    const SigV4Options options{SigV4HeaderSelection::kAllSignable, c.sign_body, c.normalize};

    const auto signature = sign_sigv4(request, credentials, kSuiteScope, suite_time(), options);
    ASSERT_TRUE(signature) << signature.error().message;
    EXPECT_EQ(signature->canonical_request, c.canonical_request);
    EXPECT_EQ(signature->string_to_sign, c.string_to_sign);
    EXPECT_EQ(signature->signature, c.signature);
    EXPECT_EQ(signature->headers.get("authorization"), c.authorization);
    EXPECT_EQ(signature->headers.get("x-amz-date"), "20150830T123600Z");
    EXPECT_EQ(signature->headers.contains("x-amz-content-sha256"), c.sign_body);
    EXPECT_EQ(signature->headers.get("x-amz-security-token").value_or(""), c.session_token);
}

TEST_P(SigV4Suite, VerifiesWhatItSigned) {
    const SigV4SuiteCase& c = GetParam();
    const Headers headers = headers_of(c);
    const SigV4Request request{c.method, c.host, c.path, c.query, &headers, c.body};
    AwsCredentials credentials = kSuiteCredentials;
    credentials.session_token = c.session_token;
    const SigV4Options options{SigV4HeaderSelection::kAllSignable, c.sign_body, c.normalize};
    const auto signature = sign_sigv4(request, credentials, kSuiteScope, suite_time(), options);
    ASSERT_TRUE(signature);

    const Headers received = with_signature(headers, *signature);
    SigV4Request incoming = request;
    incoming.headers = &received;
    const auto verified = verify_sigv4(incoming, credentials, kSuiteScope, suite_time() + 5min,
                                       {.normalize_path = c.normalize});
    EXPECT_TRUE(verified) << verified.error().message;
}

INSTANTIATE_TEST_SUITE_P(AwsCAuth, SigV4Suite,
                         ::testing::ValuesIn(sigv4_suite::sigv4_suite_cases()),
                         [](const auto& test) {
                             std::string name = test.param.name;
                             for (char& ch : name) {
                                 if (ch == '-') ch = '_';
                             }
                             return name;
                         });

// --- Bedrock.

constexpr std::string_view kBedrockPath =
    "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream";
constexpr std::string_view kBedrockBody =
    R"({"messages":[{"role":"user","content":[{"text":"Hello"}]}]})";
constexpr std::string_view kBedrockHost = "bedrock-runtime.us-east-1.amazonaws.com";
const SigV4Scope kBedrockScope{"us-east-1", "bedrock"};

// 2024-11-22T10:30:00Z.
std::chrono::system_clock::time_point bedrock_time() {
    return std::chrono::sys_days{std::chrono::year{2024} / 11 / 22} + 10h + 30min;
}

// The gateway's ConverseStream call. The expected values were produced by botocore 1.43.11
// (SigV4Auth(credentials, "bedrock", "us-east-1").add_auth on an AWSRequest with this URL, body
// and Content-Type header, the clock fixed to 2024-11-22T10:30:00Z), an implementation
// independent of ours. botocore signs every header it is given and does not add
// x-amz-content-sha256 outside S3, so the request here has just Content-Type (plus the user
// agent and transfer headers our minimal selection leaves unsigned).
TEST(SigV4Bedrock, SignsConverseStreamLikeBotocore) {
    Headers headers;
    headers.add("Content-Type", "application/json");
    headers.add("User-Agent", "planoai");
    headers.add("Accept", "application/vnd.amazon.eventstream");
    const SigV4Request request{"POST", kBedrockHost, kBedrockPath, "", &headers, kBedrockBody};
    const auto signature = sign_sigv4(request, kSuiteCredentials, kBedrockScope, bedrock_time(),
                                      {.add_content_sha256 = false});
    ASSERT_TRUE(signature) << signature.error().message;
    EXPECT_EQ(signature->canonical_request,
              "POST\n"
              "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%253A0/converse-stream\n"
              "\n"
              "content-type:application/json\n"
              "host:bedrock-runtime.us-east-1.amazonaws.com\n"
              "x-amz-date:20241122T103000Z\n"
              "\n"
              "content-type;host;x-amz-date\n"
              "7421da8d1a0949a481724fee62d5886aacde03836bf58248adb73e8b61ac0d54");
    EXPECT_EQ(signature->headers.get("authorization"),
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
              "SignedHeaders=content-type;host;x-amz-date, "
              "Signature=dcff7cf210b130e9d821c2199817aafa617df9215fe583a506fb9cafc419991f");
    EXPECT_EQ(signature->headers.size(), 2u);  // x-amz-date, authorization
}

// The same with the defaults (x-amz-content-sha256 sent) and temporary credentials; botocore was
// given the X-Amz-Content-SHA256 header to sign, as our signer adds it.
TEST(SigV4Bedrock, SignsWithSessionTokenAndContentHashLikeBotocore) {
    Headers headers;
    headers.add("Content-Type", "application/json");
    const SigV4Request request{"POST", kBedrockHost, kBedrockPath, "", &headers, kBedrockBody};
    AwsCredentials credentials = kSuiteCredentials;
    credentials.session_token = "session-token-example";
    const auto signature = sign_sigv4(request, credentials, kBedrockScope, bedrock_time());
    ASSERT_TRUE(signature) << signature.error().message;
    EXPECT_EQ(signature->signed_headers,
              "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
    EXPECT_EQ(signature->signature,
              "185d0da91587d920c9446cc30ee310fbfe34bf1f2b97033fbc7bb4f330dbeefe");
    const auto& fields = signature->headers.fields();
    ASSERT_EQ(fields.size(), 4u);
    EXPECT_EQ(fields[0], (Headers::Field{"x-amz-date", "20241122T103000Z"}));
    EXPECT_EQ(fields[1],
              (Headers::Field{"x-amz-content-sha256",
                              "7421da8d1a0949a481724fee62d5886aacde03836bf58248adb73e8b61ac0d54"}));
    EXPECT_EQ(fields[2], (Headers::Field{"x-amz-security-token", "session-token-example"}));
    EXPECT_EQ(fields[3].first, "authorization");
}

TEST(SigV4Bedrock, MinimalSelectionLeavesProxyHeadersUnsigned) {
    Headers headers;
    headers.add("content-type", "application/json");
    headers.add("Connection", "keep-alive");
    headers.add("X-Forwarded-For", "10.0.0.1");
    headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    headers.add("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793");
    headers.add("X-Amz-Target", "x");
    const SigV4Request request{"POST", kBedrockHost, kBedrockPath, "", &headers, kBedrockBody};
    const auto signature = sign_sigv4(request, kSuiteCredentials, kBedrockScope, bedrock_time());
    ASSERT_TRUE(signature);
    EXPECT_EQ(signature->signed_headers,
              "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target");
}

// --- verify_sigv4.

// A Bedrock request signed with the defaults, as the mock provider receives it. verify() points
// request.headers at headers, so tests can edit either before verifying.
struct Signed {
    Headers headers;
    SigV4Request request;
};

Signed signed_bedrock_request(const AwsCredentials& credentials, const SigV4Options& options = {}) {
    Signed out;
    out.headers.add("Content-Type", "application/json");
    out.headers.add("Content-Length", std::to_string(kBedrockBody.size()));
    out.request = {"POST", kBedrockHost, kBedrockPath, "", &out.headers, kBedrockBody};
    const auto signature =
        sign_sigv4(out.request, credentials, kBedrockScope, bedrock_time(), options);
    EXPECT_TRUE(signature);
    out.headers = with_signature(out.headers, *signature);
    return out;
}

Result<void> verify(Signed& s, const AwsCredentials& credentials,
                    std::chrono::system_clock::time_point now = bedrock_time(),
                    const SigV4Scope& scope = kBedrockScope) {
    s.request.headers = &s.headers;
    return verify_sigv4(s.request, credentials, scope, now);
}

// "x-amz-date" -> "X-Amz-Date": header names compare case-insensitively.
std::string capitalized(std::string_view name) {
    std::string out(name);
    for (size_t i = 0; i < out.size(); ++i) {
        if ((i == 0 || out[i - 1] == '-') && out[i] >= 'a' && out[i] <= 'z') {
            out[i] = static_cast<char>(out[i] - 'a' + 'A');
        }
    }
    return out;
}

TEST(SigV4Verify, AcceptsASignedRequest) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    const auto ok = verify(s, kSuiteCredentials);
    EXPECT_TRUE(ok) << ok.error().message;
}

TEST(SigV4Verify, AcceptsUnsignedExtraHeadersAndHeaderNameCase) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    s.headers.add("User-Agent", "aws-sdk-js/3.0");
    s.headers.add("X-Forwarded-For", "10.0.0.1");
    Headers renamed;
    for (const auto& [name, value] : s.headers.fields()) renamed.add(capitalized(name), value);
    s.headers = renamed;
    const auto ok = verify(s, kSuiteCredentials);
    EXPECT_TRUE(ok) << ok.error().message;
}

TEST(SigV4Verify, RejectsATamperedBody) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    const std::string body = std::string(kBedrockBody) + " ";
    s.request.body = body;
    const auto result = verify(s, kSuiteCredentials);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, Error::Kind::Protocol);
    EXPECT_EQ(result.error().message, "x-amz-content-sha256 does not match the body");

    // Signed without the content hash header, the signature itself catches it.
    Signed unhashed = signed_bedrock_request(kSuiteCredentials, {.add_content_sha256 = false});
    EXPECT_TRUE(verify(unhashed, kSuiteCredentials));
    unhashed.request.body = body;
    const auto mismatch = verify(unhashed, kSuiteCredentials);
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.error().kind, Error::Kind::Protocol);
    EXPECT_EQ(mismatch.error().message, "the request signature does not match");

    // Dropping a signed header is a malformed request, not a mismatch.
    s.request.body = kBedrockBody;
    s.headers.remove("x-amz-content-sha256");
    const auto dropped = verify(s, kSuiteCredentials);
    ASSERT_FALSE(dropped);
    EXPECT_EQ(dropped.error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(dropped.error().message, "signed header x-amz-content-sha256 is not in the request");
}

TEST(SigV4Verify, RejectsATamperedSignedHeader) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    s.headers.set("Content-Type", "text/plain");
    const auto result = verify(s, kSuiteCredentials);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, Error::Kind::Protocol);
    EXPECT_EQ(result.error().message, "the request signature does not match");
}

TEST(SigV4Verify, RejectsATamperedPathQueryOrHost) {
    {
        Signed s = signed_bedrock_request(kSuiteCredentials);
        s.request.path = "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A1/converse-stream";
        EXPECT_FALSE(verify(s, kSuiteCredentials));
    }
    {
        Signed s = signed_bedrock_request(kSuiteCredentials);
        s.request.query = "a=b";
        EXPECT_FALSE(verify(s, kSuiteCredentials));
    }
    {
        Signed s = signed_bedrock_request(kSuiteCredentials);
        s.request.host = "bedrock-runtime.us-west-2.amazonaws.com";
        EXPECT_FALSE(verify(s, kSuiteCredentials));
    }
}

TEST(SigV4Verify, RejectsATamperedSignature) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    std::string authorization(*s.headers.get("authorization"));
    char& last = authorization.back();
    last = last == '0' ? '1' : '0';
    s.headers.set("authorization", authorization);
    const auto result = verify(s, kSuiteCredentials);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, Error::Kind::Protocol);
    EXPECT_EQ(result.error().message, "the request signature does not match");
}

TEST(SigV4Verify, RejectsASignatureMadeWithAnotherSecret) {
    AwsCredentials other = kSuiteCredentials;
    other.secret_access_key = "not-the-secret";
    Signed s = signed_bedrock_request(other);
    const auto result = verify(s, kSuiteCredentials);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, "the request signature does not match");
}

TEST(SigV4Verify, RejectsAnUnknownAccessKey) {
    AwsCredentials other = kSuiteCredentials;
    other.access_key_id = "AKIDOTHER";
    Signed s = signed_bedrock_request(other);
    const auto result = verify(s, kSuiteCredentials);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, Error::Kind::NotFound);
}

TEST(SigV4Verify, RejectsAnotherScope) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    const auto region = verify(s, kSuiteCredentials, bedrock_time(), {"us-west-2", "bedrock"});
    ASSERT_FALSE(region);
    EXPECT_EQ(region.error().kind, Error::Kind::Protocol);
    EXPECT_EQ(region.error().message,
              "credential scope us-east-1/bedrock does not match us-west-2/bedrock");
    EXPECT_FALSE(verify(s, kSuiteCredentials, bedrock_time(), {"us-east-1", "s3"}));
}

TEST(SigV4Verify, RejectsClockSkewBeyondFifteenMinutes) {
    Signed s = signed_bedrock_request(kSuiteCredentials);
    EXPECT_TRUE(verify(s, kSuiteCredentials, bedrock_time() + 15min));
    EXPECT_TRUE(verify(s, kSuiteCredentials, bedrock_time() - 15min));
    const auto late = verify(s, kSuiteCredentials, bedrock_time() + 15min + 1s);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().kind, Error::Kind::Protocol);
    EXPECT_FALSE(verify(s, kSuiteCredentials, bedrock_time() - 16min));
}

TEST(SigV4Verify, ChecksTheSessionToken) {
    AwsCredentials temporary = kSuiteCredentials;
    temporary.session_token = "token-1";
    Signed s = signed_bedrock_request(temporary);
    EXPECT_TRUE(verify(s, temporary));
    // Credentials without a token do not accept one, and the other way round.
    EXPECT_FALSE(verify(s, kSuiteCredentials));
    AwsCredentials other_token = temporary;
    other_token.session_token = "token-2";
    const auto wrong = verify(s, other_token);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().message, "x-amz-security-token does not match the credentials");
    Signed plain = signed_bedrock_request(kSuiteCredentials);
    EXPECT_FALSE(verify(plain, temporary));
}

TEST(SigV4Verify, RejectsMalformedAuthorization) {
    const Signed good = signed_bedrock_request(kSuiteCredentials);
    const std::string original(*good.headers.get("authorization"));
    const std::string cases[] = {
        "",
        "Bearer abc",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock, "
        "SignedHeaders=host;x-amz-date, Signature=" +
            std::string(64, 'a'),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" +
            std::string(63, 'a'),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" +
            std::string(64, 'A'),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" +
            std::string(64, 'a') + ", Signature=" + std::string(64, 'a'),
        // x-amz-date and host must be signed; the list must be sorted.
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host, Signature=" +
            std::string(64, 'a'),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=x-amz-date, Signature=" +
            std::string(64, 'a'),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=x-amz-date;host, Signature=" +
            std::string(64, 'a'),
        // A signed header the request lacks.
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241122/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-missing, Signature=" +
            std::string(64, 'a'),
    };
    for (const auto& authorization : cases) {
        Signed s = signed_bedrock_request(kSuiteCredentials);
        s.headers.set("authorization", authorization);
        const auto result = verify(s, kSuiteCredentials);
        ASSERT_FALSE(result) << authorization;
        EXPECT_EQ(result.error().kind, Error::Kind::InvalidArgument)
            << authorization << ": " << result.error().message;
    }
    Signed missing = signed_bedrock_request(kSuiteCredentials);
    missing.headers.remove("authorization");
    EXPECT_EQ(verify(missing, kSuiteCredentials).error().kind, Error::Kind::InvalidArgument);
    Signed no_date = signed_bedrock_request(kSuiteCredentials);
    no_date.headers.set("x-amz-date", "2024-11-22T10:30:00Z");
    EXPECT_EQ(verify(no_date, kSuiteCredentials).error().kind, Error::Kind::InvalidArgument);
    EXPECT_FALSE(original.empty());
}

TEST(SigV4Sign, RefusesHeadersTheSignerOwns) {
    for (const char* owned :
         {"Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token"}) {
        Headers headers;
        headers.add(owned, "x");
        const SigV4Request request{"GET", "example.amazonaws.com", "/", "", &headers, ""};
        const auto result = sign_sigv4(request, kSuiteCredentials, kSuiteScope, suite_time());
        ASSERT_FALSE(result) << owned;
        EXPECT_EQ(result.error().kind, Error::Kind::InvalidArgument);
    }
}

TEST(SigV4Sign, RejectsInvalidInputs) {
    const SigV4Request request{"GET", "example.amazonaws.com", "/", "", nullptr, ""};
    EXPECT_FALSE(sign_sigv4(request, {"", "secret", ""}, kSuiteScope, suite_time()));
    EXPECT_FALSE(sign_sigv4(request, {"AK/ID", "secret", ""}, kSuiteScope, suite_time()));
    EXPECT_FALSE(sign_sigv4(request, {"AKID", "", ""}, kSuiteScope, suite_time()));
    EXPECT_FALSE(sign_sigv4(request, kSuiteCredentials, {"", "service"}, suite_time()));
    EXPECT_FALSE(sign_sigv4(request, kSuiteCredentials, {"us-east-1", "a/b"}, suite_time()));
    SigV4Request no_host = request;
    no_host.host = "";
    EXPECT_FALSE(sign_sigv4(no_host, kSuiteCredentials, kSuiteScope, suite_time()));
    Headers injected;
    injected.add("Content-Type", "application/json\r\nX-Evil: 1");
    SigV4Request bad_value = request;
    bad_value.headers = &injected;
    EXPECT_FALSE(sign_sigv4(bad_value, kSuiteCredentials, kSuiteScope, suite_time()));
    EXPECT_TRUE(sign_sigv4(request, kSuiteCredentials, kSuiteScope, suite_time()));
}

TEST(SigV4Sign, AmzDateFormatsUtcSeconds) {
    EXPECT_EQ(*sigv4_amz_date(suite_time() + 999ms), "20150830T123600Z");
    EXPECT_EQ(*sigv4_amz_date(std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + 23h +
                              59min + 59s),
              "20240229T235959Z");
    EXPECT_EQ(*sigv4_amz_date(std::chrono::system_clock::time_point{}), "19700101T000000Z");
    EXPECT_FALSE(sigv4_amz_date(std::chrono::system_clock::time_point{} - 1s));
}

TEST(SigV4Sign, EmptyBodyHash) {
    EXPECT_EQ(sigv4_sha256_hex(""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace gw::http
