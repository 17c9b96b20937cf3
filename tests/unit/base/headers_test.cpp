#include "gw/base/headers.hpp"

#include <gtest/gtest.h>

namespace gw {
namespace {

TEST(Headers, LookupIsCaseInsensitiveAndKeepsOriginalCase) {
    Headers h;
    h.add("Content-Type", "application/json");
    EXPECT_EQ(h.get("content-type"), "application/json");
    EXPECT_EQ(h.fields()[0].first, "Content-Type");
    EXPECT_FALSE(h.get("accept").has_value());
}

TEST(Headers, SetReplacesAllDuplicatesAtFirstPosition) {
    Headers h;
    h.add("A", "1");
    h.add("x-key", "old1");
    h.add("B", "2");
    h.add("X-Key", "old2");
    h.set("X-KEY", "new");
    ASSERT_EQ(h.size(), 3u);
    EXPECT_EQ(h.fields()[1].first, "x-key");
    EXPECT_EQ(h.fields()[1].second, "new");
    EXPECT_EQ(h.fields()[2].first, "B");
}

TEST(Headers, SetAppendsWhenAbsentAndRemoveDeletesAll) {
    Headers h;
    h.set("Authorization", "Bearer x");
    h.add("authorization", "Bearer y");
    EXPECT_EQ(h.size(), 2u);
    h.remove("AUTHORIZATION");
    EXPECT_TRUE(h.empty());
}

TEST(Strings, PrefixAndLowerHelpers) {
    EXPECT_TRUE(istarts_with("X-Katanemo-User", "x-katanemo-"));
    EXPECT_FALSE(istarts_with("x-kat", "x-katanemo-"));
    EXPECT_EQ(to_lower("MiXeD-1"), "mixed-1");
}

TEST(Headers, WireSizeIsTheLengthOfTheHeaderLines) {
    Headers h;
    EXPECT_EQ(h.wire_size(), 0u);
    h.add("Host", "a");
    h.add("X-Id", "42");
    std::string lines;
    for (const auto& [name, value] : h.fields()) lines += name + ": " + value + "\r\n";
    EXPECT_EQ(h.wire_size(), lines.size());
}

}  // namespace
}  // namespace gw
