// Trace and span ids: hex round trips, strict parsing, and random ids that are never invalid.

#include "gw/telemetry/ids.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace gw::telemetry {
namespace {

TEST(Ids, DefaultIsAllZeroAndInvalid) {
    EXPECT_FALSE(TraceId{}.valid());
    EXPECT_FALSE(SpanId{}.valid());
    EXPECT_EQ(TraceId{}.to_hex(), std::string(32, '0'));
}

TEST(Ids, HexRoundTrip) {
    const auto trace = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
    ASSERT_TRUE(trace);
    EXPECT_EQ(trace->bytes()[0], 0x4b);
    EXPECT_EQ(trace->bytes()[15], 0x36);
    EXPECT_EQ(trace->to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
    const auto span = SpanId::from_hex("00f067aa0ba902b7");
    ASSERT_TRUE(span);
    EXPECT_EQ(span->to_hex(), "00f067aa0ba902b7");
}

TEST(Ids, FromHexRejectsUppercaseWrongLengthNonHexAndZero) {
    EXPECT_FALSE(TraceId::from_hex("4BF92F3577B34DA6A3CE929D0E0E4736"));
    EXPECT_FALSE(TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e473"));
    EXPECT_FALSE(TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e47361"));
    EXPECT_FALSE(TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e473g"));
    EXPECT_FALSE(TraceId::from_hex(std::string(32, '0')));
    EXPECT_FALSE(SpanId::from_hex("0000000000000000"));
    EXPECT_FALSE(SpanId::from_hex(""));
}

TEST(Ids, RandomIdsAreValidAndDistinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const TraceId trace = TraceId::random();
        const SpanId span = SpanId::random();
        EXPECT_TRUE(trace.valid());
        EXPECT_TRUE(span.valid());
        seen.insert(trace.to_hex());
        seen.insert(span.to_hex());
    }
    EXPECT_EQ(seen.size(), 2000u);
}

// Ids are filled a word at a time: every byte, the last ones of a 16-byte id included, must
// come from the generator (the sampler decides by the low eight).
TEST(Ids, EveryByteOfARandomIdVaries) {
    std::array<std::set<std::uint8_t>, 16> trace_bytes;
    std::array<std::set<std::uint8_t>, 8> span_bytes;
    for (int i = 0; i < 64; ++i) {
        const TraceId trace = TraceId::random();
        const SpanId span = SpanId::random();
        for (std::size_t b = 0; b < trace_bytes.size(); ++b)
            trace_bytes[b].insert(trace.bytes()[b]);
        for (std::size_t b = 0; b < span_bytes.size(); ++b) span_bytes[b].insert(span.bytes()[b]);
    }
    for (const auto& values : trace_bytes) EXPECT_GT(values.size(), 16u);
    for (const auto& values : span_bytes) EXPECT_GT(values.size(), 16u);
}

TEST(Ids, RandomPartIsTheLowEightBytesBigEndian) {
    const auto id = TraceId::from_hex("ffffffffffffffff0000000000000102");
    ASSERT_TRUE(id);
    EXPECT_EQ(random_part(*id), 0x0102u);
}

}  // namespace
}  // namespace gw::telemetry

namespace gw::telemetry {
namespace {

TEST(Ids, RandomUuidV4HasTheVersionAndVariantBits) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string id = random_uuid_v4();
        ASSERT_EQ(id.size(), 36u);
        EXPECT_EQ(id[8], '-');
        EXPECT_EQ(id[13], '-');
        EXPECT_EQ(id[18], '-');
        EXPECT_EQ(id[23], '-');
        EXPECT_EQ(id[14], '4');
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace gw::telemetry
