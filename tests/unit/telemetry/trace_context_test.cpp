// W3C traceparent/tracestate: the parsing rules of the spec and its test suite, and formatting.

#include "gw/telemetry/trace_context.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::telemetry {
namespace {

constexpr const char* kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceParent, ParsesTheSpecExample) {
    const auto p = parse_traceparent(kValid);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_EQ(p->parent_id.to_hex(), "00f067aa0ba902b7");
    EXPECT_EQ(p->flags, 0x01);
    EXPECT_TRUE(p->sampled());
}

TEST(TraceParent, SampledIsBitZeroOfTheFlags) {
    EXPECT_FALSE(
        parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")->sampled());
    EXPECT_FALSE(
        parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02")->sampled());
    EXPECT_TRUE(
        parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")->sampled());
}

TEST(TraceParent, IgnoresSurroundingWhitespace) {
    EXPECT_TRUE(parse_traceparent(std::string(" \t") + kValid + " "));
}

TEST(TraceParent, RejectsMalformedInput) {
    const char* bad[] = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",    // short
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",  // v00 too long
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-011",  // v00 too long
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",   // uppercase trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",   // uppercase span id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",   // uppercase flags
        "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // uppercase version
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",   // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",   // zero span id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // version ff
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // separator
        "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",   // separator
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01",   // separator
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",   // non-hex
        "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // non-hex version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-x1",   // non-hex flags
        "00-4bf92f3577b34da6a3ce929d0e0e4736--0f067aa0ba902b7-01",   // misplaced dash
    };
    for (const char* text : bad) EXPECT_FALSE(parse_traceparent(text)) << text;
}

TEST(TraceParent, FutureVersionsReadTheFirst55Characters) {
    const auto exact = parse_traceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    ASSERT_TRUE(exact);
    const auto longer = parse_traceparent(
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds");
    ASSERT_TRUE(longer);
    EXPECT_EQ(longer->trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_TRUE(longer->sampled());
    // Longer than 55 characters without a dash after the flags is invalid.
    EXPECT_FALSE(parse_traceparent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"));
}

TEST(TraceParent, FormatRoundTrips) {
    const auto trace = *TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
    const auto span = *SpanId::from_hex("00f067aa0ba902b7");
    EXPECT_EQ(format_traceparent(trace, span, true), kValid);
    const std::string unsampled = format_traceparent(trace, span, false);
    EXPECT_EQ(unsampled, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    const auto parsed = parse_traceparent(unsampled);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->trace_id, trace);
    EXPECT_EQ(parsed->parent_id, span);
    EXPECT_FALSE(parsed->sampled());
}

TEST(TraceState, KeepsWellFormedValuesVerbatim) {
    EXPECT_EQ(parse_tracestate("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
              "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    EXPECT_EQ(parse_tracestate(" a=1 , ,b@vendor=x y "), "a=1 , ,b@vendor=x y");
    EXPECT_EQ(parse_tracestate(""), "");
}

TEST(TraceState, DropsMalformedOrOversizedValues) {
    EXPECT_FALSE(parse_tracestate("novalue"));
    EXPECT_FALSE(parse_tracestate("=x"));
    EXPECT_FALSE(parse_tracestate("k="));
    EXPECT_FALSE(parse_tracestate("k=a=b"));
    EXPECT_FALSE(parse_tracestate("k=caf\xc3\xa9"));
    EXPECT_FALSE(parse_tracestate("k=a\x01"));
    EXPECT_FALSE(parse_tracestate("k=" + std::string(kMaxTraceStateSize, 'v')));
    std::string many;
    for (int i = 0; i < 33; ++i) many += "k" + std::to_string(i) + "=v,";
    EXPECT_FALSE(parse_tracestate(many));
    many.clear();
    for (int i = 0; i < 32; ++i) many += "k" + std::to_string(i) + "=v,";
    EXPECT_TRUE(parse_tracestate(many));
}

TEST(ExtractTraceContext, ReadsBothHeadersCaseInsensitively) {
    Headers h;
    h.add("TraceParent", kValid);
    h.add("TraceState", "a=1");
    h.add("tracestate", "b=2");
    const auto ctx = extract_trace_context(h);
    ASSERT_TRUE(ctx);
    EXPECT_TRUE(ctx->parent.sampled());
    EXPECT_EQ(ctx->trace_state, "a=1,b=2");
}

TEST(ExtractTraceContext, NoneWhenMissingInvalidOrDuplicated) {
    Headers none;
    none.add("tracestate", "a=1");
    EXPECT_FALSE(extract_trace_context(none));

    Headers invalid;
    invalid.add("traceparent", "garbage");
    EXPECT_FALSE(extract_trace_context(invalid));

    Headers twice;
    twice.add("traceparent", kValid);
    twice.add("traceparent", kValid);
    EXPECT_FALSE(extract_trace_context(twice));
}

TEST(ExtractTraceContext, BadTraceStateIsDroppedNotFatal) {
    Headers h;
    h.add("traceparent", kValid);
    h.add("tracestate", "not a list member");
    const auto ctx = extract_trace_context(h);
    ASSERT_TRUE(ctx);
    EXPECT_EQ(ctx->trace_state, "");
}

}  // namespace
}  // namespace gw::telemetry
