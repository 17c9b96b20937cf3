// The --json output: the reference's shape, parsed back field by field, and its exact layout.

#include "gw/cli/trace_render_json.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "trace_fixtures.hpp"
#include <limits>

namespace gw::cli {
namespace {

using namespace gw::cli::testing;
namespace json = boost::json;

json::value parse(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    EXPECT_FALSE(ec) << text;
    return v;
}

TEST(TraceJsonRender, ReferenceShape) {
    const collector::StoredTrace trace{tid(kAgentTrace), agent_trace(kAgentTrace, kT0)};
    const json::value v = parse(render_traces_json({&trace, 1}));
    const json::array& traces = v.at("traces").as_array();
    ASSERT_EQ(traces.size(), 1u);
    EXPECT_EQ(traces[0].at("trace_id").as_string(), kAgentTrace);
    const json::array& spans = traces[0].at("spans").as_array();
    ASSERT_EQ(spans.size(), 4u);

    const json::object& root = spans[0].as_object();
    std::vector<std::string> keys;
    for (const auto& kv : root) keys.emplace_back(kv.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"traceId", "spanId", "parentSpanId", "name",
                                              "startTimeUnixNano", "endTimeUnixNano", "service",
                                              "attributes"}));
    EXPECT_EQ(root.at("traceId").as_string(), kAgentTrace);
    EXPECT_EQ(root.at("spanId").as_string(), "00000000000000a1");
    EXPECT_EQ(root.at("parentSpanId").as_string(), "");
    EXPECT_EQ(root.at("name").as_string(), "POST /v1/chat/completions fast -> openai/gpt-4o-mini");
    EXPECT_EQ(root.at("startTimeUnixNano").as_string(), "1700000000000000000");
    EXPECT_EQ(root.at("endTimeUnixNano").as_string(), "1700000000250000000");
    EXPECT_EQ(root.at("service").as_string(), "plano(llm)");
    EXPECT_EQ(spans[1].at("parentSpanId").as_string(), "00000000000000a1");

    const json::array& attributes = root.at("attributes").as_array();
    ASSERT_EQ(attributes.size(), 8u);
    EXPECT_EQ(attributes[0],
              (json::object{{"key", "http.method"}, {"value", {{"stringValue", "POST"}}}}));
    EXPECT_EQ(attributes[1].at("value"), (json::object{{"intValue", "200"}}));
    EXPECT_EQ(attributes[3].at("value"), (json::object{{"boolValue", true}}));
    EXPECT_EQ(attributes[4].at("value").at("doubleValue").as_double(), 0.7);
    EXPECT_EQ(attributes[5].at("value"),
              json::parse(R"({"arrayValue":{"values":[{"stringValue":"stop"}]}})"));
}

TEST(TraceJsonRender, PrettyLayoutAndNumberSpelling) {
    collector::StoredSpan s = make_span(kTrace500, 5,
                                        {"00000000000000d1",
                                         "00000000000000d0",
                                         "svc",
                                         "op \"q\"",
                                         0,
                                         0,
                                         {{"whole", 2.0}, {"small", 1e-7}}});
    s.end_time = at(7);
    const collector::StoredTrace trace{tid(kTrace500), {s}};
    EXPECT_EQ(render_traces_json({&trace, 1}), R"({
  "traces": [
    {
      "trace_id": "b2c3d4e5f60718293a4b5c6d7e8f9001",
      "spans": [
        {
          "traceId": "b2c3d4e5f60718293a4b5c6d7e8f9001",
          "spanId": "00000000000000d1",
          "parentSpanId": "00000000000000d0",
          "name": "op \"q\"",
          "startTimeUnixNano": "5",
          "endTimeUnixNano": "7",
          "service": "svc",
          "attributes": [
            {
              "key": "whole",
              "value": {
                "doubleValue": 2.0
              }
            },
            {
              "key": "small",
              "value": {
                "doubleValue": 1e-07
              }
            }
          ]
        }
      ]
    }
  ]
}
)");
}

TEST(TraceJsonRender, NonFiniteDoublesStayValidJson) {
    collector::StoredSpan s = make_span(kTrace500, kT0,
                                        {"00000000000000d1",
                                         std::nullopt,
                                         "svc",
                                         "op",
                                         0,
                                         1,
                                         {{"nan", std::numeric_limits<double>::quiet_NaN()},
                                          {"inf", -std::numeric_limits<double>::infinity()}}});
    const collector::StoredTrace trace{tid(kTrace500), {s}};
    const json::value v = parse(render_traces_json({&trace, 1}));
    const json::array& attributes =
        v.at("traces").at(0).at("spans").at(0).at("attributes").as_array();
    EXPECT_EQ(attributes[0].at("value").at("doubleValue").as_string(), "NaN");
    EXPECT_EQ(attributes[1].at("value").at("doubleValue").as_string(), "-Infinity");
}

TEST(TraceJsonRender, EmptyResults) {
    EXPECT_EQ(render_traces_json({}), "{\n  \"traces\": []\n}\n");
    EXPECT_EQ(render_trace_ids_json({}), "{\n  \"trace_ids\": []\n}\n");
}

TEST(TraceJsonRender, TraceIds) {
    const std::vector<collector::TraceSummary> ids = {{tid(kTrace503), {}, {}, 1, {}, {}},
                                                      {tid(kTrace429), {}, {}, 1, {}, {}}};
    EXPECT_EQ(render_trace_ids_json(ids), R"({
  "trace_ids": [
    "f7a31829c4b5d6e8a9f0b1c2d3e4f5a6",
    "a1b2c3d4e5f60718293a4b5c6d7e8f90"
  ]
}
)");
}

}  // namespace
}  // namespace gw::cli
