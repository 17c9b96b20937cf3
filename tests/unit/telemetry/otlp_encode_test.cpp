// The hand-written OTLP encoder, checked by decoding its bytes with libprotobuf classes generated
// from the upstream .proto files: every field round-trips and the bytes are canonical.

#include "gw/telemetry/otlp_encode.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <opentelemetry/proto/collector/trace/v1/trace_service.pb.h>
#include <string>
#include <vector>

namespace gw::telemetry {
namespace {

namespace pb_collector = opentelemetry::proto::collector::trace::v1;
namespace pb_common = opentelemetry::proto::common::v1;
namespace pb_trace = opentelemetry::proto::trace::v1;

pb_collector::ExportTraceServiceRequest decode(const std::string& bytes) {
    pb_collector::ExportTraceServiceRequest request;
    EXPECT_TRUE(request.ParseFromString(bytes));
    // Field order and omitted defaults match libprotobuf's own serializer byte for byte.
    EXPECT_EQ(request.SerializeAsString(), bytes);
    return request;
}

std::string raw(const auto& id) {
    return {reinterpret_cast<const char*>(id.bytes().data()), id.bytes().size()};
}

UnixTime at(std::int64_t nanos) { return UnixTime{std::chrono::nanoseconds{nanos}}; }

Span full_span() {
    Span s;
    s.trace_id = *TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
    s.span_id = *SpanId::from_hex("00f067aa0ba902b7");
    s.parent_span_id = *SpanId::from_hex("1111111111111111");
    s.trace_state = "rojo=00f067aa0ba902b7";
    s.name = "POST /v1/chat/completions fast -> openai/gpt-4o-mini \xf0\x9f\x9a\xa9";
    s.kind = SpanKind::Server;
    s.service_name = "plano(llm)";
    s.start_time = at(1'700'000'000'000'000'001);
    s.end_time = at(1'700'000'000'250'000'002);
    s.attributes.set("gen_ai.request.model", "gpt-4o-mini");
    s.attributes.set("llm.user_message_preview", "h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac");
    s.attributes.set("http.status_code", 200);
    s.attributes.set("neg", std::numeric_limits<std::int64_t>::min());
    s.attributes.set("minus_one", -1);
    s.attributes.set("gen_ai.request.temperature", 0.7);
    s.attributes.set("negative_double", -1.5e-300);
    s.attributes.set("stream", true);
    s.attributes.set("cache.warm", false);
    s.attributes.set("empty", "");
    s.attributes.set("zero", 0);
    s.attributes.set("gen_ai.response.finish_reasons", AttributeValue(StringArray{"stop", ""}));
    s.attributes.set("no_items", AttributeValue(StringArray{}));
    SpanEvent ttft{"llm.time_to_first_token", at(1'700'000'000'100'000'000), {}};
    ttft.attributes.set("llm.time_to_first_token", 100);
    s.add_event(std::move(ttft));
    s.add_event({"bare", at(1'700'000'000'200'000'000), {}});
    s.set_error("upstream timeout");
    return s;
}

TEST(OtlpEncode, EmptyBatchIsAnEmptyRequest) {
    const std::string bytes = encode_export_request({});
    EXPECT_TRUE(bytes.empty());
    EXPECT_EQ(decode(bytes).resource_spans_size(), 0);
}

TEST(OtlpEncode, EverySpanFieldRoundTrips) {
    const Span s = full_span();
    const auto request = decode(encode_export_request({&s, 1}));
    ASSERT_EQ(request.resource_spans_size(), 1);
    const auto& rs = request.resource_spans(0);
    ASSERT_EQ(rs.resource().attributes_size(), 1);
    EXPECT_EQ(rs.resource().attributes(0).key(), "service.name");
    EXPECT_EQ(rs.resource().attributes(0).value().string_value(), "plano(llm)");
    ASSERT_EQ(rs.scope_spans_size(), 1);
    EXPECT_EQ(rs.scope_spans(0).scope().name(), kScopeName);
    ASSERT_EQ(rs.scope_spans(0).spans_size(), 1);

    const pb_trace::Span& p = rs.scope_spans(0).spans(0);
    EXPECT_EQ(p.trace_id(), raw(s.trace_id));
    EXPECT_EQ(p.span_id(), raw(s.span_id));
    EXPECT_EQ(p.parent_span_id(), raw(*s.parent_span_id));
    EXPECT_EQ(p.trace_state(), s.trace_state);
    EXPECT_EQ(p.name(), s.name);
    EXPECT_EQ(p.kind(), pb_trace::Span::SPAN_KIND_SERVER);
    EXPECT_EQ(p.start_time_unix_nano(), 1'700'000'000'000'000'001u);
    EXPECT_EQ(p.end_time_unix_nano(), 1'700'000'000'250'000'002u);
    EXPECT_EQ(p.dropped_attributes_count(), 0u);
    EXPECT_EQ(p.status().code(), pb_trace::Status::STATUS_CODE_ERROR);
    EXPECT_EQ(p.status().message(), "upstream timeout");

    ASSERT_EQ(p.events_size(), 2);
    EXPECT_EQ(p.events(0).name(), "llm.time_to_first_token");
    EXPECT_EQ(p.events(0).time_unix_nano(), 1'700'000'000'100'000'000u);
    ASSERT_EQ(p.events(0).attributes_size(), 1);
    EXPECT_EQ(p.events(0).attributes(0).value().int_value(), 100);
    EXPECT_EQ(p.events(1).name(), "bare");
    EXPECT_EQ(p.events(1).attributes_size(), 0);
}

TEST(OtlpEncode, AttributeValuesKeepTheirTypeAndOrder) {
    const Span s = full_span();
    const auto request = decode(encode_export_request({&s, 1}));
    const pb_trace::Span& p = request.resource_spans(0).scope_spans(0).spans(0);
    ASSERT_EQ(p.attributes_size(), static_cast<int>(s.attributes.size()));
    int i = 0;
    for (const Attribute& a : s.attributes.items()) {
        const pb_common::KeyValue& kv = p.attributes(i++);
        EXPECT_EQ(kv.key(), a.key);
        const pb_common::AnyValue& v = kv.value();
        if (const auto* str = std::get_if<std::string>(&a.value)) {
            ASSERT_EQ(v.value_case(), pb_common::AnyValue::kStringValue) << a.key;
            EXPECT_EQ(v.string_value(), *str);
        } else if (const auto* n = std::get_if<std::int64_t>(&a.value)) {
            ASSERT_EQ(v.value_case(), pb_common::AnyValue::kIntValue) << a.key;
            EXPECT_EQ(v.int_value(), *n);
        } else if (const auto* d = std::get_if<double>(&a.value)) {
            ASSERT_EQ(v.value_case(), pb_common::AnyValue::kDoubleValue) << a.key;
            EXPECT_EQ(v.double_value(), *d);
        } else if (const auto* b = std::get_if<bool>(&a.value)) {
            ASSERT_EQ(v.value_case(), pb_common::AnyValue::kBoolValue) << a.key;
            EXPECT_EQ(v.bool_value(), *b);
        } else {
            const auto& items = std::get<StringArray>(a.value);
            ASSERT_EQ(v.value_case(), pb_common::AnyValue::kArrayValue) << a.key;
            ASSERT_EQ(v.array_value().values_size(), static_cast<int>(items.size()));
            for (std::size_t k = 0; k < items.size(); ++k) {
                EXPECT_EQ(v.array_value().values(static_cast<int>(k)).string_value(), items[k]);
            }
        }
    }
}

TEST(OtlpEncode, MinimalSpanOmitsDefaults) {
    Span s;
    s.trace_id = TraceId::random();
    s.span_id = SpanId::random();
    s.kind = SpanKind::Client;
    s.service_name = "plano(outbound)";
    const auto request = decode(encode_export_request({&s, 1}));
    const pb_trace::Span& p = request.resource_spans(0).scope_spans(0).spans(0);
    EXPECT_EQ(p.trace_id(), raw(s.trace_id));
    EXPECT_TRUE(p.parent_span_id().empty());
    EXPECT_TRUE(p.name().empty());
    EXPECT_EQ(p.kind(), pb_trace::Span::SPAN_KIND_CLIENT);
    EXPECT_EQ(p.attributes_size(), 0);
    EXPECT_EQ(p.events_size(), 0);
    EXPECT_FALSE(p.has_status());
}

TEST(OtlpEncode, GroupsSpansByServiceInFirstAppearanceOrder) {
    std::vector<Span> spans(5);
    const char* services[] = {"plano(llm)", "plano(outbound)", "plano(llm)", "plano(routing)",
                              "plano(outbound)"};
    for (std::size_t i = 0; i < spans.size(); ++i) {
        spans[i].trace_id = TraceId::random();
        spans[i].span_id = SpanId::random();
        spans[i].service_name = services[i];
        spans[i].name = "span" + std::to_string(i);
    }
    const auto request = decode(encode_export_request(spans));
    ASSERT_EQ(request.resource_spans_size(), 3);
    const auto names = [&](int r) {
        std::vector<std::string> out;
        for (const auto& p : request.resource_spans(r).scope_spans(0).spans())
            out.push_back(p.name());
        return out;
    };
    EXPECT_EQ(request.resource_spans(0).resource().attributes(0).value().string_value(),
              "plano(llm)");
    EXPECT_EQ(names(0), (std::vector<std::string>{"span0", "span2"}));
    EXPECT_EQ(request.resource_spans(1).resource().attributes(0).value().string_value(),
              "plano(outbound)");
    EXPECT_EQ(names(1), (std::vector<std::string>{"span1", "span4"}));
    EXPECT_EQ(request.resource_spans(2).resource().attributes(0).value().string_value(),
              "plano(routing)");
    EXPECT_EQ(names(2), (std::vector<std::string>{"span3"}));
    for (const auto& rs : request.resource_spans()) {
        EXPECT_EQ(rs.scope_spans_size(), 1);
        EXPECT_EQ(rs.scope_spans(0).scope().name(), kScopeName);
    }
}

TEST(OtlpEncode, InvalidUtf8IsRepairedSoTheBatchStillParses) {
    Span s;
    s.trace_id = TraceId::random();
    s.span_id = SpanId::random();
    s.service_name = "plano(llm)";
    s.name = "bad \xff name";
    s.attributes.set("preview", "trunc\xc3");
    s.attributes.set("k\xfe", AttributeValue(StringArray{"\x80"}));
    const auto request = decode(encode_export_request({&s, 1}));
    const pb_trace::Span& p = request.resource_spans(0).scope_spans(0).spans(0);
    EXPECT_EQ(p.name(), "bad \xef\xbf\xbd name");
    EXPECT_EQ(p.attributes(0).value().string_value(), "trunc\xef\xbf\xbd");
    EXPECT_EQ(p.attributes(1).key(), "k\xef\xbf\xbd");
    EXPECT_EQ(p.attributes(1).value().array_value().values(0).string_value(), "\xef\xbf\xbd");
}

// Literal keys skip the UTF-8 check (they are the gateway's own constants); the bytes must be the
// same as for the same key known only at run time.
TEST(OtlpEncode, LiteralAndRuntimeKeysEncodeAlike) {
    Span literal;
    literal.trace_id = *TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
    literal.span_id = *SpanId::from_hex("00f067aa0ba902b7");
    Span runtime = literal;
    literal.attributes.set(AttributeKey::literal("gen_ai.request.model"), "m");
    runtime.attributes.set(std::string("gen_ai.request.model"), "m");
    EXPECT_EQ(encode_export_request({&literal, 1}), encode_export_request({&runtime, 1}));
    const auto request = decode(encode_export_request({&literal, 1}));
    EXPECT_EQ(request.resource_spans(0).scope_spans(0).spans(0).attributes(0).key(),
              "gen_ai.request.model");
}

TEST(OtlpEncode, DroppedCountsAreExported) {
    Span s;
    s.trace_id = TraceId::random();
    s.span_id = SpanId::random();
    s.attributes = Attributes(1);
    s.attributes.set("kept", 1);
    s.attributes.set("dropped", 2);
    SpanEvent e{"e", at(1), Attributes(0)};
    e.attributes.set("dropped", 1);
    s.add_event(std::move(e));
    s.dropped_events = 4;
    const auto request = decode(encode_export_request({&s, 1}));
    const pb_trace::Span& p = request.resource_spans(0).scope_spans(0).spans(0);
    EXPECT_EQ(p.dropped_attributes_count(), 1u);
    EXPECT_EQ(p.dropped_events_count(), 4u);
    EXPECT_EQ(p.events(0).dropped_attributes_count(), 1u);
    EXPECT_TRUE(request.resource_spans(0).resource().attributes(0).value().string_value().empty());
}

TEST(OtlpEncode, ReplacesPreviousBufferContents) {
    const Span s = full_span();
    std::string out(10'000, 'x');
    encode_export_request({&s, 1}, out);
    EXPECT_EQ(out, encode_export_request({&s, 1}));
}

// A nested message (array, event, status) gets a one-byte length that is widened once it reaches
// 128 bytes; every size around that boundary, including one that only crosses it because invalid
// bytes grow when repaired, must still be canonical and round-trip.
TEST(OtlpEncode, NestedMessagesAroundTheOneByteLengthRoundTrip) {
    for (std::size_t n = 100; n <= 300; ++n) {
        Span s;
        s.trace_id = TraceId::random();
        s.span_id = SpanId::random();
        const std::string item(n, 'a');
        const std::string invalid(n / 3, '\xff');
        s.attributes.set("reasons", AttributeValue(StringArray{item, invalid}));
        SpanEvent e{std::string(n, 'e'), at(1), {}};
        e.attributes.set("why", item);
        s.add_event(std::move(e));
        s.set_error(invalid + item);
        const auto request = decode(encode_export_request({&s, 1}));
        const pb_trace::Span& p = request.resource_spans(0).scope_spans(0).spans(0);
        const auto& values = p.attributes(0).value().array_value().values();
        ASSERT_EQ(values.size(), 2) << n;
        EXPECT_EQ(values[0].string_value(), item);
        EXPECT_EQ(values[1].string_value().size(), 3 * (n / 3));
        EXPECT_EQ(p.events(0).name(), std::string(n, 'e'));
        EXPECT_EQ(p.events(0).attributes(0).value().string_value(), item);
        EXPECT_EQ(p.status().message().size(), 3 * (n / 3) + n);
    }
}

// The span's own length is written last, in front of its fields: spans from a few bytes to past
// the two- and three-byte lengths, encoded one after another on one thread (whose storage grows
// and is reused), each decode to what was encoded.
TEST(OtlpEncode, SpansOfEverySizeReuseTheThreadsStorage) {
    for (const std::size_t n :
         std::vector<std::size_t>{0, 1, 100, 127, 128, 16'383, 16'384, 200'000, 5, 2'000'000, 3}) {
        Span s;
        s.trace_id = TraceId::random();
        s.span_id = SpanId::random();
        s.name = std::string(n, 'n');
        const auto request = decode(encode_export_request({&s, 1}));
        EXPECT_EQ(request.resource_spans(0).scope_spans(0).spans(0).name(), s.name) << n;
    }
}

TEST(OtlpEncode, LargeBatchRoundTrips) {
    std::vector<Span> spans(512, full_span());
    for (Span& s : spans) s.span_id = SpanId::random();
    const auto request = decode(encode_export_request(spans));
    ASSERT_EQ(request.resource_spans_size(), 1);
    EXPECT_EQ(request.resource_spans(0).scope_spans(0).spans_size(), 512);
}

}  // namespace
}  // namespace gw::telemetry
