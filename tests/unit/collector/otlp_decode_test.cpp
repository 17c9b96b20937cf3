// The protobuf decoder against our encoder, against libprotobuf's serializer, and against every
// kind of malformed input we could think of: truncations at each offset and random bit flips.

#include "gw/collector/otlp_decode.hpp"

#include "gw/telemetry/otlp_encode.hpp"

#include <gtest/gtest.h>

#include "sample_spans.hpp"
#include <cstdint>
#include <limits>
#include <opentelemetry/proto/collector/trace/v1/trace_service.pb.h>
#include <random>
#include <string>
#include <vector>

namespace gw::collector {
namespace {

using namespace gw::collector::testing;
namespace pb_collector = opentelemetry::proto::collector::trace::v1;
namespace pb_trace = opentelemetry::proto::trace::v1;
using telemetry::AttributeValue;
using telemetry::StringArray;

// Hand-built wire bytes, for inputs no serializer would produce.
std::string varint(std::uint64_t v) {
    std::string out;
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
    return out;
}
std::string tag(std::uint32_t field, std::uint32_t type) { return varint(field << 3 | type); }
std::string len(std::uint32_t field, const std::string& payload) {
    return tag(field, 2) + varint(payload.size()) + payload;
}
std::string bytes_of(const auto& id) {
    return {reinterpret_cast<const char*>(id.bytes().data()), id.bytes().size()};
}
// A span with valid ids, then `rest`.
std::string span_payload(const std::string& rest) {
    return len(1, bytes_of(trace_id(1))) + len(2, bytes_of(span_id(1))) + rest;
}
std::string request_with_span(const std::string& payload) {
    return len(1, len(2, len(2, payload)));
}
std::string request_with_attribute_value(const std::string& any_value) {
    return request_with_span(span_payload(len(9, len(1, "k") + len(2, any_value))));
}
std::string nested_arrays(std::size_t depth) {
    std::string value = len(1, "leaf");
    for (std::size_t i = 0; i < depth; ++i) value = len(5, len(1, value));
    return value;
}

TEST(OtlpDecode, EncoderOutputRoundTrips) {
    const std::vector<telemetry::Span> spans = {full_gateway_span(),
                                                gateway_span(7, 2, "plano(outbound)"),
                                                gateway_span(8, 3, "plano(llm)")};
    const Result<std::vector<StoredSpan>> out =
        decode_export_request(telemetry::encode_export_request(spans));
    ASSERT_TRUE(out) << out.error().message;
    // The encoder groups by service: llm spans first, then outbound.
    ASSERT_EQ(out->size(), 3u);
    EXPECT_EQ((*out)[0], stored(spans[0]));
    EXPECT_EQ((*out)[1], stored(spans[2]));
    EXPECT_EQ((*out)[2], stored(spans[1]));
}

TEST(OtlpDecode, EmptyRequestHasNoSpans) {
    const Result<std::vector<StoredSpan>> out = decode_export_request("");
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->empty());
}

TEST(OtlpDecode, LibprotobufOutputDecodes) {
    pb_collector::ExportTraceServiceRequest request;
    auto* rs = request.add_resource_spans();
    rs->set_schema_url("https://opentelemetry.io/schemas/1.21.0");
    auto* service = rs->mutable_resource()->add_attributes();
    service->set_key("service.name");
    service->mutable_value()->set_string_value("travel-agent");
    auto* host = rs->mutable_resource()->add_attributes();
    host->set_key("host.name");
    host->mutable_value()->set_string_value("box");
    auto* ss = rs->add_scope_spans();
    ss->mutable_scope()->set_name("opentelemetry.instrumentation.httpx");
    auto* span = ss->add_spans();
    span->set_trace_id(bytes_of(trace_id(3)));
    span->set_span_id(bytes_of(span_id(4)));
    span->set_parent_span_id(std::string(8, '\0'));  // the invalid id: a root span
    span->set_name("GET /weather");
    span->set_kind(pb_trace::Span::SPAN_KIND_UNSPECIFIED);
    span->set_start_time_unix_nano(10);
    span->set_end_time_unix_nano(20);
    span->set_dropped_attributes_count(3);
    auto* ints = span->add_attributes();
    ints->set_key("codes");
    ints->mutable_value()->mutable_array_value()->add_values()->set_int_value(-7);
    ints->mutable_value()->mutable_array_value()->add_values()->set_bool_value(true);
    ints->mutable_value()->mutable_array_value()->add_values()->set_double_value(0.5);
    auto* map = span->add_attributes();
    map->set_key("map");
    auto* entry = map->mutable_value()->mutable_kvlist_value()->add_values();
    entry->set_key("inner");
    entry->mutable_value()->set_int_value(1);
    auto* raw = span->add_attributes();
    raw->set_key("raw");
    raw->mutable_value()->set_bytes_value("\x01\x02");
    auto* dup = span->add_attributes();
    dup->set_key("codes");  // a repeated key: the last value wins
    dup->mutable_value()->set_string_value("last");
    auto* link = span->add_links();
    link->set_trace_id(bytes_of(trace_id(5)));
    link->set_span_id(bytes_of(span_id(6)));
    span->mutable_status()->set_code(pb_trace::Status::STATUS_CODE_OK);

    const Result<std::vector<StoredSpan>> out = decode_export_request(request.SerializeAsString());
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->size(), 1u);
    const StoredSpan& s = (*out)[0];
    EXPECT_EQ(s.trace_id, trace_id(3));
    EXPECT_EQ(s.span_id, span_id(4));
    EXPECT_EQ(s.parent_span_id, std::nullopt);
    EXPECT_EQ(s.name, "GET /weather");
    EXPECT_EQ(static_cast<int>(s.kind), 0);
    EXPECT_EQ(s.start_time, at(10));
    EXPECT_EQ(s.end_time, at(20));
    EXPECT_EQ(s.status.code, telemetry::StatusCode::Ok);
    EXPECT_EQ(s.service_name, "travel-agent");
    const AttributeList resource = {{"service.name", std::string("travel-agent")},
                                    {"host.name", std::string("box")}};
    EXPECT_EQ(s.resource_attributes, resource);
    // Arrays of scalars become text; key-value lists and bytes have no stored form.
    const AttributeList attributes = {{"codes", std::string("last")}};
    EXPECT_EQ(s.attributes, attributes);

    ints->mutable_value()->Clear();
    ints->mutable_value()->mutable_array_value()->add_values()->set_int_value(-7);
    ints->mutable_value()->mutable_array_value()->add_values()->set_bool_value(true);
    ints->mutable_value()->mutable_array_value()->add_values()->set_double_value(0.5);
    span->mutable_attributes()->RemoveLast();
    const Result<std::vector<StoredSpan>> arrays =
        decode_export_request(request.SerializeAsString());
    ASSERT_TRUE(arrays);
    const AttributeList array_attributes = {{"codes", StringArray{"-7", "true", "0.5"}}};
    EXPECT_EQ((*arrays)[0].attributes, array_attributes);
}

TEST(OtlpDecode, ResourceAfterSpansStillApplies) {
    // Two serialized messages concatenated merge: here the resource comes after the spans.
    const std::string scope = len(2, len(2, span_payload("")));
    const std::string resource = len(1, len(1, len(1, "service.name") + len(2, len(1, "late"))));
    const Result<std::vector<StoredSpan>> out = decode_export_request(len(1, scope + resource));
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->size(), 1u);
    EXPECT_EQ((*out)[0].service_name, "late");
}

TEST(OtlpDecode, UnknownFieldsOfEveryWireTypeAreSkipped) {
    const std::string unknown = tag(99, 0) + varint(300) + tag(98, 1) + std::string(8, 'x') +
                                len(97, "opaque") + tag(96, 5) + std::string(4, 'y');
    const std::string bytes =
        unknown + len(1, unknown + len(2, unknown + len(2, span_payload(unknown))));
    const Result<std::vector<StoredSpan>> out = decode_export_request(bytes);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->size(), 1u);
}

TEST(OtlpDecode, MalformedInputsAreErrors) {
    const std::string ok_span = span_payload("");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"truncated varint", "\x0a"},
        {"length past the end", "\x0a\x05\x12"},
        {"eleven-byte varint", tag(1, 0) + std::string(10, '\xff') + '\x01'},
        {"tenth varint byte too big", tag(99, 0) + std::string(9, '\xff') + '\x02'},
        {"field number zero", tag(0, 0) + varint(1)},
        {"start group", tag(5, 3)},
        {"end group", tag(5, 4)},
        {"wire type 6", tag(5, 6)},
        {"resource_spans as varint", tag(1, 0) + varint(1)},
        {"span name as varint", request_with_span(ok_span + tag(5, 0) + varint(1))},
        {"kind as bytes", request_with_span(ok_span + len(6, "x"))},
        {"start as varint", request_with_span(ok_span + tag(7, 0) + varint(1))},
        {"short trace id",
         request_with_span(len(1, std::string(15, 'a')) + len(2, bytes_of(span_id(1))))},
        {"long span id",
         request_with_span(len(1, bytes_of(trace_id(1))) + len(2, std::string(9, 'a')))},
        {"zero trace id",
         request_with_span(len(1, std::string(16, '\0')) + len(2, bytes_of(span_id(1))))},
        {"missing span id", request_with_span(len(1, bytes_of(trace_id(1))))},
        {"4-byte parent id", request_with_span(ok_span + len(4, "abcd"))},
        {"name not UTF-8", request_with_span(ok_span + len(5, "\xff\xfe"))},
        {"kind 6", request_with_span(ok_span + tag(6, 0) + varint(6))},
        {"status code 3", request_with_span(ok_span + len(15, tag(3, 0) + varint(3)))},
        {"time above INT64_MAX", request_with_span(ok_span + tag(7, 1) + std::string(8, '\xff'))},
        {"event name as varint", request_with_span(ok_span + len(11, tag(2, 0) + varint(1)))},
        {"attribute key not UTF-8",
         request_with_span(span_payload(len(9, len(1, "\xc3") + len(2, len(1, "v")))))},
        {"double as varint", request_with_attribute_value(tag(4, 0) + varint(1))},
        {"broken kvlist", request_with_attribute_value(len(6, len(1, tag(1, 0) + varint(1))))},
        {"values nested too deep", request_with_attribute_value(nested_arrays(kMaxValueDepth))},
        {"truncated inner span", request_with_span(ok_span).substr(0, 10)},
    };
    for (const auto& [what, bytes] : cases) {
        const Result<std::vector<StoredSpan>> out = decode_export_request(bytes);
        EXPECT_FALSE(out) << what;
        if (!out) {
            EXPECT_EQ(out.error().kind, Error::Kind::Protocol) << what;
        }
    }
    EXPECT_TRUE(
        decode_export_request(request_with_attribute_value(nested_arrays(kMaxValueDepth - 1))));
}

TEST(OtlpDecode, EveryTruncationOfOneResourceIsAnError) {
    const std::string bytes = telemetry::encode_export_request(
        std::vector<telemetry::Span>{full_gateway_span(), gateway_span(7, 2, "plano(llm)")});
    for (std::size_t n = 1; n < bytes.size(); ++n) {
        EXPECT_FALSE(decode_export_request(std::string_view(bytes).substr(0, n))) << n;
    }
}

TEST(OtlpDecode, TruncationsAcrossResourcesGiveWholeResourcesOrNothing) {
    const std::vector<telemetry::Span> spans = {full_gateway_span(),
                                                gateway_span(7, 2, "plano(outbound)"),
                                                gateway_span(7, 3, "plano(routing)")};
    const std::string bytes = telemetry::encode_export_request(spans);
    const Result<std::vector<StoredSpan>> full = decode_export_request(bytes);
    ASSERT_TRUE(full);
    std::size_t valid_prefixes = 0;
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const Result<std::vector<StoredSpan>> out =
            decode_export_request(std::string_view(bytes).substr(0, n));
        if (!out) continue;
        ++valid_prefixes;  // a cut exactly between two ResourceSpans is a valid, shorter request
        ASSERT_LT(out->size(), full->size());
        for (std::size_t i = 0; i < out->size(); ++i) EXPECT_EQ((*out)[i], (*full)[i]);
    }
    EXPECT_EQ(valid_prefixes, 3u);  // before the first, second and third resource
}

TEST(OtlpDecode, RandomBitFlipsNeverCrash) {
    const std::string bytes = telemetry::encode_export_request(
        std::vector<telemetry::Span>{full_gateway_span(), gateway_span(7, 2, "plano(outbound)")});
    std::size_t rejected = 0;
    for (std::uint32_t seed = 0; seed < 3000; ++seed) {
        std::mt19937 rng(seed);
        std::string corrupt = bytes;
        const std::size_t flips = 1 + rng() % 4;
        for (std::size_t i = 0; i < flips; ++i) {
            const std::size_t bit = rng() % (corrupt.size() * 8);
            corrupt[bit / 8] = static_cast<char>(corrupt[bit / 8] ^ (1 << (bit % 8)));
        }
        const Result<std::vector<StoredSpan>> out = decode_export_request(corrupt);
        if (!out) {
            ++rejected;
            continue;
        }
        for (const StoredSpan& s : *out) {
            EXPECT_TRUE(s.trace_id.valid());
            EXPECT_TRUE(s.span_id.valid());
        }
    }
    // Most flips land in framing or ids; flips inside string payloads can stay valid.
    EXPECT_GT(rejected, 100u);
}

}  // namespace
}  // namespace gw::collector
