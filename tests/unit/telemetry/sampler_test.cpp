// Head sampling: off, always, parent-based and deterministic trace-id ratio.

#include "gw/telemetry/sampler.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace gw::telemetry {
namespace {

TraceId id_with_random_part(std::uint64_t low) {
    TraceId::Bytes bytes{};
    bytes[0] = 0xab;  // the high half must not matter
    for (int i = 0; i < 8; ++i)
        bytes[15 - static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(low >> (8 * i));
    return TraceId(bytes);
}

TraceContext incoming(bool sampled) {
    return {
        *parse_traceparent(std::string("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-") +
                           (sampled ? "01" : "00")),
        ""};
}

TEST(Sampler, ZeroNegativeAndNanNeverRecord) {
    for (double rate : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN()}) {
        const Sampler sampler(rate);
        EXPECT_FALSE(sampler.enabled());
        EXPECT_FALSE(sampler.decide(std::nullopt, id_with_random_part(0)).record);
        EXPECT_FALSE(sampler.decide(incoming(true)).record);
    }
}

TEST(Sampler, DisabledPassesTheIncomingContextThrough) {
    const SamplingDecision d = Sampler(0).decide(incoming(true));
    EXPECT_FALSE(d.record);
    EXPECT_TRUE(d.sampled_flag);
    EXPECT_EQ(d.trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
    ASSERT_TRUE(d.parent_span_id);
    EXPECT_EQ(d.parent_span_id->to_hex(), "00f067aa0ba902b7");
}

TEST(Sampler, HundredAndAboveAlwaysSampleNewTraces) {
    for (double rate : {100.0, 250.0}) {
        const Sampler sampler(rate);
        const TraceId max_id = id_with_random_part(std::numeric_limits<std::uint64_t>::max());
        const SamplingDecision d = sampler.decide(std::nullopt, max_id);
        EXPECT_TRUE(d.record);
        EXPECT_TRUE(d.sampled_flag);
        EXPECT_EQ(d.trace_id, max_id);
        EXPECT_FALSE(d.parent_span_id);
    }
}

TEST(Sampler, IncomingFlagDecidesWhateverTheRatio) {
    const Sampler rare(0.001);
    const SamplingDecision yes = rare.decide(incoming(true), id_with_random_part(~0ULL));
    EXPECT_TRUE(yes.record);
    EXPECT_TRUE(yes.sampled_flag);
    EXPECT_EQ(yes.trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
    const SamplingDecision no = Sampler(100).decide(incoming(false));
    EXPECT_FALSE(no.record);
    EXPECT_FALSE(no.sampled_flag);
    ASSERT_TRUE(no.parent_span_id);
}

TEST(Sampler, RatioComparesTheLowEightBytesWithTheThreshold) {
    const Sampler half(50);  // threshold 2^63
    EXPECT_TRUE(half.ratio_sampled(id_with_random_part(0)));
    EXPECT_TRUE(half.ratio_sampled(id_with_random_part((1ULL << 63) - 1)));
    EXPECT_FALSE(half.ratio_sampled(id_with_random_part(1ULL << 63)));
    const Sampler fraction(0.5);  // 1/200 of 2^64
    const auto threshold = static_cast<std::uint64_t>(std::ldexp(0.005, 64));
    EXPECT_TRUE(fraction.ratio_sampled(id_with_random_part(threshold - 1)));
    EXPECT_FALSE(fraction.ratio_sampled(id_with_random_part(threshold)));
}

TEST(Sampler, DecisionIsDeterministicForATraceId) {
    const Sampler sampler(30);
    for (int i = 0; i < 100; ++i) {
        const TraceId id = TraceId::random();
        const bool first = sampler.decide(std::nullopt, id).record;
        EXPECT_EQ(sampler.decide(std::nullopt, id).record, first);
        EXPECT_EQ(Sampler(30).decide(std::nullopt, id).record, first);
    }
}

TEST(Sampler, RandomTracesAreSampledAtRoughlyTheRate) {
    const Sampler sampler(25);
    int sampled = 0;
    constexpr int kTrials = 20000;
    for (int i = 0; i < kTrials; ++i) sampled += sampler.decide(std::nullopt).record ? 1 : 0;
    // Binomial sd is ~61; 10 sd keeps this test from ever flaking.
    EXPECT_NEAR(sampled, kTrials / 4, 610);
}

}  // namespace
}  // namespace gw::telemetry
