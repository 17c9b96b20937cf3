// make_trace_request(), parse_since() and the small decisions of `planoai trace`: every error
// message is the reference CLI's (cli.md §3.3) except --since, which the reference never checked.

#include "gw/cli/trace_options.hpp"

#include <gtest/gtest.h>

namespace gw::cli {
namespace {

using namespace std::chrono_literals;

std::string error_of(const TraceArgs& args) {
    auto r = make_trace_request(args);
    return r ? std::string("(no error)") : r.error().message;
}

TraceRequest request_of(const TraceArgs& args) {
    auto r = make_trace_request(args);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : TraceRequest{};
}

TEST(TraceOptions, NoArgumentsMeansTheLastTrace) {
    const TraceRequest r = request_of({});
    EXPECT_EQ(r.target, TargetKind::Last);
    EXPECT_FALSE(r.target_given);
    EXPECT_EQ(r.limit, 0u);
    EXPECT_FALSE(r.since);
}

TEST(TraceOptions, ListSinceOrLimitMakeTheDefaultTargetAny) {
    EXPECT_EQ(request_of({.list = true}).target, TargetKind::Any);
    EXPECT_EQ(request_of({.since = "5m"}).target, TargetKind::Any);
    EXPECT_EQ(request_of({.limit = 3}).target, TargetKind::Any);
    EXPECT_EQ(request_of({.where = {"a=b"}}).target, TargetKind::Last);
}

TEST(TraceOptions, TargetWords) {
    const TraceRequest any = request_of({.target = "any"});
    EXPECT_EQ(any.target, TargetKind::Any);
    EXPECT_TRUE(any.target_given);
    EXPECT_EQ(request_of({.target = "last"}).target, TargetKind::Last);
}

TEST(TraceOptions, ShortAndFullIdsAreLowercased) {
    const TraceRequest short_id = request_of({.target = "F7A31829"});
    EXPECT_EQ(short_id.target, TargetKind::ShortId);
    EXPECT_EQ(short_id.trace_id, "f7a31829");
    const TraceRequest full = request_of({.target = "86F2B1C0D4E5F60718293A4B5C6D143B"});
    EXPECT_EQ(full.target, TargetKind::FullId);
    EXPECT_EQ(full.trace_id, "86f2b1c0d4e5f60718293a4b5c6d143b");
}

TEST(TraceOptions, BadTargetsHaveTheReferenceMessages) {
    EXPECT_EQ(error_of({.target = "abc"}), "Trace ID must be 8 or 32 hex characters.");
    EXPECT_EQ(error_of({.target = "00000000"}), "Short trace ID must be 8 hex characters.");
    EXPECT_EQ(error_of({.target = "f7a3182g"}), "Short trace ID must be 8 hex characters.");
    EXPECT_EQ(error_of({.target = std::string(32, '0')}), "Trace ID must be 32 hex characters.");
    EXPECT_EQ(error_of({.target = std::string(31, 'a') + "x"}),
              "Trace ID must be 32 hex characters.");
    // Case-sensitive words, as the reference: LAST is taken as an id.
    EXPECT_EQ(error_of({.target = "LAST"}), "Trace ID must be 8 or 32 hex characters.");
    // The words of the collector subcommands never reach here as a target; if they do, they fail.
    EXPECT_EQ(error_of({.target = "listen"}), "Trace ID must be 8 or 32 hex characters.");
}

TEST(TraceOptions, ListWithAnIdIsRefused) {
    EXPECT_EQ(error_of({.target = "86f2b1c0d4e5f60718293a4b5c6d143b", .list = true}),
              "Target and --list cannot be used together.");
    EXPECT_EQ(error_of({.target = "abc", .list = true}),
              "Target and --list cannot be used together.");
    EXPECT_EQ(request_of({.target = "any", .list = true}).target, TargetKind::Any);
}

TEST(TraceOptions, WherePairsAreTrimmedAndKept) {
    const TraceRequest r = request_of({.where = {" agent_id = weather_agent ", "guid:x-id=1"}});
    ASSERT_EQ(r.where.size(), 2u);
    EXPECT_EQ(r.where[0].key, "agent_id");
    EXPECT_EQ(r.where[0].value, "weather_agent");
    EXPECT_EQ(r.where[1].key, "guid:x-id");
    EXPECT_EQ(r.where[1].value, "1");
}

TEST(TraceOptions, BadWhereFiltersAreListedTogether) {
    EXPECT_EQ(error_of({.where = {"bad-format"}}),
              "Invalid --where filter(s): bad-format. Use key=value.");
    EXPECT_EQ(error_of({.where = {"a=1", "k=v=w", "=v", "k=", "sp ace=1"}}),
              "Invalid --where filter(s): k=v=w, =v, k=, sp ace=1. Use key=value.");
}

TEST(TraceOptions, FilterSplitsCommaListsAndRejectsEmptyTokens) {
    EXPECT_EQ(request_of({.filter = {"http.*, llm.model", "agent_id"}}).key_patterns,
              (std::vector<std::string>{"http.*", "llm.model", "agent_id"}));
    EXPECT_EQ(error_of({.filter = {"http.method,"}}), "Filter contains empty tokens.");
    EXPECT_EQ(error_of({.filter = {" "}}), "Filter contains empty tokens.");
}

TEST(TraceOptions, NegativeLimitIsRefused) {
    EXPECT_EQ(error_of({.limit = -1}), "Limit must be greater than or equal to 0.");
    EXPECT_EQ(request_of({.limit = 7}).limit, 7u);
}

TEST(TraceOptions, ErrorsComeInTheReferenceOrder) {
    // --filter before --where before --limit before the target.
    EXPECT_EQ(error_of({.target = "abc", .where = {"x"}, .filter = {","}, .limit = -1}),
              "Filter contains empty tokens.");
    EXPECT_EQ(error_of({.target = "abc", .where = {"x"}, .limit = -1}),
              "Invalid --where filter(s): x. Use key=value.");
    EXPECT_EQ(error_of({.target = "abc", .limit = -1}),
              "Limit must be greater than or equal to 0.");
}

TEST(TraceSince, SecondsAndUnits) {
    EXPECT_EQ(*parse_since("90"), 90s);
    EXPECT_EQ(*parse_since("30s"), 30s);
    EXPECT_EQ(*parse_since("5m"), 300s);
    EXPECT_EQ(*parse_since("2h"), 7200s);
    EXPECT_EQ(*parse_since("1d"), 86400s);
    EXPECT_EQ(request_of({.since = "5m"}).since, 300s);
}

TEST(TraceSince, GarbageIsAnErrorThatSaysWhatIsAccepted) {
    for (const char* bad : {"", "abc", "5x", "m", "-5m", "0", "0m", "1.5h", " 5m", "5m ", "5mm",
                            "99999999999999999999", "9999999999999d"}) {
        auto r = parse_since(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().message, "Invalid --since value '" + std::string(bad) +
                                         "': use seconds or a number with a unit s, m, h or d "
                                         "(e.g. 90, 30s, 5m, 2h, 1d).");
    }
    EXPECT_NE(error_of({.since = "soon"}).find("Invalid --since value 'soon'"), std::string::npos);
}

TEST(TraceColor, OnlyOnATerminalAndNeverWithNoColor) {
    EXPECT_TRUE(use_color(true, nullptr));
    EXPECT_FALSE(use_color(false, nullptr));
    EXPECT_FALSE(use_color(true, "1"));
    EXPECT_FALSE(use_color(true, ""));
}

TEST(TracePicker, OfferedOnlyWithoutTargetOnATerminalForText) {
    const TraceRequest list = request_of({.list = true});
    EXPECT_TRUE(wants_picker(list, true));
    EXPECT_FALSE(wants_picker(list, false));
    EXPECT_TRUE(wants_picker(request_of({.since = "1h"}), true));
    EXPECT_FALSE(wants_picker(request_of({}), true));  // plain `planoai trace`: the last trace
    EXPECT_FALSE(wants_picker(request_of({.target = "any", .list = true}), true));
    EXPECT_FALSE(wants_picker(request_of({.list = true, .no_interactive = true}), true));
    EXPECT_FALSE(wants_picker(request_of({.list = true, .json = true}), true));
}

TEST(TracePicker, ChoiceIsOneBased) {
    EXPECT_EQ(parse_choice("1", 3), 0u);
    EXPECT_EQ(parse_choice(" 3 \n", 3), 2u);
    EXPECT_FALSE(parse_choice("0", 3));
    EXPECT_FALSE(parse_choice("4", 3));
    EXPECT_FALSE(parse_choice("2x", 3));
    EXPECT_FALSE(parse_choice("", 3));
    EXPECT_FALSE(parse_choice("-1", 3));
}

}  // namespace
}  // namespace gw::cli
