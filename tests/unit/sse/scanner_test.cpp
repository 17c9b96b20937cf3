#include "gw/sse/scanner.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace gw::sse {
namespace {

struct Event {
    std::string event;
    std::string data;
    std::string id;
    bool operator==(const Event&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Event& e) {
    return os << "{event=" << e.event << " data=" << e.data << " id=" << e.id << "}";
}

using Events = std::vector<Event>;

// Feeds `bytes` in slices of `slice` bytes (0: all at once).
Events scan(std::string_view bytes, size_t slice = 0, SseScanner* scanner_out = nullptr) {
    SseScanner local;
    SseScanner& scanner = scanner_out ? *scanner_out : local;
    Events events;
    auto collect = [&](const SseEvent& e) {
        events.push_back({std::string(e.event), std::string(e.data), std::string(e.id)});
    };
    if (slice == 0) slice = bytes.size() + 1;
    for (size_t pos = 0; pos < bytes.size(); pos += slice) {
        EXPECT_TRUE(scanner.feed(bytes.substr(pos, slice), collect));
    }
    return events;
}

// A transcript as pieces that each end exactly at an event boundary.
struct Transcript {
    const char* name;
    std::vector<std::string> pieces;
    Events expected;

    [[nodiscard]] std::string bytes() const {
        std::string all;
        for (const auto& p : pieces) all += p;
        return all;
    }
    // Offsets after which nothing is buffered: each piece end, and before the last '\n' of a
    // piece ending in "\r\n" (the '\r' already ended the blank line).
    [[nodiscard]] std::set<size_t> boundaries() const {
        std::set<size_t> out{0};
        size_t offset = 0;
        for (const auto& p : pieces) {
            offset += p.size();
            out.insert(offset);
            if (p.size() >= 2 && p.compare(p.size() - 2, 2, "\r\n") == 0) out.insert(offset - 1);
        }
        return out;
    }
};

const std::vector<Transcript>& transcripts() {
    static const std::vector<Transcript> all = {
        {"openai_chat",
         {R"(data: {"id":"c1","choices":[{"delta":{"role":"assistant","content":""}}]})"
          "\n\n",
          R"(data: {"id":"c1","choices":[{"delta":{"content":"Hel"}}]})"
          "\n\n",
          R"(data: {"id":"c1","choices":[{"delta":{"content":"lo"}}]})"
          "\n\n",
          ": keep-alive\n", "\n",
          R"(data: {"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}})"
          "\n\n",
          "data: [DONE]\n\n"},
         {{"", R"({"id":"c1","choices":[{"delta":{"role":"assistant","content":""}}]})", ""},
          {"", R"({"id":"c1","choices":[{"delta":{"content":"Hel"}}]})", ""},
          {"", R"({"id":"c1","choices":[{"delta":{"content":"lo"}}]})", ""},
          {"", R"({"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}})", ""},
          {"", "[DONE]", ""}}},
        {"anthropic_messages",
         {"event: message_start\ndata: {\"type\":\"message_start\"}\n\n",
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":"
          "{\"text\":\"Hi\"}}\n\n",
          "event: ping\ndata: {\"type\": \"ping\"}\n\n",
          "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"},
         {{"message_start", R"({"type":"message_start"})", ""},
          {"content_block_delta", R"({"type":"content_block_delta","delta":{"text":"Hi"}})", ""},
          {"ping", R"({"type": "ping"})", ""},
          {"message_stop", R"({"type":"message_stop"})", ""}}},
        {"crlf_multiline_id",
         {"event: a\r\ndata: line1\r\ndata: line2\r\nid: 7\r\n\r\n", ": c\r\n",
          "data:no-space\r\ndata:  two-spaces\r\n\r\n", "data\r\n\r\n"},
         {{"a", "line1\nline2", "7"}, {"", "no-space\n two-spaces", ""}, {"", "", ""}}},
        {"cr_only",
         {"data: x\rdata: y\r\r", "event: e\rdata: {}\r\r"},
         {{"", "x\ny", ""}, {"e", "{}", ""}}},
    };
    return all;
}

class SseTranscripts : public ::testing::TestWithParam<Transcript> {};

TEST_P(SseTranscripts, WholeBufferGivesExpectedEvents) {
    EXPECT_EQ(scan(GetParam().bytes()), GetParam().expected);
}

TEST_P(SseTranscripts, AnySliceSizeGivesTheSameEvents) {
    const std::string bytes = GetParam().bytes();
    for (size_t slice : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}}) {
        EXPECT_EQ(scan(bytes, slice), GetParam().expected) << "slice " << slice;
    }
}

TEST_P(SseTranscripts, EverySplitPointGivesTheSameEvents) {
    const std::string bytes = GetParam().bytes();
    for (size_t split = 0; split <= bytes.size(); ++split) {
        SseScanner scanner;
        Events events;
        auto collect = [&](const SseEvent& e) {
            events.push_back({std::string(e.event), std::string(e.data), std::string(e.id)});
        };
        scanner.feed(std::string_view(bytes).substr(0, split), collect);
        scanner.feed(std::string_view(bytes).substr(split), collect);
        EXPECT_EQ(events, GetParam().expected) << "split at " << split;
    }
}

TEST_P(SseTranscripts, AtEventBoundaryExactlyBetweenEvents) {
    const std::string bytes = GetParam().bytes();
    const auto boundaries = GetParam().boundaries();
    SseScanner scanner;
    auto ignore = [](const SseEvent&) {};
    EXPECT_TRUE(scanner.at_event_boundary());
    for (size_t offset = 1; offset <= bytes.size(); ++offset) {
        scanner.feed(std::string_view(bytes).substr(offset - 1, 1), ignore);
        EXPECT_EQ(scanner.at_event_boundary(), boundaries.count(offset) == 1)
            << "after " << offset << " bytes: " << std::string_view(bytes).substr(0, offset);
    }
}

INSTANTIATE_TEST_SUITE_P(Streams, SseTranscripts, ::testing::ValuesIn(transcripts()),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(SseScanner, CommentsAndDatalessEventsAreNotDispatched) {
    EXPECT_EQ(scan(": hello\n\nevent: nothing\n\nid: 3\n\nretry: 10\n\n"), Events{});
}

TEST(SseScanner, FieldWithoutColonIsAFieldWithEmptyValue) {
    EXPECT_EQ(scan("data\ndata\n\n"), (Events{{"", "\n", ""}}));
}

TEST(SseScanner, UnknownFieldsAreIgnored) {
    EXPECT_EQ(scan("foo: bar\ndata: x\nDATA: y\n\n"), (Events{{"", "x", ""}}));
}

TEST(SseScanner, IncompleteEventAtEndIsNotDispatched) {
    SseScanner scanner;
    EXPECT_EQ(scan("data: one\n\ndata: two\n", 0, &scanner), (Events{{"", "one", ""}}));
    EXPECT_FALSE(scanner.at_event_boundary());
}

TEST(SseScanner, EventFieldsDoNotLeakIntoTheNextEvent) {
    EXPECT_EQ(scan("event: a\nid: 1\ndata: x\n\ndata: y\n\n"),
              (Events{{"a", "x", "1"}, {"", "y", ""}}));
}

TEST(SseScanner, OversizedEventFailsWithoutGrowing) {
    SseScanner scanner(64);
    size_t events = 0;
    auto count = [&](const SseEvent&) { ++events; };
    EXPECT_TRUE(scanner.feed("data: small\n\n", count));
    EXPECT_EQ(events, 1u);
    const std::string big(100, 'x');
    EXPECT_FALSE(scanner.feed("data: " + big, count));
    EXPECT_TRUE(scanner.failed());
    EXPECT_FALSE(scanner.feed("\n\ndata: after\n\n", count));
    EXPECT_EQ(events, 1u);
    scanner.reset();
    EXPECT_FALSE(scanner.failed());
    EXPECT_TRUE(scanner.feed("data: again\n\n", count));
    EXPECT_EQ(events, 2u);
}

TEST(SseScanner, ManyShortLinesOfOneEventAlsoCount) {
    SseScanner scanner(64);
    std::string many;
    for (int i = 0; i < 20; ++i) many += "data: abcd\n";
    EXPECT_FALSE(scanner.feed(many, [](const SseEvent&) {}));
    EXPECT_TRUE(scanner.failed());
}

TEST(SseScanner, CommentsDoNotCountTowardsTheLimit) {
    SseScanner scanner(64);
    std::string pings;
    for (int i = 0; i < 50; ++i) pings += ": ping\n";
    size_t events = 0;
    EXPECT_TRUE(scanner.feed(pings + "data: ok\n\n", [&](const SseEvent&) { ++events; }));
    EXPECT_EQ(events, 1u);
}

TEST(SseScanner, EventOfExactlyTheLimitPasses) {
    const std::string line = "data: " + std::string(57, 'y') + "\n";  // 64 bytes with '\n'
    SseScanner scanner(64);
    size_t events = 0;
    EXPECT_TRUE(scanner.feed(line + "\n", [&](const SseEvent&) { ++events; }));
    EXPECT_EQ(events, 1u);
}

}  // namespace
}  // namespace gw::sse
