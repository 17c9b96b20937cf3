// Encoded spans framed into requests: any range of them, split anywhere across service groups,
// is a canonical request holding exactly those spans, and the whole range is what
// encode_export_request gives for the same spans.

#include "gw/telemetry/encoded_spans.hpp"

#include "gw/telemetry/otlp_encode.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <opentelemetry/proto/collector/trace/v1/trace_service.pb.h>
#include <string>
#include <utility>
#include <vector>

namespace gw::telemetry {
namespace {

using Request = opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest;

Span span(std::string service, std::string name) {
    Span s;
    s.trace_id = TraceId::random();
    s.span_id = SpanId::random();
    s.service_name = std::move(service);
    s.name = std::move(name);
    s.attributes.set(AttributeKey::literal("http.method"), "POST");
    s.attributes.set("tenant", name);
    return s;
}

// (service, span name) pairs of a request, in order; checks the bytes are canonical.
std::vector<std::pair<std::string, std::string>> contents(const std::string& bytes) {
    Request request;
    EXPECT_TRUE(request.ParseFromString(bytes));
    EXPECT_EQ(request.SerializeAsString(), bytes);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& resource : request.resource_spans()) {
        EXPECT_EQ(resource.scope_spans_size(), 1);
        const std::string& service = resource.resource().attributes(0).value().string_value();
        for (const auto& s : resource.scope_spans(0).spans()) out.emplace_back(service, s.name());
    }
    return out;
}

// Five spans in three groups; in group order: llm 0 2, outbound 1 4, routing 3.
EncodedSpans five_spans() {
    EncodedSpans spans;
    spans.append(span("plano(llm)", "s0"));
    spans.append(span("plano(outbound)", "s1"));
    spans.append(span("plano(llm)", "s2"));
    spans.append(span("plano(routing)", "s3"));
    spans.append(span("plano(outbound)", "s4"));
    return spans;
}

TEST(EncodedSpans, WholeRangeMatchesEncodingTheSpansAtOnce) {
    std::vector<Span> spans = {span("plano(llm)", "a"), span("plano(outbound)", "b"),
                               span("plano(llm)", "c")};
    EncodedSpans encoded;
    for (const Span& s : spans) encoded.append(s);
    std::string framed;
    encoded.write_request(0, encoded.size(), framed);
    EXPECT_EQ(framed, encode_export_request(spans));
}

TEST(EncodedSpans, EverySplitHoldsExactlyItsSpans) {
    const EncodedSpans spans = five_spans();
    const std::vector<std::pair<std::string, std::string>> all = {
        {"plano(llm)", "s0"},      {"plano(llm)", "s2"},     {"plano(outbound)", "s1"},
        {"plano(outbound)", "s4"}, {"plano(routing)", "s3"},
    };
    std::string bytes;
    spans.write_request(0, 5, bytes);
    ASSERT_EQ(contents(bytes), all);
    for (std::size_t first = 0; first <= 5; ++first) {
        for (std::size_t count = 0; first + count <= 5; ++count) {
            spans.write_request(first, count, bytes);
            const std::vector<std::pair<std::string, std::string>> expected(
                all.begin() + static_cast<std::ptrdiff_t>(first),
                all.begin() + static_cast<std::ptrdiff_t>(first + count));
            EXPECT_EQ(contents(bytes), expected) << first << "+" << count;
        }
    }
}

TEST(EncodedSpans, EveryTailMovesWholeAndTheHeadKeepsTheRest) {
    const std::vector<std::pair<std::string, std::string>> all = {
        {"plano(llm)", "s0"},      {"plano(llm)", "s2"},     {"plano(outbound)", "s1"},
        {"plano(outbound)", "s4"}, {"plano(routing)", "s3"},
    };
    for (std::size_t keep = 0; keep <= 5; ++keep) {
        EncodedSpans head = five_spans();
        EncodedSpans tail;
        tail.append(span("plano(routing)", "earlier"));
        head.move_tail_to(keep, tail);
        EXPECT_EQ(head.size(), keep);
        EXPECT_EQ(tail.size(), 1 + 5 - keep);
        std::string bytes;
        head.write_request(0, head.size(), bytes);
        const auto split = all.begin() + static_cast<std::ptrdiff_t>(keep);
        EXPECT_EQ(contents(bytes), decltype(all)(all.begin(), split)) << keep;
        // The tail joins `tail`, each span in the group of its service.
        std::vector<std::pair<std::string, std::string>> moved(split, all.end());
        moved.emplace_back("plano(routing)", "earlier");
        tail.write_request(0, tail.size(), bytes);
        auto got = contents(bytes);
        std::sort(got.begin(), got.end());
        std::sort(moved.begin(), moved.end());
        EXPECT_EQ(got, moved) << keep;
        // The head takes new spans after the ones it kept.
        head.append(span("plano(llm)", "later"));
        head.write_request(0, head.size(), bytes);
        EXPECT_EQ(contents(bytes).size(), keep + 1);
    }
}

TEST(EncodedSpans, RangesPastTheEndAreClamped) {
    const EncodedSpans spans = five_spans();
    std::string bytes = "stale";
    spans.write_request(3, 100, bytes);
    EXPECT_EQ(contents(bytes).size(), 2u);
    spans.write_request(9, 1, bytes);
    EXPECT_TRUE(bytes.empty());
}

TEST(EncodedSpans, ClearForgetsSpansAndRefillsCleanly) {
    EncodedSpans spans = five_spans();
    spans.clear();
    EXPECT_EQ(spans.size(), 0u);
    std::string bytes = "stale";
    spans.write_request(0, 5, bytes);
    EXPECT_TRUE(bytes.empty());
    spans.append(span("plano(routing)", "again"));
    spans.write_request(0, spans.size(), bytes);
    EXPECT_EQ(contents(bytes),
              (std::vector<std::pair<std::string, std::string>>{{"plano(routing)", "again"}}));
}

TEST(EncodedSpans, InvalidServiceNamesAreRepaired) {
    EncodedSpans spans;
    spans.append(span("bad \xff service", "s"));
    std::string bytes;
    spans.write_request(0, 1, bytes);
    EXPECT_EQ(
        contents(bytes),
        (std::vector<std::pair<std::string, std::string>>{{"bad \xef\xbf\xbd service", "s"}}));
}

}  // namespace
}  // namespace gw::telemetry
