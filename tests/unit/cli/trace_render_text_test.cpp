// The text tree of `planoai trace`: golden strings without colour, colour as pure decoration.

#include "gw/cli/trace_render_text.hpp"

#include <gtest/gtest.h>

#include "trace_fixtures.hpp"
#include <regex>

namespace gw::cli {
namespace {

using namespace gw::cli::testing;
using namespace std::chrono_literals;

collector::StoredTrace trace_of(std::vector<collector::StoredSpan> spans) {
    const telemetry::TraceId id = spans.front().trace_id;
    return {id, std::move(spans)};
}

std::string strip_ansi(const std::string& text) {
    return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

TEST(TraceTextRender, NestedTreeWithKeyAttributes) {
    const std::string expected = R"(
Trace: 86f2b1c0d4e5f60718293a4b5c6d143b (250ms total)

┗━━ 0ms plano(llm) POST /v1/chat/completions fast -> openai/gpt-4o-mini (250ms)
    ┣━━ http.status_code: 200
    ┣━━ http.method: POST
    ┣━━ llm.model: gpt-4o-mini
    ┣━━ llm.is_streaming: true
    ┣━━ gen_ai.response.finish_reasons: [stop]
    ┣━━ 1ms plano(routing) routing (3.0ms)
    ┃   ┗━━ route.selected_model: openai/gpt-4o-mini
    ┗━━ 5ms plano(outbound) POST api.openai.com/v1/chat/completions (235ms)
        ┣━━ http.status_code: 200
        ┣━━ server.address: api.openai.com
        ┗━━ 10ms plano(agent) weather_agent (190ms)
            ┗━━ agent.name: weather_agent
)";
    EXPECT_EQ(render_trace_text(trace_of(agent_trace(kAgentTrace, kT0)), {}), expected);
}

TEST(TraceTextRender, VerboseShowsEveryAttributeSortedAfterTheKnownOnes) {
    TextRenderOptions verbose;
    verbose.all_attributes = true;
    const std::string text = render_trace_text(trace_of(agent_trace(kAgentTrace, kT0)), verbose);
    const std::string expected_root =
        R"(┗━━ 0ms plano(llm) POST /v1/chat/completions fast -> openai/gpt-4o-mini (250ms)
    ┣━━ http.status_code: 200
    ┣━━ http.method: POST
    ┣━━ llm.model: gpt-4o-mini
    ┣━━ llm.is_streaming: true
    ┣━━ agent_id: weather_agent
    ┣━━ gen_ai.request.temperature: 0.7
    ┣━━ gen_ai.response.finish_reasons: [stop]
    ┣━━ node_id: gw-1
    ┣━━ 1ms plano(routing) routing (3.0ms)
)";
    EXPECT_NE(text.find(expected_root), std::string::npos) << text;
    EXPECT_NE(text.find("┣━━ upstream_cluster: openai\n"), std::string::npos) << text;
}

TEST(TraceTextRender, ExtraKeysAreShownWithoutVerbose) {
    const auto trace = trace_of(agent_trace(kAgentTrace, kT0));
    EXPECT_EQ(render_trace_text(trace, {}).find("agent_id"), std::string::npos);
    TextRenderOptions options;
    options.extra_keys = {"agent_id"};
    EXPECT_NE(render_trace_text(trace, options).find("┣━━ agent_id: weather_agent\n"),
              std::string::npos);
}

TEST(TraceTextRender, FailedSpansSayWhy) {
    const std::vector<collector::StoredSpan> failures = failure_spans();
    const std::string expected = R"(
Trace: f7a31829c4b5d6e8a9f0b1c2d3e4f5a6 (798ms total)

┗━━ 0ms plano(inbound) POST /v1/chat/completions (798ms) ✗ 503 Service Unavailable
    ┣━━ http.status_code: 503 💥
    ┣━━ http.method: POST
    ┗━━ 5ms plano(orchestrator) travel_booking_service (700ms)
        ┗━━ selection.agents: weather_agent
)";
    EXPECT_EQ(render_trace_text(trace_of({failures[0], failures[1]}), {}), expected);
    EXPECT_NE(render_trace_text(trace_of({failures[2]}), {})
                  .find("✗ 429 Too Many Requests\n    ┗━━ http.status_code: 429 🚦\n"),
              std::string::npos);
}

TEST(TraceTextRender, SpanStatusErrorAndErrorMessages) {
    collector::StoredSpan failed = make_span(
        kTrace500, kT0, {"00000000000000d1", std::nullopt, "plano(llm)", "call", 0, 40, {}});
    failed.status = {telemetry::StatusCode::Error, "upstream reset"};
    EXPECT_NE(render_trace_text(trace_of({failed}), {}).find("call (40ms) ✗ upstream reset\n"),
              std::string::npos);
    failed.attributes = {{"error.message", std::string("boom")}};
    EXPECT_NE(render_trace_text(trace_of({failed}), {}).find("✗ boom\n    ┗━━ error.message: boom"),
              std::string::npos);
}

TEST(TraceTextRender, SeveralRootsAndOrphansShareTheTopLevel) {
    std::vector<collector::StoredSpan> spans = agent_trace(kAgentTrace, kT0);
    spans.erase(spans.begin());  // the llm root is gone: routing and outbound are orphans
    const std::string text = render_trace_text(trace_of(spans), {});
    // Offsets count from the earliest remaining span (routing, at 1 ms).
    EXPECT_NE(text.find("\n┣━━ 0ms plano(routing) routing (3.0ms)\n┃   ┗━━ route.selected_model"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\n┗━━ 4ms plano(outbound)"), std::string::npos) << text;
    EXPECT_NE(text.find("(239ms total)"), std::string::npos) << text;  // from 1 ms to 240 ms
}

TEST(TraceTextRender, ColourIsDecorationOnly) {
    const auto trace = trace_of(agent_trace(kAgentTrace, kT0));
    TextRenderOptions color;
    color.color = true;
    const std::string colored = render_trace_text(trace, color);
    EXPECT_NE(colored.find("\x1b["), std::string::npos);
    EXPECT_EQ(strip_ansi(colored), render_trace_text(trace, {}));
    EXPECT_EQ(render_trace_text(trace, {}).find('\x1b'), std::string::npos);
}

TEST(TraceTextRender, ControlCharactersInSpanDataAreEscaped) {
    collector::StoredSpan s = make_span(kTrace500, kT0,
                                        {"00000000000000d1",
                                         std::nullopt,
                                         "evil\x1b[2J",
                                         "line1\nline2",
                                         0,
                                         1,
                                         {{"http.method", std::string("\x07GET")}}});
    const std::string text = render_trace_text(trace_of({s}), {});
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\x07'), std::string::npos);
    EXPECT_NE(text.find("evil\\x1b[2J line1\\nline2"), std::string::npos) << text;
    EXPECT_NE(text.find("http.method: \\x07GET"), std::string::npos) << text;
}

TEST(TraceTextRender, MissingServiceAndEmptyTrace) {
    collector::StoredSpan s =
        make_span(kTrace500, kT0, {"00000000000000d1", std::nullopt, "", "op", 0, 1, {}});
    EXPECT_NE(render_trace_text(trace_of({s}), {}).find("0ms plano(unknown) op"),
              std::string::npos);
    EXPECT_EQ(render_trace_text({tid(kTrace500), {}}, {}), "No spans found for this trace.\n");
}

TEST(TraceDuration, Format) {
    EXPECT_EQ(format_duration(0ns), "0.0ms");
    EXPECT_EQ(format_duration(260us), "0.3ms");
    EXPECT_EQ(format_duration(2500us), "2.5ms");
    EXPECT_EQ(format_duration(10ms), "10ms");
    EXPECT_EQ(format_duration(798ms), "798ms");
    EXPECT_EQ(format_duration(9999ms), "9999ms");
    EXPECT_EQ(format_duration(12340ms), "12.3s");
}

TEST(TraceIdList, ShortIdsOrNotice) {
    const std::vector<collector::TraceSummary> traces = {{tid(kTrace503), {}, {}, 1, {}, {}},
                                                         {tid(kTrace429), {}, {}, 1, {}, {}}};
    EXPECT_EQ(render_trace_id_list(traces, false), "\nTrace IDs:\n  - f7a31829\n  - a1b2c3d4\n");
    EXPECT_EQ(render_trace_id_list({}, false), "No trace IDs found.\n");
    EXPECT_EQ(render_trace_id_list({}, true), "\x1b[33mNo trace IDs found.\x1b[0m\n");
}

TEST(TracePickerMenu, NumberedEntries) {
    const std::vector<PickerEntry> entries = {
        {{tid(kTrace503), at(kT0), at(kT0 + 798 * kMs), 2, "POST /v1/chat/completions",
          "plano(inbound)"},
         "2023-11-14 22:13:20"},
        {{tid(kTrace429), at(kT0), at(kT0 + 12 * kMs), 1, "", ""}, "2023-11-14 22:13:18"},
    };
    EXPECT_EQ(render_picker(entries, false, false),
              "\nSelect a trace to view:\n"
              "   1) f7a31829  798ms total • 2023-11-14 22:13:20  plano(inbound) POST "
              "/v1/chat/completions\n"
              "   2) a1b2c3d4  12ms total • 2023-11-14 22:13:18  (root span missing)\n");
    EXPECT_NE(render_picker(entries, true, false).find("older traces not shown"),
              std::string::npos);
}

}  // namespace
}  // namespace gw::cli
