// build_span_tree(): nesting, ordering, orphans, several roots and corrupt parent links.

#include "gw/cli/trace_tree.hpp"

#include <gtest/gtest.h>

#include "trace_fixtures.hpp"

namespace gw::cli {
namespace {

using namespace gw::cli::testing;

constexpr std::string_view kTrace = "0123456789abcdef0123456789abcdef";

collector::StoredSpan span(std::string_view id, std::optional<std::string_view> parent,
                           std::int64_t start_ms) {
    return make_span(kTrace, kT0, {id, parent, "svc", std::string(id), start_ms, 1, {}});
}

// "name(child,child)" per root, so a whole tree compares as one string.
std::string shape(const std::vector<collector::StoredSpan>& spans) {
    const SpanTree tree = build_span_tree(spans);
    std::string out;
    const auto draw = [&](const auto& self, std::size_t i) -> void {
        out += spans[i].name.substr(14);  // the last two hex digits
        if (tree.children[i].empty()) return;
        out += "(";
        for (std::size_t k = 0; k < tree.children[i].size(); ++k) {
            if (k > 0) out += ",";
            self(self, tree.children[i][k]);
        }
        out += ")";
    };
    for (std::size_t k = 0; k < tree.roots.size(); ++k) {
        if (k > 0) out += " ";
        draw(draw, tree.roots[k]);
    }
    return out;
}

TEST(SpanTree, NestsChildrenUnderParentsByStartTime) {
    // Given out of order on purpose.
    const std::vector<collector::StoredSpan> spans = {
        span("00000000000000c2", "00000000000000b1", 30),
        span("00000000000000b2", "00000000000000a1", 20),
        span("00000000000000a1", std::nullopt, 0),
        span("00000000000000b1", "00000000000000a1", 10),
        span("00000000000000c1", "00000000000000b1", 15),
    };
    EXPECT_EQ(shape(spans), "a1(b1(c1,c2),b2)");
}

TEST(SpanTree, EqualStartsAreOrderedBySpanId) {
    const std::vector<collector::StoredSpan> spans = {
        span("00000000000000a1", std::nullopt, 0), span("00000000000000b2", "00000000000000a1", 5),
        span("00000000000000b1", "00000000000000a1", 5)};
    EXPECT_EQ(shape(spans), "a1(b1,b2)");
}

TEST(SpanTree, OrphansAndSeveralRootsSitAtRootLevelByStartTime) {
    const std::vector<collector::StoredSpan> spans = {
        span("00000000000000a1", std::nullopt, 10),
        span("00000000000000e1", "00000000000000ff", 5),  // parent never arrived
        span("00000000000000e2", "00000000000000e1", 6),
        span("00000000000000a2", std::nullopt, 20),
        span("00000000000000e3", "00000000000000fe", 15),
    };
    EXPECT_EQ(shape(spans), "e1(e2) a1 e3 a2");
}

TEST(SpanTree, CyclesAreCutAndEverySpanAppearsOnce) {
    const std::vector<collector::StoredSpan> spans = {
        span("00000000000000a1", "00000000000000a3", 10),
        span("00000000000000a2", "00000000000000a1", 20),
        span("00000000000000a3", "00000000000000a2", 30),
        span("00000000000000b1", "00000000000000a2", 40),  // hangs off the cycle
        span("00000000000000c1", "00000000000000c1", 5),   // its own parent
        span("00000000000000d1", std::nullopt, 50),
    };
    const SpanTree tree = build_span_tree(spans);
    std::vector<int> seen(spans.size(), 0);
    for (const std::size_t r : tree.roots) ++seen[r];
    for (const auto& children : tree.children) {
        for (const std::size_t c : children) ++seen[c];
    }
    EXPECT_EQ(seen, std::vector<int>(spans.size(), 1));
    EXPECT_EQ(shape(spans), "c1 a1(a2(a3,b1)) d1");
}

TEST(SpanTree, DeepChainsDoNotRecurse) {
    std::vector<collector::StoredSpan> spans;
    constexpr std::size_t kDepth = 50'000;
    for (std::size_t i = 0; i < kDepth; ++i) {
        collector::StoredSpan s = span("00000000000000a1", std::nullopt, 0);
        s.span_id = telemetry::SpanId(telemetry::SpanId::Bytes{
            1, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)});
        if (i > 0) s.parent_span_id = spans.back().span_id;
        spans.push_back(s);
    }
    const SpanTree tree = build_span_tree(spans);
    ASSERT_EQ(tree.roots.size(), 1u);
    EXPECT_EQ(tree.children[kDepth - 2], std::vector<std::size_t>{kDepth - 1});
}

TEST(SpanTree, EmptyTrace) {
    const SpanTree tree = build_span_tree({});
    EXPECT_TRUE(tree.roots.empty());
}

TEST(TraceSummaryOfStoredTrace, ExtentCountAndRoot) {
    const auto spans = agent_trace(kAgentTrace, kT0);
    const collector::TraceSummary s = summarize({tid(kAgentTrace), spans});
    EXPECT_EQ(s.start_time, at(kT0));
    EXPECT_EQ(s.end_time, at(kT0 + 250 * kMs));
    EXPECT_EQ(s.span_count, 4u);
    EXPECT_EQ(s.root_service, "plano(llm)");
    EXPECT_EQ(s.root_name, "POST /v1/chat/completions fast -> openai/gpt-4o-mini");
    // Without its root a trace has no root name.
    const collector::TraceSummary orphaned =
        summarize({tid(kAgentTrace), {spans.begin() + 1, spans.end()}});
    EXPECT_EQ(orphaned.root_name, "");
}

}  // namespace
}  // namespace gw::cli
