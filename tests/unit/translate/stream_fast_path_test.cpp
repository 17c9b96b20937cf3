// The decoders' fast path (stream_fast_read.hpp) against their DOM path: for every transcript and
// for hand-made variants of the hot events (escapes, nulls, duplicates, extra members, odd
// types, malformed JSON), both give the encoder the same calls. Every event is fed twice, so the
// second read also goes through what the first taught the decoder (the repeated envelope).

#include "gw/sse/scanner.hpp"
#include "gw/translate/stream_codecs.hpp"
#include "gw/translate/stream_fast_read.hpp"

#include <gtest/gtest.h>

#include "stream_cases.hpp"
#include "support/recording_stream_encoder.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace gw::translate::detail {
namespace {

using translate::testing::kChatError;
using translate::testing::kChatText;
using translate::testing::kChatToolCalls;
using translate::testing::kChatUnterminated;
using translate::testing::kMessagesError;
using translate::testing::kMessagesFull;
using translate::testing::kMessagesUnterminated;

enum class Upstream { Chat, Messages };

std::string decode(Upstream upstream, DecodePath path, const std::vector<std::string>& events) {
    auto decoder = upstream == Upstream::Chat ? make_chat_stream_decoder(path)
                                              : make_messages_stream_decoder(path);
    gw::testing::RecordingStreamEncoder encoder;
    std::string calls;
    for (const std::string& data : events) {
        decoder->on_event({.event = {}, .data = data, .id = {}}, encoder, calls);
    }
    return calls;
}

std::vector<std::string> events_of(std::string_view transcript) {
    std::vector<std::string> events;
    sse::SseScanner scanner;
    scanner.feed(transcript, [&](const sse::SseEvent& event) { events.emplace_back(event.data); });
    return events;
}

void expect_same_calls(Upstream upstream, const std::vector<std::string>& events) {
    EXPECT_EQ(decode(upstream, DecodePath::Fast, events),
              decode(upstream, DecodePath::DomOnly, events));
}

// The shapes providers send for nearly every event are read by the fast path itself.
TEST(StreamFastPath, ReadsOpenAisTextChunkAndLearnsItsEnvelope) {
    const std::string head =
        R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1731000000,)"
        R"("model":"gpt-4o","system_fingerprint":"fp_1","usage":null,"choices":[{"index":0,)";
    // The answers are views into the event data, which the caller keeps alive.
    const std::string text_chunk =
        head + R"("delta":{"content":" quick\n"},"logprobs":null,"finish_reason":null}]})";
    const std::string reasoning_chunk =
        head + R"("delta":{"reasoning_content":"hm"},"logprobs":null,"finish_reason":null}]})";
    std::string scratch;
    ChatFastState state;
    const auto first = read_chat_text_delta(text_chunk, scratch, state);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->content, " quick\n");
    EXPECT_EQ(state.prefix, head.substr(0, head.find(R"(,"choices")")));
    const auto second = read_chat_text_delta(reasoning_chunk, scratch, state);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->reasoning_content, "hm");
    EXPECT_TRUE(second->content.empty());
}

TEST(StreamFastPath, LeavesFinishReasonsAndToolCallsToTheDom) {
    std::string scratch;
    ChatFastState state;
    EXPECT_FALSE(read_chat_text_delta(R"({"choices":[{"delta":{},"finish_reason":"stop"}]})",
                                      scratch, state));
    EXPECT_FALSE(
        read_chat_text_delta(R"({"choices":[{"delta":{"tool_calls":[]}}]})", scratch, state));
}

TEST(StreamFastPath, ReadsAnthropicsTextDelta) {
    std::string scratch;
    BlockFastState state;
    const auto delta = read_block_delta(
        R"({"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"hi"}})",
        scratch, state);
    ASSERT_TRUE(delta.has_value());
    EXPECT_EQ(delta->index, 2);
    EXPECT_EQ(delta->type, "text_delta");
    EXPECT_EQ(delta->text, "hi");
    EXPECT_FALSE(read_block_delta(R"({"type":"message_stop"})", scratch, state));
}

TEST(StreamFastPath, ChatTranscriptsDecodeAsByTheDom) {
    for (const std::string* transcript :
         {&kChatText, &kChatToolCalls, &kChatError, &kChatUnterminated}) {
        expect_same_calls(Upstream::Chat, events_of(*transcript));
    }
}

TEST(StreamFastPath, MessagesTranscriptsDecodeAsByTheDom) {
    for (const std::string* transcript :
         {&kMessagesFull, &kMessagesError, &kMessagesUnterminated}) {
        expect_same_calls(Upstream::Messages, events_of(*transcript));
    }
}

constexpr std::string_view kChatStart =
    R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[]})";

class ChatVariant : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ChatVariant, DecodesAsByTheDom) {
    const std::string variant(GetParam());
    expect_same_calls(Upstream::Chat, {std::string(kChatStart), variant, variant, variant});
}

INSTANTIATE_TEST_SUITE_P(
    Chunks, ChatVariant,
    ::testing::Values(
        R"({"id":"c1","choices":[{"index":0,"delta":{"content":"a\nb \u00e9\ud83d\ude00"}}]})",
        R"({"id":"c1","choices":[{"delta":{"content":null,"refusal":null}}],"usage":null})",
        R"({"id":"c1","choices":[{"delta":{"reasoning_content":"think","content":"say"}}]})",
        R"({"id":"c1","choices":[{"delta":{"reasoning":"r","reasoning_content":""}}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x","content":"y"}}]})",
        R"({"id":"c1","choices":[{"delta":{"content":7}}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"},"finish_reason":"stop"}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"},"finish_reason":7}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"}},{"delta":{"content":"y"}}]})",
        R"({"id":"c1","choices":[{"delta":{"tool_calls":[{"index":0,"id":"t","function":{"name":"f"}}]}}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"}}],"usage":{"prompt_tokens":1}})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"}}],"error":{"message":"m"}})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"}}],"choices":[]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"}}]} trailing)",
        R"({"id":"c1","choices":[{"delta":{"content":"x"}}],})", R"({"id":"c1","choices":[]})",
        R"({"id":"c1","choices":null})", R"({"id":"c1","choices":[7]})",
        R"({"choices":[{"delta":{"content":"first member"}}],"id":"c1"})",
        R"({"id":"c1","choices":[{"delta":"text"}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"\ud800"}}]})",
        "{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"\xC3\"}}]}",
        R"({"id":"c1","choices":[{"delta":{"con\u0074ent":"escaped key"}}]})",
        R"({"id":"c1","created":123456789012345678901,"choices":[{"delta":{"content":"x"}}]})",
        R"({"id":"c1","choices":[{"delta":{"content":"x"},"logprobs":{"content":[]}}]})",
        R"( { "id" : "c1" , "choices" : [ { "delta" : { "content" : "spaced" } } ] } )"));

// A stream whose chunks all share one envelope, then one that changes it (another id): the
// envelope learnt from the first chunks must not be applied to the others.
TEST(StreamFastPath, ChangedEnvelopeIsReadAgain) {
    expect_same_calls(Upstream::Chat,
                      {std::string(kChatStart),
                       R"({"id":"c1","created":1,"choices":[{"delta":{"content":"a"}}]})",
                       R"({"id":"c1","created":1,"choices":[{"delta":{"content":"b"}}]})",
                       R"({"id":"c1","created":12,"choices":[{"delta":{"content":"c"}}]})",
                       R"({"id":"c1","created":1 ,"choices":[{"delta":{"content":"d"}}]})",
                       R"({"id":"c1","created":1,"choices":[{"delta":{"content":"e"}}],"x":{}})",
                       R"({"id":"c1","created":1,"choices"})"});
}

TEST(StreamFastPath, LearnsTheShapeOfATextDelta) {
    std::string scratch;
    BlockFastState state;
    const auto event = [](std::string_view text) {
        return R"({"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":")" +
               std::string(text) + R"("}})";
    };
    const std::string first = event("first");
    const std::string escaped = event(R"(a\nb \u00e9)");
    ASSERT_TRUE(read_block_delta(first, scratch, state));
    ASSERT_EQ(state.slot, &BlockDelta::text);
    const auto second = read_block_delta(escaped, scratch, state);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->text, "a\nb \xC3\xA9");
    EXPECT_EQ(second->index, 3);
    EXPECT_EQ(second->type, "text_delta");
}

// Events that share the learnt shape's bytes before and after the text but are not the same
// shape: what follows the opening quote is not one string token up to the suffix.
TEST(StreamFastPath, LookalikesOfALearntShapeDecodeAsByTheDom) {
    const std::string head =
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")";
    expect_same_calls(
        Upstream::Messages,
        {head + R"(learn"}})", head + R"(x","text":"y"}})", head + R"(x\"}})", head + R"("}})",
         head + "\x01\"}}", head + "\xC3\"}}", head + R"(\ud800"}})", head + R"(x"} }})",
         head + R"(x"}}"}})", head + R"(x","index":1}})", head + R"(ok"}})"});
    const std::string chat = R"({"id":"c1","choices":[{"index":0,"delta":{"content":")";
    const std::string tail = R"("},"finish_reason":null}]})";
    expect_same_calls(Upstream::Chat,
                      {std::string(kChatStart), chat + "learn" + tail, chat + "x" + tail,
                       chat + R"(x","content":"y)" + tail,
                       chat + R"(x"},"finish_reason":"stop"}],"z":{"a":")" + tail,
                       chat + R"(x"}}],"usage":{"prompt_tokens":")" + tail, chat + tail});
}

class MessagesVariant : public ::testing::TestWithParam<std::string_view> {};

TEST_P(MessagesVariant, DecodesAsByTheDom) {
    const std::string tool_block =
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}})";
    const std::string variant(GetParam());
    expect_same_calls(Upstream::Messages, {tool_block, variant, variant});
}

INSTANTIATE_TEST_SUITE_P(
    Events, MessagesVariant,
    ::testing::Values(
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\"b"}})",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}})",
        R"({"type":"content_block_delta","index":7,"delta":{"type":"input_json_delta","partial_json":"x"}})",
        R"({"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"hm"}})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"s"}})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"other","text":"t"}})",
        R"({"type":"content_block_delta","index":0,"delta":{"text":"no type"}})",
        R"({"type":"content_block_delta","index":1.0,"delta":{"type":"text_delta","text":"t"}})",
        R"({"type":"content_block_delta","index":"1","delta":{"type":"text_delta","text":"t"}})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":null}})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","text":"b"}})",
        R"({"type":"content_block_delta","type":"ping","delta":{"type":"text_delta","text":"t"}})",
        R"({"type":"content_block_delta","index":0,"delta":null})",
        R"({"type":"content_block_delta","index":0})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"t"},"x":[1]})",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"t"}})"
        " garbage",
        R"({"index":0,"delta":{"type":"text_delta","text":"typeless"}})"));

}  // namespace
}  // namespace gw::translate::detail
