// Session bindings: the reference's JSON both ways, values that are not bindings, and the
// bounded route history.

#include "gw/routing/session_binding.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::routing {
namespace {

SessionBinding full_binding() {
    SessionBinding b;
    b.anchor_model = "openai/gpt-4o";
    b.default_model = "anthropic/claude-sonnet-4-5";
    b.requested_model = "anthropic/claude-sonnet-4-5";
    b.route_name = "code gen";
    b.prefix_hash = 18446744073709551615ULL;
    b.last_used = 1'760'000'000;
    b.cached_tokens = 100'000;
    b.baseline_usd = 2.03;
    b.switch_spend_usd = 0.47;
    b.switches = 3;
    b.history = {{"anthropic/claude-sonnet-4-5", 1'759'999'900, 90'000},
                 {"openai/gpt-4o", 1'760'000'000, 100'000}};
    b.session_cost_usd = 2.75;
    return b;
}

void expect_same(const SessionBinding& a, const SessionBinding& b) {
    EXPECT_EQ(a.anchor_model, b.anchor_model);
    EXPECT_EQ(a.default_model, b.default_model);
    EXPECT_EQ(a.requested_model, b.requested_model);
    EXPECT_EQ(a.route_name, b.route_name);
    EXPECT_EQ(a.prefix_hash, b.prefix_hash);
    EXPECT_EQ(a.last_used, b.last_used);
    EXPECT_EQ(a.cached_tokens, b.cached_tokens);
    EXPECT_DOUBLE_EQ(a.baseline_usd, b.baseline_usd);
    EXPECT_DOUBLE_EQ(a.switch_spend_usd, b.switch_spend_usd);
    EXPECT_EQ(a.switches, b.switches);
    ASSERT_EQ(a.history.size(), b.history.size());
    for (size_t i = 0; i < a.history.size(); ++i) {
        EXPECT_EQ(a.history[i].model, b.history[i].model);
        EXPECT_EQ(a.history[i].last_used, b.history[i].last_used);
        EXPECT_EQ(a.history[i].cached_tokens, b.history[i].cached_tokens);
    }
    EXPECT_DOUBLE_EQ(a.session_cost_usd, b.session_cost_usd);
}

TEST(SessionBindingJson, RoundTripsEveryField) {
    const SessionBinding original = full_binding();
    const auto read = binding_from_json(to_json(original));
    ASSERT_TRUE(read);
    expect_same(*read, original);
}

TEST(SessionBindingJson, WritesTheReferenceMembersInOrderWithoutUnsetOptionals) {
    SessionBinding b;
    b.anchor_model = "gpt-4o";
    b.default_model = "gpt-4o";
    b.requested_model = "gpt-4o";
    b.last_used = 1'760'000'000;
    b.baseline_usd = 0.5;
    EXPECT_EQ(to_json(b),
              R"({"anchor_model":"gpt-4o","default_model":"gpt-4o","requested_model":"gpt-4o",)"
              R"("last_used":1760000000,"cached_tokens":0,"baseline_usd":0.5,)"
              R"("switch_spend_usd":0,"switches":0,"session_cost_usd":0})");
}

TEST(SessionBindingJson, WritesHistoryAndOptionalsWhenSet) {
    SessionBinding b;
    b.anchor_model = "a";
    b.route_name = "r";
    b.prefix_hash = 7;
    b.last_used = 5;
    b.history = {{"a", 5, 10}};
    EXPECT_EQ(
        to_json(b),
        R"({"anchor_model":"a","default_model":"","requested_model":"","route_name":"r",)"
        R"("prefix_hash":7,"last_used":5,"cached_tokens":0,"baseline_usd":0,)"
        R"("switch_spend_usd":0,"switches":0,)"
        R"("history":[{"model":"a","last_used":5,"cached_tokens":10}],"session_cost_usd":0})");
}

// As serde_json writes the reference's binding (floats with ".0", u64 hash beyond int64).
TEST(SessionBindingJson, ReadsWhatTheReferenceWrites) {
    const auto read = binding_from_json(
        R"({"anchor_model":"openai/gpt-4o","default_model":"anthropic/claude-sonnet-4-5",)"
        R"("requested_model":"anthropic/claude-sonnet-4-5","route_name":"code gen",)"
        R"("prefix_hash":18446744073709551615,"last_used":1760000000,"cached_tokens":100000,)"
        R"("baseline_usd":2.03,"switch_spend_usd":0.47,"switches":3,"history":[)"
        R"({"model":"anthropic/claude-sonnet-4-5","last_used":1759999900,"cached_tokens":90000},)"
        R"({"model":"openai/gpt-4o","last_used":1760000000,"cached_tokens":100000}],)"
        R"("session_cost_usd":2.75})");
    ASSERT_TRUE(read);
    expect_same(*read, full_binding());
}

TEST(SessionBindingJson, MissingMembersTakeTheirDefaults) {
    const auto read = binding_from_json(R"({"anchor_model":"m","last_used":12})");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->anchor_model, "m");
    EXPECT_EQ(read->last_used, 12);
    EXPECT_EQ(read->default_model, "");
    EXPECT_EQ(read->requested_model, "");
    EXPECT_FALSE(read->route_name);
    EXPECT_FALSE(read->prefix_hash);
    EXPECT_EQ(read->cached_tokens, 0u);
    EXPECT_EQ(read->switches, 0u);
    EXPECT_TRUE(read->history.empty());
    EXPECT_EQ(read->session_cost_usd, 0);
}

TEST(SessionBindingJson, NullOptionalsAndUnknownMembersAreFine) {
    const auto read = binding_from_json(
        R"({"anchor_model":"m","last_used":1,"route_name":null,"prefix_hash":null,)"
        R"("future_field":{"x":[1,2]},"baseline_usd":3})");
    ASSERT_TRUE(read);
    EXPECT_FALSE(read->route_name);
    EXPECT_FALSE(read->prefix_hash);
    EXPECT_DOUBLE_EQ(read->baseline_usd, 3.0);
}

TEST(SessionBindingJson, GarbledValuesReadAsNoBinding) {
    for (const char* garbled : {
             "",
             "not json",
             "[]",
             "42",
             R"({"anchor_model":"m","last_used":1)",
             R"({"last_used":1})",
             R"({"anchor_model":"m"})",
             R"({"anchor_model":null,"last_used":1})",
             R"({"anchor_model":"m","last_used":-1})",
             R"({"anchor_model":"m","last_used":1.5})",
             R"({"anchor_model":"m","last_used":"1"})",
             R"({"anchor_model":"m","last_used":1,"prefix_hash":"ff"})",
             R"({"anchor_model":"m","last_used":1,"prefix_hash":-3})",
             R"({"anchor_model":"m","last_used":1,"cached_tokens":null})",
             R"({"anchor_model":"m","last_used":1,"baseline_usd":"1.0"})",
             R"({"anchor_model":"m","last_used":1,"switches":4294967296})",
             R"({"anchor_model":"m","last_used":1,"history":{}})",
             R"({"anchor_model":"m","last_used":1,"history":[{"last_used":1}]})",
             R"({"anchor_model":"m","last_used":1,"history":[{"model":"a"}]})",
             R"({"anchor_model":"m","last_used":1,"history":[7]})",
         }) {
        EXPECT_FALSE(binding_from_json(garbled)) << garbled;
    }
}

TEST(RouteHistory, RefreshesAVisitInPlace) {
    std::vector<RouteVisit> history = {{"a", 1, 10}, {"b", 2, 20}};
    record_route_visit(history, "a", 9, 90);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].model, "a");
    EXPECT_EQ(history[0].last_used, 9);
    EXPECT_EQ(history[0].cached_tokens, 90u);
}

TEST(RouteHistory, EvictsTheLeastRecentlyUsedBeyondEight) {
    std::vector<RouteVisit> history;
    for (int i = 0; i < 8; ++i) {
        record_route_visit(history, "m" + std::to_string(i), 100 - i, 1);
    }
    record_route_visit(history, "new", 200, 1);
    ASSERT_EQ(history.size(), kMaxRouteHistory);
    for (const RouteVisit& visit : history) EXPECT_NE(visit.model, "m7");  // used at 93
    EXPECT_EQ(history.back().model, "new");
}

}  // namespace
}  // namespace gw::routing
