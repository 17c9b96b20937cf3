#include "gw/providers/base_url.hpp"

#include <gtest/gtest.h>

namespace gw::providers {
namespace {

struct Parsed {
    const char* name;
    std::string url;
    Origin origin;
    std::optional<std::string> prefix;
};

class BaseUrlParse : public ::testing::TestWithParam<Parsed> {};

TEST_P(BaseUrlParse, SplitsIntoOriginAndPrefix) {
    auto parsed = parse_base_url(GetParam().url);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->origin, GetParam().origin);
    EXPECT_EQ(parsed->path_prefix, GetParam().prefix);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BaseUrlParse,
    ::testing::Values(
        Parsed{"https_path",
               "https://proxy/ai-gateway/openai",
               {true, "proxy", 443},
               "/ai-gateway/openai"},
        Parsed{"ipv4_port_v1", "http://127.0.0.1:8080/v1", {false, "127.0.0.1", 8080}, "/v1"},
        Parsed{"http_default_port", "http://localhost", {false, "localhost", 80}, std::nullopt},
        Parsed{
            "root_path", "https://api.example.com/", {true, "api.example.com", 443}, std::nullopt},
        Parsed{"trailing_slash", "https://h:8443/v1/", {true, "h", 8443}, "/v1"},
        Parsed{"explicit_default_port", "https://h:443/x", {true, "h", 443}, "/x"},
        Parsed{"upper_case_scheme", "HTTPS://h/x", {true, "h", 443}, "/x"},
        Parsed{"ipv6", "http://[::1]:11434", {false, "::1", 11434}, std::nullopt},
        Parsed{"encoded_path_kept", "https://h/a%20b", {true, "h", 443}, "/a%20b"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(BaseUrl, RejectsUnusableUrls) {
    for (const char* bad : {"ftp://h/x", "not a url", "api.openai.com", "http://:80/x",
                            "http://h:99999", "http://h:0", "https://user:pw@h/", "/v1"}) {
        auto parsed = parse_base_url(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().kind, Error::Kind::InvalidArgument);
        EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
    }
}

TEST(BaseUrl, OriginKey) {
    EXPECT_EQ((Origin{true, "api.openai.com", 443}).key(), "https://api.openai.com:443");
    EXPECT_EQ((Origin{false, "127.0.0.1", 8080}).key(), "http://127.0.0.1:8080");
    EXPECT_EQ((Origin{false, "::1", 80}).key(), "http://[::1]:80");
}

TEST(BaseUrl, HostHeaderOmitsDefaultPort) {
    EXPECT_EQ(host_header_for({true, "api.openai.com", 443}), "api.openai.com");
    EXPECT_EQ(host_header_for({false, "h", 80}), "h");
    EXPECT_EQ(host_header_for({false, "h", 443}), "h:443");
    EXPECT_EQ(host_header_for({true, "h", 80}), "h:80");
    EXPECT_EQ(host_header_for({false, "127.0.0.1", 8080}), "127.0.0.1:8080");
    EXPECT_EQ(host_header_for({false, "::1", 11434}), "[::1]:11434");
}

}  // namespace
}  // namespace gw::providers
