// StreamTranslator as a whole: slice boundaries never change the output, fail() and oversized
// or garbage upstream events still give a well-formed, terminated client stream.

#include "gw/sse/scanner.hpp"

#include <gtest/gtest.h>

#include "stream_cases.hpp"
#include <string>
#include <vector>

namespace gw::translate::testing {
namespace {

struct Direction {
    const char* name;
    ApiFormat upstream;
    ApiFormat client;
    const std::string* transcript;
};

std::ostream& operator<<(std::ostream& out, const Direction& d) { return out << d.name; }

const Direction kDirections[] = {
    {"ChatTextToMessages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatText},
    {"ChatToolsToMessages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatToolCalls},
    {"ChatErrorToMessages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatError},
    {"ChatUnterminatedToMessages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages,
     &kChatUnterminated},
    {"ChatTextToResponses", ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, &kChatText},
    {"ChatToolsToResponses", ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, &kChatToolCalls},
    {"ChatErrorToResponses", ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, &kChatError},
    {"MessagesFullToChat", ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, &kMessagesFull},
    {"MessagesErrorToChat", ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, &kMessagesError},
    {"MessagesUnterminatedToChat", ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat,
     &kMessagesUnterminated},
    {"MessagesFullToResponses", ApiFormat::AnthropicMessages, ApiFormat::OpenAiResponses,
     &kMessagesFull},
    {"MessagesErrorToResponses", ApiFormat::AnthropicMessages, ApiFormat::OpenAiResponses,
     &kMessagesError},
};

// The client bytes when `upstream` arrives in the given slices.
std::string translate_slices(const Direction& d, const std::vector<std::string_view>& slices) {
    StreamTranslator translator(d.upstream, d.client);
    std::string out;
    for (std::string_view slice : slices) translator.feed(slice, out);
    translator.finish(out);
    return out;
}

// Equal up to the stamped creation time, which may tick between two translations; the regex
// only runs in that rare case, so thousands of comparisons stay fast.
::testing::AssertionResult same_output(const std::string& got, const std::string& expected) {
    if (got == expected || without_stamped_time(got) == without_stamped_time(expected)) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "got:\n" << got << "\nexpected:\n" << expected;
}

class SliceBoundaries : public ::testing::TestWithParam<Direction> {};

TEST_P(SliceBoundaries, EverySplitPointGivesTheWholeOutput) {
    const Direction& d = GetParam();
    const std::string_view upstream = *d.transcript;
    const std::string whole = translate_slices(d, {upstream});
    ASSERT_FALSE(whole.empty());
    // Every position, so each multi-byte UTF-8 character is also cut between its bytes.
    for (size_t cut = 0; cut <= upstream.size(); ++cut) {
        ASSERT_TRUE(same_output(
            translate_slices(d, {upstream.substr(0, cut), upstream.substr(cut)}), whole))
            << "split at byte " << cut;
    }
}

TEST_P(SliceBoundaries, OneByteAtATimeGivesTheWholeOutput) {
    const Direction& d = GetParam();
    const std::string_view upstream = *d.transcript;
    std::vector<std::string_view> bytes;
    for (size_t i = 0; i < upstream.size(); ++i) bytes.push_back(upstream.substr(i, 1));
    EXPECT_TRUE(same_output(translate_slices(d, bytes), translate_slices(d, {upstream})));
}

TEST_P(SliceBoundaries, OutputIsWellFramedSse) {
    const Direction& d = GetParam();
    const std::string out = translate_slices(d, {*d.transcript});
    EXPECT_TRUE(out.ends_with("\n\n"));
    sse::SseScanner scanner;
    size_t events = 0;
    EXPECT_TRUE(scanner.feed(out, [&](const sse::SseEvent&) { ++events; }));
    EXPECT_TRUE(scanner.at_event_boundary());
    EXPECT_GT(events, 2u);
}

std::string direction_name(const ::testing::TestParamInfo<Direction>& param) {
    return param.param.name;
}

INSTANTIATE_TEST_SUITE_P(Transcripts, SliceBoundaries, ::testing::ValuesIn(kDirections),
                         direction_name);

// ---- fail() ----------------------------------------------------------------------------------

// The upstream broke off after the first half of kChatText / kMessagesFull.
std::string failed_midway(ApiFormat upstream, ApiFormat client, std::string_view transcript) {
    StreamTranslator translator(upstream, client);
    std::string out;
    translator.feed(transcript.substr(0, transcript.size() / 2), out);
    translator.fail("upstream stream ended unexpectedly", out);
    // Nothing may follow the terminal error event.
    std::string after;
    translator.feed(transcript.substr(transcript.size() / 2), after);
    translator.finish(after);
    translator.fail("again", after);
    EXPECT_EQ(after, "");
    return without_stamped_time(out);
}

TEST(StreamFail, ChatClientGetsAnErrorPayloadAndNoDone) {
    const std::string out =
        failed_midway(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, kMessagesFull);
    EXPECT_TRUE(
        out.ends_with("data: {\"error\":{\"message\":\"upstream stream ended unexpectedly\","
                      "\"type\":\"api_error\",\"code\":null}}\n\n"))
        << out;
    EXPECT_EQ(out.find("[DONE]"), std::string::npos);
}

TEST(StreamFail, MessagesClientGetsAnErrorEvent) {
    const std::string out =
        failed_midway(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChatText);
    EXPECT_TRUE(out.starts_with("event: message_start\n")) << out;
    EXPECT_TRUE(
        out.ends_with("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                      "\"message\":\"upstream stream ended unexpectedly\"}}\n\n"))
        << out;
    EXPECT_EQ(out.find("message_stop"), std::string::npos);
}

TEST(StreamFail, ResponsesClientGetsResponseFailed) {
    const std::string out =
        failed_midway(ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, kChatText);
    const size_t failed = out.rfind("event: response.failed\n");
    ASSERT_NE(failed, std::string::npos) << out;
    EXPECT_EQ(out.find("\n\n", failed), out.size() - 2) << "response.failed is the last event";
    EXPECT_NE(out.find(R"("status":"failed","error":{"code":"api_error")", failed),
              std::string::npos);
}

TEST(StreamFail, BeforeAnyUpstreamByteStillOpensTheClientStream) {
    StreamTranslator translator(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages);
    std::string out;
    translator.fail("connection reset", out);
    EXPECT_EQ(out,
              "event: message_start\n"
              R"(data: {"type":"message_start","message":{"id":"","type":"message","role":)"
              R"("assistant","model":"","content":[],"stop_reason":null,"stop_sequence":null,)"
              R"("usage":{"input_tokens":0,"output_tokens":0}}})"
              "\n\n"
              "event: error\n"
              R"(data: {"type":"error","error":{"type":"api_error","message":"connection reset"}})"
              "\n\n");
}

TEST(StreamFail, AfterANormalEndChangesNothing) {
    StreamTranslator translator(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages);
    std::string out;
    translator.feed(kChatText, out);
    translator.finish(out);
    const std::string ended = out;
    translator.fail("late", out);
    translator.finish(out);
    EXPECT_EQ(out, ended);
}

// ---- hostile upstreams -----------------------------------------------------------------------

TEST(StreamUpstream, AnOversizedEventFailsTheStream) {
    StreamTranslator translator(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat);
    std::string out;
    const std::string huge = "data: " + std::string(sse::SseScanner::kDefaultMaxEventBytes, 'x');
    translator.feed(huge, out);
    EXPECT_TRUE(out.ends_with("\"type\":\"api_error\",\"code\":null}}\n\n")) << out;
    EXPECT_NE(out.find("larger than the gateway accepts"), std::string::npos);
}

TEST(StreamUpstream, UnparseableEventsAreSkipped) {
    const std::string noisy = sse({
                                  "data: {not json",
                                  "data: 42",
                                  ": a comment",
                              }) +
                              kChatUnterminated;
    EXPECT_TRUE(same_output(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, noisy),
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, kChatUnterminated)));
}

TEST(StreamUpstream, AnEmptyBodyGetsAMinimalEnvelope) {
    EXPECT_EQ(translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, ""),
              "event: message_start\n"
              R"(data: {"type":"message_start","message":{"id":"","type":"message","role":)"
              R"("assistant","model":"","content":[],"stop_reason":null,"stop_sequence":null,)"
              R"("usage":{"input_tokens":0,"output_tokens":0}}})"
              "\n\n"
              "event: message_delta\n"
              R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn",)"
              R"("stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":0}})"
              "\n\n"
              "event: message_stop\n"
              R"(data: {"type":"message_stop"})"
              "\n\n");
}

TEST(StreamUpstream, EventsAfterTheTerminatorAreIgnored) {
    const std::string trailing = kChatUnterminated + sse({"data: [DONE]"}) +
                                 sse({R"(data: {"choices":[{"delta":{"content":"late"}}]})"});
    const std::string out =
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, trailing);
    EXPECT_EQ(out.find("late"), std::string::npos);
    EXPECT_TRUE(out.ends_with("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

}  // namespace
}  // namespace gw::translate::testing
