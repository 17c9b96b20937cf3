// Span record helpers: event limit, error status, time conversion.

#include "gw/telemetry/span.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace gw::telemetry {
namespace {

TEST(Span, EventsBeyondTheLimitAreCounted) {
    Span span;
    for (std::size_t i = 0; i < kDefaultEventLimit + 3; ++i) span.add_event({"e", {}, {}});
    EXPECT_EQ(span.events.size(), kDefaultEventLimit);
    EXPECT_EQ(span.dropped_events, 3u);
}

TEST(Span, SetErrorRecordsCodeAndMessage) {
    Span span;
    EXPECT_EQ(span.status.code, StatusCode::Unset);
    span.set_error("upstream timeout");
    EXPECT_EQ(span.status, (SpanStatus{StatusCode::Error, "upstream timeout"}));
}

TEST(Span, UnixNanosCountsFromTheEpochAndClampsNegatives) {
    EXPECT_EQ(unix_nanos(UnixTime{std::chrono::nanoseconds{1'700'000'000'123'456'789}}),
              1'700'000'000'123'456'789u);
    EXPECT_EQ(unix_nanos(UnixTime{std::chrono::nanoseconds{-1}}), 0u);
    EXPECT_GT(unix_nanos(unix_now()), 1'600'000'000'000'000'000u);
}

}  // namespace
}  // namespace gw::telemetry
