#include "gw/mock/fault_script.hpp"

#include <gtest/gtest.h>

namespace gw::mock {
namespace {

TEST(FaultScript, DefaultsWhenNoHeaders) {
    const auto script = parse_fault_script({});
    EXPECT_FALSE(script.status);
    EXPECT_EQ(script.delay.count(), 0);
    EXPECT_EQ(script.chunk_delay.count(), 0);
    EXPECT_FALSE(script.chunks);
    EXPECT_FALSE(script.break_after);
    EXPECT_EQ(script.body_bytes, 0U);
    EXPECT_FALSE(script.tool_call);
    EXPECT_FALSE(script.tool_args);
    EXPECT_FALSE(script.cached_tokens);
}

TEST(FaultScript, ReadsEveryHeaderCaseInsensitively) {
    Headers h;
    h.add("X-Mock-Status", "429");
    h.add("x-mock-delay-ms", "15");
    h.add("x-mock-chunk-delay-ms", "3");
    h.add("x-mock-chunks", "7");
    h.add("x-mock-break-after", "2");
    h.add("x-mock-body-bytes", "4096");
    const auto script = parse_fault_script(h);
    EXPECT_EQ(script.status, 429U);
    EXPECT_EQ(script.delay.count(), 15);
    EXPECT_EQ(script.chunk_delay.count(), 3);
    EXPECT_EQ(script.chunks, 7U);
    EXPECT_EQ(script.break_after, 2U);
    EXPECT_EQ(script.body_bytes, 4096U);
}

TEST(FaultScript, ReadsToolCallAndCachedTokens) {
    Headers h;
    h.add("X-Mock-Tool-Call", "get_weather");
    h.add("x-mock-tool-args", R"({"city": "Paris"})");
    h.add("x-mock-cached-tokens", "12");
    const auto script = parse_fault_script(h);
    EXPECT_EQ(script.tool_call, "get_weather");
    EXPECT_EQ(script.tool_args, R"({"city": "Paris"})");
    EXPECT_EQ(script.cached_tokens, 12U);
}

TEST(FaultScript, IgnoresGarbageAndClampsHugeValues) {
    Headers h;
    h.add("x-mock-status", "42x");
    h.add("x-mock-delay-ms", "99999999999");
    h.add("x-mock-chunks", "-1");
    h.add("x-mock-cached-tokens", "many");
    const auto script = parse_fault_script(h);
    EXPECT_FALSE(script.status);
    EXPECT_EQ(script.delay.count(), 60'000);
    EXPECT_FALSE(script.chunks);
    EXPECT_FALSE(script.cached_tokens);
}

TEST(FaultScript, ZeroChunksIsIgnored) {
    Headers h;
    h.add("x-mock-chunks", "0");
    EXPECT_FALSE(parse_fault_script(h).chunks);
}

}  // namespace
}  // namespace gw::mock
