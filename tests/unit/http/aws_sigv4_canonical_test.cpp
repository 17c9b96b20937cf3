#include "gw/http/aws_sigv4_canonical.hpp"

#include "gw/http/aws_sigv4.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::http {
namespace {

// AWS's own canonical request for a ConverseStream call, quoted by the service in a
// SignatureDoesNotMatch answer (BerriAI/litellm issue #14763). Its SHA-256 is the last line of
// the string to sign AWS quoted with it, so the text is exactly what AWS computed: the model
// id's ':' went out as %3A and is signed as %253A, and the proxy-added headers that client
// signed are canonicalized like any other.
TEST(SigV4Bedrock, CanonicalRequestMatchesWhatAwsComputed) {
    Headers headers;
    headers.add("Content-Type", "application/json");
    headers.add("X-Amz-Date", "20250921T101604Z");
    headers.add("X-Forwarded-For", "10.0.20.180,45.222.29.73");
    headers.add("X-Forwarded-Host", "litellm.heaven.za.net");
    headers.add("X-Forwarded-Port", "443");
    headers.add("X-Forwarded-Proto", "https");
    headers.add("X-Forwarded-Server", "aeeb7cda9e5b");
    headers.add("X-Real-Ip", "10.0.20.180");
    const SigV4Request request{
        "POST",
        "bedrock-runtime.us-east-2.amazonaws.com",
        "/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse-stream",
        "",
        &headers,
        ""};
    const std::string signed_headers =
        "content-type;host;x-amz-date;x-forwarded-for;x-forwarded-host;x-forwarded-port;"
        "x-forwarded-proto;x-forwarded-server;x-real-ip";
    const auto canonical = sigv4_canonical_request(
        request, signed_headers, "fea7815fd74adf3ef10f764bcea846ea6a3ffec335c8754302d2e40114f9db3e",
        true);
    ASSERT_TRUE(canonical) << canonical.error().message;
    EXPECT_EQ(*canonical,
              "POST\n"
              "/model/us.anthropic.claude-sonnet-4-20250514-v1%253A0/converse-stream\n"
              "\n"
              "content-type:application/json\n"
              "host:bedrock-runtime.us-east-2.amazonaws.com\n"
              "x-amz-date:20250921T101604Z\n"
              "x-forwarded-for:10.0.20.180,45.222.29.73\n"
              "x-forwarded-host:litellm.heaven.za.net\n"
              "x-forwarded-port:443\n"
              "x-forwarded-proto:https\n"
              "x-forwarded-server:aeeb7cda9e5b\n"
              "x-real-ip:10.0.20.180\n"
              "\n" +
                  signed_headers +
                  "\n"
                  "fea7815fd74adf3ef10f764bcea846ea6a3ffec335c8754302d2e40114f9db3e");
    EXPECT_EQ(sigv4_sha256_hex(*canonical),
              "d61e31a0afb51765f0b2ee88381d0950cc8a0fc054633f0e163ff85336a4beae");
}

// Canonical form details the AWS test suite (see aws_sigv4_test.cpp) does not pin down.

TEST(SigV4Canonical, UriEncodesAlreadyEncodedSegmentsAgain) {
    EXPECT_EQ(*sigv4_canonical_uri("/model/a%3Ab/invoke", true), "/model/a%253Ab/invoke");
    EXPECT_EQ(*sigv4_canonical_uri("/a:b/c d/~x_y-z.", true), "/a%3Ab/c%20d/~x_y-z.");
    EXPECT_EQ(*sigv4_canonical_uri("/arn%3Aaws%3Abedrock%2Fx", false),
              "/arn%253Aaws%253Abedrock%252Fx");
    EXPECT_EQ(*sigv4_canonical_uri("", true), "/");
    EXPECT_EQ(*sigv4_canonical_uri("/", true), "/");
}

TEST(SigV4Canonical, NormalizesDotSegmentsAndSlashes) {
    EXPECT_EQ(*sigv4_canonical_uri("/a/./b/../c//d/", true), "/a/c/d/");
    EXPECT_EQ(*sigv4_canonical_uri("/../../a", true), "/a");
    EXPECT_EQ(*sigv4_canonical_uri("/a/..", true), "/");
    EXPECT_EQ(*sigv4_canonical_uri("/a/./b/../c//d/", false), "/a/./b/../c//d/");
}

TEST(SigV4Canonical, RejectsMalformedPaths) {
    EXPECT_FALSE(sigv4_canonical_uri("model/x", true));
    EXPECT_FALSE(sigv4_canonical_uri("/a?b=c", true));
    EXPECT_FALSE(sigv4_canonical_uri("/a#frag", true));
    EXPECT_FALSE(sigv4_canonical_uri("/a\r\nX-Injected: 1", true));
}

TEST(SigV4Canonical, QueryIsDecodedReencodedAndSorted) {
    EXPECT_EQ(*sigv4_canonical_query(""), "");
    EXPECT_EQ(*sigv4_canonical_query("b=2&a=1&a=0"), "a=0&a=1&b=2");
    EXPECT_EQ(*sigv4_canonical_query("flag&x="), "flag=&x=");
    EXPECT_EQ(*sigv4_canonical_query("a=1&&b=2&"), "a=1&b=2");
    EXPECT_EQ(*sigv4_canonical_query("k=a=b/c d"), "k=a%3Db%2Fc%20d");
    EXPECT_EQ(*sigv4_canonical_query("k=%2f%7E"), "k=%2F~");
    EXPECT_EQ(*sigv4_canonical_query("k=a+b"), "k=a%2Bb");
    EXPECT_FALSE(sigv4_canonical_query("k=%G1"));
    EXPECT_FALSE(sigv4_canonical_query("k=%1"));
    EXPECT_FALSE(sigv4_canonical_query("k=%"));
}

TEST(SigV4Canonical, HeaderValuesAreTrimmedAndCollapsed) {
    EXPECT_EQ(sigv4_canonical_header_value("  a \t b   c\t"), "a b c");
    EXPECT_EQ(sigv4_canonical_header_value(""), "");
    EXPECT_EQ(sigv4_canonical_header_value(" \t "), "");
    EXPECT_EQ(sigv4_canonical_header_value("\"a   b\""), "\"a b\"");
}

}  // namespace
}  // namespace gw::http
