// redis:// and rediss:// URLs: defaults, credentials, database, IPv6, and errors that never
// quote the password.

#include "gw/kv/redis_url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gw::kv {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

RedisEndpoint parsed(std::string_view url) {
    auto endpoint = parse_redis_url(url);
    EXPECT_TRUE(endpoint) << url << ": " << endpoint.error().message;
    return endpoint ? *endpoint : RedisEndpoint{};
}

std::string error_of(std::string_view url) {
    auto endpoint = parse_redis_url(url);
    EXPECT_FALSE(endpoint) << url;
    if (endpoint) return {};
    EXPECT_EQ(endpoint.error().kind, Error::Kind::InvalidArgument);
    return endpoint.error().message;
}

TEST(RedisUrlTest, HostAloneTakesTheDefaults) {
    const RedisEndpoint endpoint = parsed("redis://cache.internal");
    EXPECT_FALSE(endpoint.tls);
    EXPECT_EQ(endpoint.host, "cache.internal");
    EXPECT_EQ(endpoint.port, 6379);
    EXPECT_EQ(endpoint.username, "");
    EXPECT_EQ(endpoint.password, "");
    EXPECT_EQ(endpoint.db, 0u);
}

TEST(RedisUrlTest, ReadsEveryPart) {
    const RedisEndpoint endpoint = parsed("redis://gateway:s3cr%40t@10.0.0.7:6380/3");
    EXPECT_EQ(endpoint.host, "10.0.0.7");
    EXPECT_EQ(endpoint.port, 6380);
    EXPECT_EQ(endpoint.username, "gateway");
    EXPECT_EQ(endpoint.password, "s3cr@t");
    EXPECT_EQ(endpoint.db, 3u);
}

TEST(RedisUrlTest, PasswordWithoutUser) {
    const RedisEndpoint endpoint = parsed("redis://:hunter2@localhost:6379");
    EXPECT_EQ(endpoint.username, "");
    EXPECT_EQ(endpoint.password, "hunter2");
}

TEST(RedisUrlTest, UserWithoutPassword) {
    const RedisEndpoint endpoint = parsed("redis://reader@localhost");
    EXPECT_EQ(endpoint.username, "reader");
    EXPECT_EQ(endpoint.password, "");
}

TEST(RedisUrlTest, RedissMeansTls) {
    const RedisEndpoint endpoint = parsed("rediss://redis.example.com:6380");
    EXPECT_TRUE(endpoint.tls);
    EXPECT_EQ(endpoint.port, 6380);
}

TEST(RedisUrlTest, SchemeIsCaseInsensitive) {
    EXPECT_TRUE(parsed("REDISS://h").tls);
    EXPECT_FALSE(parsed("Redis://h").tls);
}

TEST(RedisUrlTest, Ipv6HostHasNoBrackets) {
    const RedisEndpoint endpoint = parsed("redis://[::1]:7000/2");
    EXPECT_EQ(endpoint.host, "::1");
    EXPECT_EQ(endpoint.display_name(), "redis://[::1]:7000/2");
}

TEST(RedisUrlTest, TrailingSlashIsDatabaseZero) { EXPECT_EQ(parsed("redis://h/").db, 0u); }

TEST(RedisUrlTest, DisplayNameHasNoCredentials) {
    EXPECT_EQ(parsed("rediss://admin:hunter2@cache:6390/4").display_name(),
              "rediss://cache:6390/4");
}

TEST(RedisUrlTest, RejectsOtherSchemes) {
    EXPECT_THAT(error_of("http://cache:6379"), HasSubstr("redis:// or rediss://"));
}

TEST(RedisUrlTest, RejectsWhatIsNotAUrl) {
    EXPECT_THAT(error_of("cache.internal"), HasSubstr("not an absolute URL"));
    EXPECT_THAT(error_of(""), HasSubstr("not an absolute URL"));
}

TEST(RedisUrlTest, RejectsAMissingHost) {
    EXPECT_THAT(error_of("redis://"), HasSubstr("host is missing"));
    EXPECT_THAT(error_of("redis://:pw@:6379"), HasSubstr("host is missing"));
}

TEST(RedisUrlTest, RejectsBadPorts) {
    for (const char* url : {"redis://h:0", "redis://h:65536", "redis://h:99999999999"}) {
        EXPECT_THAT(error_of(url), HasSubstr("port must be a number")) << url;
    }
}

TEST(RedisUrlTest, RejectsBadDatabases) {
    for (const char* url :
         {"redis://h/abc", "redis://h/1/2", "redis://h/-1", "redis://h/4294967296"}) {
        EXPECT_THAT(error_of(url), HasSubstr("database number")) << url;
    }
}

TEST(RedisUrlTest, RejectsQueriesAndFragments) {
    EXPECT_THAT(error_of("redis://h/0?db=1"), HasSubstr("query"));
    EXPECT_THAT(error_of("rediss://h/#insecure"), HasSubstr("#insecure"));
}

TEST(RedisUrlTest, ErrorsNeverQuoteThePassword) {
    for (const char* url : {"redis://u:hunter2@h:99999", "redis://u:hunter2@h/x",
                            "http://u:hunter2@h", "redis://u:hunter2@h/0?a=b"}) {
        EXPECT_THAT(error_of(url), Not(HasSubstr("hunter2"))) << url;
    }
}

}  // namespace
}  // namespace gw::kv
