// run_trace() against a real SqliteTraceStore in a temporary directory: the reference CLI's
// test cases (cli.md §6, test_trace_cmd.py) plus what this product does better.

#include "gw/cli/trace_query.hpp"

#include "gw/collector/sqlite_trace_store.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "trace_fixtures.hpp"
#include <filesystem>
#include <sstream>

namespace gw::cli {
namespace {

using namespace gw::cli::testing;
namespace json = boost::json;

struct Outcome {
    int rc = -1;
    std::string out;
    std::string err;
};

class TraceQueryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "gw_trace_XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    void fill(const std::vector<collector::StoredSpan>& spans) {
        auto store = collector::SqliteTraceStore::open({.path = store_path()});
        ASSERT_TRUE(store) << store.error().message;
        auto r = (*store)->insert(spans);
        ASSERT_TRUE(r) << r.error().message;
    }

    [[nodiscard]] std::filesystem::path store_path() const { return dir_ / "traces.db"; }

    Outcome run(const TraceArgs& args, bool interactive = false, const std::string& input = "") {
        std::istringstream in(input);
        std::ostringstream out;
        std::ostringstream err;
        const TraceContext context{.store_path = store_path(),
                                   .now = now_,
                                   .color = false,
                                   .interactive = interactive,
                                   .in = &in,
                                   .out = &out,
                                   .err = &err};
        const int rc = run_trace(args, context);
        return {rc, out.str(), err.str()};
    }

    // The trace ids of a --json answer, in order.
    static std::vector<std::string> json_trace_ids(const Outcome& o) {
        std::vector<std::string> ids;
        const json::value v = json::parse(o.out);
        for (const json::value& t : v.at("traces").as_array()) {
            ids.emplace_back(t.at("trace_id").as_string());
        }
        return ids;
    }

    std::filesystem::path dir_;
    telemetry::UnixTime now_ = at(kT0 + 60'000 * kMs);
};

TEST_F(TraceQueryTest, NoArgumentsDrawsTheLastTrace) {
    fill(success_spans());
    const Outcome o = run({});
    EXPECT_EQ(o.rc, 0);
    EXPECT_NE(o.out.find("Trace: " + std::string(kAgentTrace) + " (250ms total)"),
              std::string::npos)
        << o.out;
    EXPECT_EQ(o.out.find(kAgentTraceEarlier), std::string::npos);
    EXPECT_EQ(o.out.find("node_id"), std::string::npos);  // compact, not verbose
    EXPECT_EQ(o.err, "");
}

TEST_F(TraceQueryTest, VerboseShowsEveryAttribute) {
    fill(success_spans());
    EXPECT_NE(run({.verbose = true}).out.find("node_id: gw-1"), std::string::npos);
}

TEST_F(TraceQueryTest, ListAnyPrintsShortIds) {
    fill(success_spans());
    const Outcome o = run({.target = "any", .list = true, .no_interactive = true});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(o.out, "\nTrace IDs:\n  - 86f2b1c0\n  - 12345678\n");
}

TEST_F(TraceQueryTest, ListHonoursLimit) {
    fill(success_spans());
    EXPECT_EQ(run({.limit = 1, .list = true, .no_interactive = true}).out,
              "\nTrace IDs:\n  - 86f2b1c0\n");
}

TEST_F(TraceQueryTest, ListWithIdIsRefused) {
    fill(success_spans());
    const Outcome o = run({.target = std::string(kAgentTrace), .list = true});
    EXPECT_EQ(o.rc, 1);
    EXPECT_EQ(o.err, "Error: Target and --list cannot be used together.\n");
    EXPECT_EQ(o.out, "");
}

TEST_F(TraceQueryTest, ListJsonWithLimit) {
    fill(success_spans());
    const Outcome o = run({.target = "any", .limit = 1, .list = true, .json = true});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(json::parse(o.out),
              json::parse(R"({"trace_ids": [")" + std::string(kAgentTrace) + R"("]})"));
}

TEST_F(TraceQueryTest, ListWithWhereAndSince) {
    fill(failure_spans());
    EXPECT_EQ(run({.where = {"http.status_code=429"}, .list = true, .no_interactive = true}).out,
              "\nTrace IDs:\n  - a1b2c3d4\n");
    now_ = at(kT0 + 3000 * kMs);  // the 500 trace started 7 s before now
    EXPECT_EQ(run({.since = "5s", .list = true, .no_interactive = true}).out,
              "\nTrace IDs:\n  - f7a31829\n  - a1b2c3d4\n");
}

TEST_F(TraceQueryTest, ShortIdJsonGivesExactlyThatTrace) {
    fill(success_spans());
    const Outcome o = run({.target = "12345678", .json = true});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(json_trace_ids(o), std::vector<std::string>{std::string(kAgentTraceEarlier)});
}

TEST_F(TraceQueryTest, FullIdInAnyCase) {
    fill(success_spans());
    std::string upper(kAgentTraceEarlier);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Outcome o = run({.target = upper});
    EXPECT_EQ(o.rc, 0);
    EXPECT_NE(o.out.find("Trace: " + std::string(kAgentTraceEarlier)), std::string::npos);
}

TEST_F(TraceQueryTest, UnknownIdFindsNothing) {
    fill(success_spans());
    const Outcome o = run({.target = "deadbeef"});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(o.out, "No traces found.\n");
    EXPECT_EQ(run({.target = "deadbeef", .json = true}).out, "{\n  \"traces\": []\n}\n");
}

TEST_F(TraceQueryTest, BadTargetsFailWithTheReferenceMessages) {
    fill(success_spans());
    EXPECT_EQ(run({.target = "abc"}).err, "Error: Trace ID must be 8 or 32 hex characters.\n");
    EXPECT_EQ(run({.target = "00000000"}).err, "Error: Short trace ID must be 8 hex characters.\n");
    const Outcome zeros = run({.target = std::string(32, '0')});
    EXPECT_EQ(zeros.rc, 1);
    EXPECT_EQ(zeros.err, "Error: Trace ID must be 32 hex characters.\n");
}

TEST_F(TraceQueryTest, WhereBadFormat) {
    fill(success_spans());
    const Outcome o = run({.where = {"bad-format"}});
    EXPECT_EQ(o.rc, 1);
    EXPECT_EQ(o.err, "Error: Invalid --where filter(s): bad-format. Use key=value.\n");
}

TEST_F(TraceQueryTest, WhereUnknownKey) {
    fill(success_spans());
    const Outcome o = run({.where = {"not.a.real.key=1"}});
    EXPECT_EQ(o.rc, 1);
    EXPECT_EQ(o.err, "Error: Unknown --where key(s): not.a.real.key\n");
}

TEST_F(TraceQueryTest, WhereMatchesAndCombinesWithAnd) {
    fill(success_spans());
    const Outcome both = run({.target = "any", .where = {"agent_id=weather_agent"}, .json = true});
    EXPECT_EQ(json_trace_ids(both), (std::vector<std::string>{std::string(kAgentTrace),
                                                              std::string(kAgentTraceEarlier)}));
    const Outcome none = run({.target = "any",
                              .where = {"agent_id=weather_agent", "http.status_code=500"},
                              .json = true});
    EXPECT_EQ(none.rc, 0);
    EXPECT_EQ(json::parse(none.out), json::parse(R"({"traces": []})"));
}

TEST_F(TraceQueryTest, WhereKnownKeyWithoutMatchIsNotAnError) {
    fill(success_spans());
    const Outcome o = run({.where = {"agent_id=billing_agent"}});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(o.out, "No traces found.\n");
}

TEST_F(TraceQueryTest, WhereMatchIsShownInTheTree) {
    fill(success_spans());
    EXPECT_NE(run({.where = {"agent_id=weather_agent"}}).out.find("agent_id: weather_agent"),
              std::string::npos);
}

TEST_F(TraceQueryTest, FilterKeepsOnlyMatchingKeys) {
    fill(success_spans());
    const Outcome o = run({.target = "any", .filter = {"http.*"}, .json = true});
    const json::value v = json::parse(o.out);
    for (const json::value& t : v.at("traces").as_array()) {
        for (const json::value& s : t.at("spans").as_array()) {
            for (const json::value& a : s.at("attributes").as_array()) {
                EXPECT_TRUE(std::string_view(a.at("key").as_string()).starts_with("http."));
            }
        }
    }
    EXPECT_EQ(v.at("traces").at(0).at("spans").at(0).at("attributes").as_array().size(), 2u);
}

TEST_F(TraceQueryTest, FilterWithoutMatchWarnsAndReturnsUnfilteredTraces) {
    fill(success_spans());
    const Outcome o = run({.target = "any", .filter = {"not-found-*"}, .json = true});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(o.err,
              "Warning: Filter key(s) not found: not-found-*. Returning unfiltered traces.\n");
    EXPECT_EQ(json_trace_ids(o).size(), 2u);
    const json::value v = json::parse(o.out);  // the warning never corrupts JSON on stdout
    EXPECT_EQ(v.at("traces").at(0).at("spans").at(0).at("attributes").as_array().size(), 8u);
}

TEST_F(TraceQueryTest, FilterEmptyToken) {
    fill(success_spans());
    const Outcome o = run({.filter = {"http.method,"}});
    EXPECT_EQ(o.rc, 1);
    EXPECT_EQ(o.err, "Error: Filter contains empty tokens.\n");
}

TEST_F(TraceQueryTest, FilterShowsTheChosenAttributesInText) {
    fill(success_spans());
    const Outcome o = run({.filter = {"node_id"}});
    EXPECT_NE(o.out.find("node_id: gw-1"), std::string::npos) << o.out;
    EXPECT_EQ(o.out.find("http.method"), std::string::npos) << o.out;
}

TEST_F(TraceQueryTest, SinceWindow) {
    fill(success_spans());
    now_ = at(1'999'999'999'000'000'000);
    EXPECT_EQ(run({.since = "1m", .json = true}).out, "{\n  \"traces\": []\n}\n");
    now_ = at(kT0 + 500 * kMs);  // the older trace started 1.5 s ago, the newer 0.5 s ago
    const Outcome o = run({.since = "1", .json = true});
    EXPECT_EQ(json_trace_ids(o), std::vector<std::string>{std::string(kAgentTrace)});
    now_ = at(kT0 + 3600 * 1000 * kMs);
    EXPECT_EQ(json_trace_ids(run({.since = "2h", .json = true})).size(), 2u);
}

TEST_F(TraceQueryTest, BadSinceIsAnError) {
    fill(success_spans());
    const Outcome o = run({.since = "5 minutes"});
    EXPECT_EQ(o.rc, 1);
    EXPECT_NE(o.err.find("Invalid --since value '5 minutes'"), std::string::npos);
}

TEST_F(TraceQueryTest, LimitNegative) {
    fill(success_spans());
    const Outcome o = run({.limit = -1});
    EXPECT_EQ(o.rc, 1);
    EXPECT_EQ(o.err, "Error: Limit must be greater than or equal to 0.\n");
}

TEST_F(TraceQueryTest, LimitCutsJson) {
    fill(failure_spans());
    EXPECT_EQ(json_trace_ids(run({.limit = 2, .json = true})).size(), 2u);
}

TEST_F(TraceQueryTest, EmptyStore) {
    fill({});
    const Outcome o = run({});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(o.out, "No traces found.\n");
}

TEST_F(TraceQueryTest, MissingStoreSaysHowToStartTheCollector) {
    const Outcome o = run({});
    EXPECT_EQ(o.rc, 0);
    EXPECT_EQ(o.out, "");
    EXPECT_NE(o.err.find("No trace store at " + store_path().string()), std::string::npos);
    EXPECT_NE(o.err.find("planoai up --with-tracing"), std::string::npos);
    EXPECT_NE(o.err.find("planoai trace listen"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(store_path()));  // looking does not create it
    EXPECT_EQ(run({.json = true}).out, "{\n  \"traces\": []\n}\n");
    EXPECT_EQ(run({.list = true, .json = true}).out, "{\n  \"trace_ids\": []\n}\n");
}

TEST_F(TraceQueryTest, FailureFixtureKeepsNewestFirstOrder) {
    fill(failure_spans());
    EXPECT_EQ(json_trace_ids(run({.target = "any", .json = true})),
              (std::vector<std::string>{std::string(kTrace503), std::string(kTrace429),
                                        std::string(kTrace500)}));
}

TEST_F(TraceQueryTest, FailureFixtureWhereOnStatus) {
    fill(failure_spans());
    for (const auto& [code, id] :
         {std::pair{"503", kTrace503}, std::pair{"429", kTrace429}, std::pair{"500", kTrace500}}) {
        const Outcome o = run(
            {.target = "any", .where = {std::string("http.status_code=") + code}, .json = true});
        EXPECT_EQ(json_trace_ids(o), std::vector<std::string>{std::string(id)}) << code;
    }
}

TEST_F(TraceQueryTest, FailureFixtureDefaultRender) {
    fill(failure_spans());
    const Outcome o = run({});
    EXPECT_NE(o.out.find("Service Unavailable"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("503"), std::string::npos);
}

TEST_F(TraceQueryTest, FailureFixtureFilterOneKey) {
    fill(failure_spans());
    const json::value v =
        json::parse(run({.target = "any", .filter = {"http.status_code"}, .json = true}).out);
    for (const json::value& t : v.at("traces").as_array()) {
        for (const json::value& s : t.at("spans").as_array()) {
            for (const json::value& a : s.at("attributes").as_array()) {
                EXPECT_EQ(a.at("key").as_string(), "http.status_code");
            }
        }
    }
}

TEST_F(TraceQueryTest, PickerShowsTheChosenTrace) {
    fill(failure_spans());
    const Outcome o = run({.list = true}, true, "x\n2\n");
    EXPECT_EQ(o.rc, 0);
    EXPECT_NE(o.out.find("Select a trace to view:"), std::string::npos);
    EXPECT_NE(o.out.find("   3) b2c3d4e5"), std::string::npos);
    EXPECT_NE(o.out.find("Not a number between 1 and 3."), std::string::npos);
    EXPECT_NE(o.out.find("Trace: " + std::string(kTrace429)), std::string::npos) << o.out;
    EXPECT_EQ(o.out.find("Trace: " + std::string(kTrace503)), std::string::npos);
}

TEST_F(TraceQueryTest, PickerCancelsOnEmptyAnswerOrEndOfInput) {
    fill(failure_spans());
    for (const char* input : {"\n", ""}) {
        const Outcome o = run({.since = "1d"}, true, input);
        EXPECT_EQ(o.rc, 0);
        EXPECT_TRUE(o.out.ends_with("Cancelled.\n")) << o.out;
        EXPECT_EQ(o.out.find("Trace: "), std::string::npos);
    }
}

TEST_F(TraceQueryTest, PickerIsSkippedForASingleMatch) {
    fill(failure_spans());
    const Outcome o = run({.where = {"http.status_code=500"}, .list = true}, true);
    EXPECT_EQ(o.out.find("Select a trace"), std::string::npos);
    EXPECT_NE(o.out.find("Trace: " + std::string(kTrace500)), std::string::npos) << o.out;
}

TEST_F(TraceQueryTest, NoPickerWithATargetOrWithoutATerminal) {
    fill(failure_spans());
    EXPECT_EQ(run({.list = true}, false).out,
              "\nTrace IDs:\n  - f7a31829\n  - a1b2c3d4\n  - b2c3d4e5\n");
    EXPECT_EQ(run({.list = true, .no_interactive = true}, true).out.find("Select"),
              std::string::npos);
    EXPECT_NE(run({}, true).out.find("Trace: " + std::string(kTrace503)), std::string::npos);
}

}  // namespace
}  // namespace gw::cli
