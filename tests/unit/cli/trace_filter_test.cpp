// --filter key patterns and the --where key check.

#include "gw/cli/trace_filter.hpp"

#include <gtest/gtest.h>

#include "trace_fixtures.hpp"

namespace gw::cli {
namespace {

using namespace gw::cli::testing;

std::vector<collector::StoredTrace> traces_of(const std::vector<collector::StoredSpan>& spans) {
    std::vector<collector::StoredTrace> out;
    for (const collector::StoredSpan& s : spans) {
        if (out.empty() || out.back().trace_id != s.trace_id) out.push_back({s.trace_id, {}});
        out.back().spans.push_back(s);
    }
    return out;
}

std::vector<std::string> keys_of(const collector::StoredSpan& span) {
    std::vector<std::string> keys;
    for (const auto& a : span.attributes) keys.emplace_back(a.key.view());
    return keys;
}

TEST(TraceKeyPattern, GlobRules) {
    EXPECT_TRUE(key_matches("*", "anything"));
    EXPECT_TRUE(key_matches("http.method", "http.method"));
    EXPECT_FALSE(key_matches("http.method", "http.method.x"));
    EXPECT_TRUE(key_matches("http.*", "http.status_code"));
    EXPECT_FALSE(key_matches("http.*", "xhttp.status_code"));
    EXPECT_TRUE(key_matches("*_code", "http.status_code"));
    EXPECT_FALSE(key_matches("*_code", "http.status_code.x"));
    EXPECT_TRUE(key_matches("*status*", "http.status_code"));
    EXPECT_TRUE(key_matches("gen_ai.*.model", "gen_ai.request.model"));
    EXPECT_FALSE(key_matches("gen_ai.*.model", "gen_ai.request.max_tokens"));
    EXPECT_TRUE(key_matches("a*a", "aa"));
    EXPECT_FALSE(key_matches("a*a", "a"));
    EXPECT_TRUE(key_matches("a**b", "ab"));
}

TEST(TraceKeyFilter, KeepsOnlyMatchingKeys) {
    auto traces = traces_of(success_spans());
    const KeyFilterOutcome outcome = filter_attribute_keys(traces, {"http.*"});
    EXPECT_TRUE(outcome.applied);
    EXPECT_TRUE(outcome.unmatched.empty());
    EXPECT_EQ(keys_of(traces[0].spans[0]),
              (std::vector<std::string>{"http.method", "http.status_code"}));
    EXPECT_TRUE(traces[0].spans[1].attributes.empty());  // spans stay, attributes go
    EXPECT_EQ(traces[0].spans.size(), 4u);
}

TEST(TraceKeyFilter, UnmatchedPatternsAloneLeaveTracesUnfiltered) {
    auto traces = traces_of(success_spans());
    const auto before = traces;
    const KeyFilterOutcome outcome = filter_attribute_keys(traces, {"not-found-*"});
    EXPECT_FALSE(outcome.applied);
    EXPECT_EQ(outcome.unmatched, std::vector<std::string>{"not-found-*"});
    EXPECT_EQ(traces[0].spans, before[0].spans);
}

TEST(TraceKeyFilter, UnmatchedPatternsNextToMatchedOnesAreReported) {
    auto traces = traces_of(success_spans());
    const KeyFilterOutcome outcome = filter_attribute_keys(traces, {"nope", "llm.model"});
    EXPECT_TRUE(outcome.applied);
    EXPECT_EQ(outcome.unmatched, std::vector<std::string>{"nope"});
    EXPECT_EQ(keys_of(traces[0].spans[0]), std::vector<std::string>{"llm.model"});
}

TEST(TraceKeyFilter, NoPatternsNoChange) {
    auto traces = traces_of(success_spans());
    const auto before = traces;
    EXPECT_FALSE(filter_attribute_keys(traces, {}).applied);
    EXPECT_EQ(traces[1].spans, before[1].spans);
}

TEST(TraceWhereKeys, ReportsKeysNoSpanHas) {
    const auto traces = traces_of(success_spans());
    EXPECT_TRUE(missing_where_keys(traces, {{"agent_id", "x"}, {"server.address", "y"}}).empty());
    EXPECT_EQ(
        missing_where_keys(
            traces,
            {{"not.a.real.key", "1"}, {"agent_id", "x"}, {"other", "2"}, {"not.a.real.key", "3"}}),
        (std::vector<std::string>{"not.a.real.key", "other"}));
}

}  // namespace
}  // namespace gw::cli
