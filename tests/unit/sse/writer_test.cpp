#include "gw/sse/writer.hpp"

#include "gw/sse/scanner.hpp"

#include <gtest/gtest.h>

namespace gw::sse {
namespace {

TEST(SseWriter, FormatsDataOnly) {
    std::string out;
    format_event(out, R"({"a":1})");
    EXPECT_EQ(out, "data: {\"a\":1}\n\n");
}

TEST(SseWriter, FormatsNamedEventAndAppends) {
    std::string out = "x";
    format_event(out, "{}", "message_stop");
    EXPECT_EQ(out, "xevent: message_stop\ndata: {}\n\n");
}

TEST(SseWriter, SplitsDataIntoLines) {
    std::string out;
    format_event(out, "a\nb\r\nc\rd\n");
    EXPECT_EQ(out, "data: a\ndata: b\ndata: c\ndata: d\ndata: \n\n");
}

TEST(SseWriter, EmptyDataStillDispatches) {
    std::string out;
    format_event(out, "");
    EXPECT_EQ(out, "data: \n\n");
}

TEST(SseWriter, LineBreaksInEventNameAreDropped) {
    std::string out;
    format_event(out, "x", "bad\nname");
    EXPECT_EQ(out, "event: badname\ndata: x\n\n");
}

TEST(SseWriter, Comment) {
    std::string out;
    format_comment(out, "ping\n");
    EXPECT_EQ(out, ": ping\n");
}

TEST(SseWriter, RoundTripsThroughTheScanner) {
    std::string out;
    format_event(out, " leading space\nsecond", "e");
    format_event(out, "");
    out += kDoneEvent;
    SseScanner scanner;
    std::vector<std::pair<std::string, std::string>> events;
    ASSERT_TRUE(scanner.feed(out, [&](const SseEvent& e) {
        events.emplace_back(std::string(e.event), std::string(e.data));
    }));
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0], std::make_pair(std::string("e"), std::string(" leading space\nsecond")));
    EXPECT_EQ(events[1].second, "");
    EXPECT_EQ(events[2].second, "[DONE]");
    EXPECT_TRUE(scanner.at_event_boundary());
}

}  // namespace
}  // namespace gw::sse
