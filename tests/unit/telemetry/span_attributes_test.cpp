// Custom span attributes from config: static values, header prefixes, precedence, secrets.

#include "gw/telemetry/span_attributes.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::telemetry {
namespace {

std::string str(const Attributes& a, std::string_view key) {
    const auto v = a.find(key);
    return v ? std::get<std::string>(*v) : "<missing>";
}

TEST(SpanAttributes, StaticFirstInConfigOrder) {
    config::SpanAttributes cfg;
    cfg.static_attributes = {{"env", "prod"}, {"region", "eu"}};
    const Attributes a = custom_span_attributes(cfg, Headers{});
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a.items().front().key, "env");
    EXPECT_EQ(str(a, "region"), "eu");
}

TEST(SpanAttributes, HeaderPrefixStrippedDashesToDotsLowercased) {
    config::SpanAttributes cfg;
    cfg.header_prefixes = {"x-katanemo-"};
    Headers h;
    h.add("X-Katanemo-Tenant-Id", "ten_456");
    h.add("x-katanemo-user_name", "Ann");
    h.add("x-other-thing", "ignored");
    const Attributes a = custom_span_attributes(cfg, h);
    EXPECT_EQ(a.size(), 2u);
    EXPECT_EQ(str(a, "tenant.id"), "ten_456");
    EXPECT_EQ(str(a, "user_name"), "Ann");
}

TEST(SpanAttributes, PrefixMatchIsCaseInsensitive) {
    config::SpanAttributes cfg;
    cfg.header_prefixes = {"X-Team-"};
    Headers h;
    h.add("x-team-name", "core");
    EXPECT_EQ(str(custom_span_attributes(cfg, h), "name"), "core");
}

TEST(SpanAttributes, HeaderOverridesStaticAndLastHeaderWins) {
    config::SpanAttributes cfg;
    cfg.static_attributes = {{"tenant", "default"}, {"env", "prod"}};
    cfg.header_prefixes = {"x-app-"};
    Headers h;
    h.add("x-app-tenant", "first");
    h.add("X-App-Tenant", "second");
    const Attributes a = custom_span_attributes(cfg, h);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a.items().front().key, "tenant");
    EXPECT_EQ(str(a, "tenant"), "second");
    EXPECT_EQ(str(a, "env"), "prod");
}

TEST(SpanAttributes, FirstMatchingPrefixInConfigOrderIsStripped) {
    config::SpanAttributes cfg;
    cfg.header_prefixes = {"x-", "x-app-"};
    Headers h;
    h.add("x-app-id", "7");
    EXPECT_EQ(str(custom_span_attributes(cfg, h), "app.id"), "7");
}

TEST(SpanAttributes, SkipsEmptyKeysBadValuesEmptyPrefixesAndCredentials) {
    config::SpanAttributes cfg;
    cfg.header_prefixes = {"", "x-"};
    Headers h;
    h.add("x-", "empty key");
    h.add("x--", "empty key too");
    h.add("x-bin", "caf\xc3\xa9");
    h.add("x-ctl", "a\x01");
    h.add("x-api-key", "sk-secret");
    h.add("X-Goog-Api-Key", "secret");
    h.add("authorization", "Bearer secret");
    h.add("x-trimmed", "  value \t");
    const Attributes a = custom_span_attributes(cfg, h);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(str(a, "trimmed"), "value");
}

TEST(SpanAttributes, NoPrefixesMeansStaticOnly) {
    config::SpanAttributes cfg;
    cfg.static_attributes = {{"env", "prod"}};
    Headers h;
    h.add("x-app-id", "7");
    EXPECT_EQ(custom_span_attributes(cfg, h).size(), 1u);
}

}  // namespace
}  // namespace gw::telemetry
