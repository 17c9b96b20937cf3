// OTLP/JSON decoding: the shape OpenTelemetry SDKs send over OTLP/HTTP JSON, and malformed input.

#include "gw/collector/otlp_json_decode.hpp"

#include "gw/collector/otlp_decode.hpp"

#include <gtest/gtest.h>

#include "sample_spans.hpp"
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace gw::collector {
namespace {

using namespace gw::collector::testing;
using telemetry::StringArray;

constexpr std::string_view kFull = R"json({
  "resourceSpans": [{
    "resource": {"attributes": [
      {"key": "service.name", "value": {"stringValue": "plano(llm)"}},
      {"key": "pid", "value": {"intValue": 42}}]},
    "schemaUrl": "ignored",
    "scopeSpans": [{
      "scope": {"name": "plano"},
      "spans": [{
        "traceId": "4BF92F3577B34DA6A3CE929D0E0E4736",
        "spanId": "00f067aa0ba902b7",
        "parentSpanId": "1111111111111111",
        "traceState": "rojo=1",
        "name": "POST /v1/chat/completions",
        "kind": 2,
        "startTimeUnixNano": "1700000000000000001",
        "endTimeUnixNano": 1700000000250000002,
        "attributes": [
          {"key": "s", "value": {"stringValue": "h\u00e9llo"}},
          {"key": "i", "value": {"intValue": "-9223372036854775808"}},
          {"key": "d", "value": {"doubleValue": 0.7}},
          {"key": "nan", "value": {"doubleValue": "NaN"}},
          {"key": "b", "value": {"boolValue": true}},
          {"key": "a", "value": {"arrayValue": {"values": [
            {"stringValue": "stop"}, {"intValue": 3}]}}},
          {"key": "map", "value": {"kvlistValue": {"values": [
            {"key": "x", "value": {"intValue": 1}}]}}},
          {"key": "raw", "value": {"bytesValue": "AQI="}},
          {"key": "none", "value": {}}],
        "events": [{"timeUnixNano": "5", "name": "exception", "attributes": [
          {"key": "exception.message", "value": {"stringValue": "boom"}}]}],
        "links": [{"traceId": "zz"}],
        "status": {"code": "STATUS_CODE_ERROR", "message": "failed"},
        "unknownField": {"deep": [1, 2, 3]}
      }, {
        "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
        "spanId": "00f067aa0ba902b8",
        "parentSpanId": "",
        "kind": "SPAN_KIND_CLIENT",
        "status": null
      }]
    }]
  }]
})json";

TEST(OtlpJsonDecode, DecodesEveryField) {
    const Result<std::vector<StoredSpan>> out = decode_export_request_json(kFull);
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->size(), 2u);
    const StoredSpan& s = (*out)[0];
    EXPECT_EQ(s.trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_EQ(s.span_id.to_hex(), "00f067aa0ba902b7");
    ASSERT_TRUE(s.parent_span_id);
    EXPECT_EQ(s.parent_span_id->to_hex(), "1111111111111111");
    EXPECT_EQ(s.trace_state, "rojo=1");
    EXPECT_EQ(s.name, "POST /v1/chat/completions");
    EXPECT_EQ(s.kind, telemetry::SpanKind::Server);
    EXPECT_EQ(s.start_time, at(1'700'000'000'000'000'001));
    EXPECT_EQ(s.end_time, at(1'700'000'000'250'000'002));
    ASSERT_EQ(s.attributes.size(), 6u);
    EXPECT_EQ(s.attributes[0], (telemetry::Attribute{"s", std::string("h\xc3\xa9llo")}));
    EXPECT_EQ(s.attributes[1],
              (telemetry::Attribute{"i", std::numeric_limits<std::int64_t>::min()}));
    EXPECT_EQ(s.attributes[2], (telemetry::Attribute{"d", 0.7}));
    EXPECT_TRUE(std::isnan(std::get<double>(s.attributes[3].value)));
    EXPECT_EQ(s.attributes[4], (telemetry::Attribute{"b", true}));
    EXPECT_EQ(s.attributes[5], (telemetry::Attribute{"a", StringArray{"stop", "3"}}));
    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_EQ(s.events[0].name, "exception");
    EXPECT_EQ(s.events[0].time, at(5));
    EXPECT_EQ(s.status.code, telemetry::StatusCode::Error);
    EXPECT_EQ(s.status.message, "failed");
    EXPECT_EQ(s.service_name, "plano(llm)");
    ASSERT_EQ(s.resource_attributes.size(), 2u);
    EXPECT_EQ(s.resource_attributes[1], (telemetry::Attribute{"pid", std::int64_t{42}}));

    const StoredSpan& root = (*out)[1];
    EXPECT_EQ(root.parent_span_id, std::nullopt);
    EXPECT_EQ(root.kind, telemetry::SpanKind::Client);
    EXPECT_EQ(root.service_name, "plano(llm)");
}

TEST(OtlpJsonDecode, EmptyRequestsHaveNoSpans) {
    for (const char* text : {"{}", R"({"resourceSpans":[]})", R"({"resourceSpans":null})",
                             R"({"resourceSpans":[{"scopeSpans":[{}]}]})"}) {
        const Result<std::vector<StoredSpan>> out = decode_export_request_json(text);
        ASSERT_TRUE(out) << text;
        EXPECT_TRUE(out->empty()) << text;
    }
}

constexpr std::string_view kTraceIdField = R"("traceId":"4bf92f3577b34da6a3ce929d0e0e4736")";

// Later duplicate keys replace earlier ones, so `span_fields` can override the valid ids.
std::string with_span(const std::string& span_fields) {
    return R"({"resourceSpans":[{"scopeSpans":[{"spans":[{)" + std::string(kTraceIdField) +
           R"(,"spanId":"00f067aa0ba902b7")" + span_fields + "}]}]}]}";
}
std::string with_value(const std::string& any_value) {
    return with_span(R"(,"attributes":[{"key":"k","value":)" + any_value + "}]");
}

TEST(OtlpJsonDecode, MalformedInputsAreErrors) {
    std::string deep = R"({"stringValue":"leaf"})";
    for (std::size_t i = 0; i < kMaxValueDepth; ++i) {
        deep = R"({"arrayValue":{"values":[)" + deep + "]}}";
    }
    const std::vector<std::string> cases = {
        "",
        "[]",
        "{",
        R"({"resourceSpans":{}})",
        R"({"resourceSpans":[1]})",
        R"({"resourceSpans":[{"scopeSpans":[{"spans":[{}]}]}]})",
        R"({"resourceSpans":[{"scopeSpans":[{"spans":[{)" + std::string(kTraceIdField) + "}]}]}]}",
        R"({"resourceSpans":[{"resource":[]}]})",
        with_span(R"(,"traceId":"4bf92f3577b34da6a3ce929d0e0e473")"),
        with_span(R"(,"traceId":"00000000000000000000000000000000")"),
        with_span(R"(,"spanId":"00f067aa0ba902bg")"),
        with_span(R"(,"parentSpanId":"1234")"),
        with_span(R"(,"name":7)"),
        with_span(R"(,"kind":6)"),
        with_span(R"(,"kind":"SPAN_KIND_NOPE")"),
        with_span(R"(,"kind":2.5)"),
        with_span(R"(,"startTimeUnixNano":-1)"),
        with_span(R"(,"startTimeUnixNano":"12x")"),
        with_span(R"(,"startTimeUnixNano":18446744073709551615)"),
        with_span(R"(,"status":{"code":3})"),
        with_span(R"(,"status":"ERROR")"),
        with_span(R"(,"events":[{"name":1}])"),
        with_span(R"(,"attributes":{})"),
        with_value(R"({"intValue":"1e3"})"),
        with_value(R"({"intValue":9223372036854775808})"),
        with_value(R"({"doubleValue":"0.5"})"),
        with_value(R"({"boolValue":"true"})"),
        with_value(R"({"stringValue":1})"),
        with_value(R"({"arrayValue":[]})"),
        with_value(R"({"kvlistValue":{"values":[{"key":1}]}})"),
        with_value(deep),
        with_span(",\"name\":\"\xff\""),
    };
    for (const std::string& text : cases) {
        const Result<std::vector<StoredSpan>> out = decode_export_request_json(text);
        EXPECT_FALSE(out) << text;
        if (!out) {
            EXPECT_EQ(out.error().kind, Error::Kind::Protocol) << text;
        }
    }
}

TEST(OtlpJsonDecode, EveryTruncationIsAnError) {
    for (std::size_t n = 0; n < kFull.size(); ++n) {
        EXPECT_FALSE(decode_export_request_json(kFull.substr(0, n))) << n;
    }
}

TEST(OtlpJsonDecode, DeeplyNestedJsonIsRejectedWithoutRecursionBlowUp) {
    const std::string text = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_FALSE(decode_export_request_json(text));
}

}  // namespace
}  // namespace gw::collector
