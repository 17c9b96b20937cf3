// An Amazon Bedrock ConverseStream upstream streamed to Chat, Messages and Responses clients,
// from events as the event-stream framing hands them over (StreamTranslator::feed_event). The
// stream names no answer or model: a synthesised id ("bedrock-ID" once normalised) and an empty
// model; usage arrives in the metadata event after messageStop.

#include <gtest/gtest.h>

#include "unit/translate/converse_cases.hpp"
#include <set>
#include <string>
#include <vector>

namespace gw::translate::testing {
namespace {

constexpr auto kChat = ApiFormat::OpenAiChat;
constexpr auto kMessages = ApiFormat::AnthropicMessages;
constexpr auto kResponses = ApiFormat::OpenAiResponses;

// The shared printer for named cases, for this file's own case types too.
using gw::translate::testing::operator<<;

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// ---- Chat ------------------------------------------------------------------------------------

TEST(StreamConverseToChat, TextAndUsage) {
    EXPECT_EQ(
        translate_events(kChat, kConverseText),
        sse({
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"content":"Héllo"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"content":" wörld 😀"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}})",
            R"(data: [DONE])",
        }));
}

// Tool calls are numbered in arrival order (content indices 2 and 3 become calls 0 and 1).
TEST(StreamConverseToChat, ReasoningTextToolCallsAndCacheUsage) {
    EXPECT_EQ(
        translate_events(kChat, kConverseFull),
        sse({
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"reasoning_content":"Let me check."},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"content":"Looking \"it\" up…"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"tooluse_01","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Par"}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"is\"}"}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"tooluse_02","type":"function","function":{"name":"get_time","arguments":""}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[],"usage":{"prompt_tokens":60,"completion_tokens":42,"total_tokens":102,"prompt_tokens_details":{"cached_tokens":30},"cache_creation_input_tokens":20}})",
            R"(data: [DONE])",
        }));
}

TEST(StreamConverseToChat, ExceptionEndsTheStreamWithoutDone) {
    EXPECT_EQ(
        translate_events(kChat, kConverseException),
        sse({
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"error":{"message":"Too many tokens, please wait before trying again.","type":"throttlingException","code":null}})",
        }));
}

TEST(StreamConverseToChat, UnterminatedStreamStillGetsDone) {
    EXPECT_EQ(
        translate_events(kChat, kConverseUnterminated),
        sse({
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]})",
            R"(data: [DONE])",
        }));
}

TEST(StreamConverseToChat, UsageChunkOnlyWhenTheClientAskedButUsageStillReported) {
    StreamTranslator translator(ApiFormat::BedrockConverse, kChat,
                                {.chat_usage_chunk = false, .fallback_model = {}});
    std::string out;
    for (const ConverseEvent& e : kConverseFull)
        translator.feed_event({e.type, e.payload, {}}, out);
    translator.finish(out);
    EXPECT_FALSE(contains(out, R"("usage")"));
    EXPECT_TRUE(out.ends_with("data: [DONE]\n\n"));
    ASSERT_TRUE(translator.usage().has_value());
    EXPECT_EQ(translator.usage()->input_tokens, 60);
    EXPECT_EQ(translator.usage()->output_tokens, 42);
    EXPECT_EQ(translator.usage()->total_tokens, 102);
    EXPECT_EQ(translator.usage()->cached_input_tokens, 30);
    EXPECT_EQ(translator.usage()->cache_creation_input_tokens, 20);
}

// ---- Messages --------------------------------------------------------------------------------

TEST(StreamConverseToMessages, TextWithUsageInMessageDelta) {
    EXPECT_EQ(
        translate_events(kMessages, kConverseText),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"bedrock-ID","type":"message","role":"assistant","model":"","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo"}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" wörld 😀"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})",
            "event: message_delta\n"
            R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":12,"output_tokens":5}})",
            "event: message_stop\n"
            R"(data: {"type":"message_stop"})",
        }));
}

// The signature reaches the thinking block: Claude wants it back with the thinking next turn.
// input_tokens is Anthropic's again (without the cache counts).
TEST(StreamConverseToMessages, ThinkingWithSignatureTextAndToolUse) {
    EXPECT_EQ(
        translate_events(kMessages, kConverseFull),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"bedrock-ID","type":"message","role":"assistant","model":"","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me check."}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Looking \"it\" up…"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":1})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"tooluse_01","name":"get_weather","input":{}}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Par"}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"is\"}"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":2})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"tooluse_02","name":"get_time","input":{}}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"tz\":\"CET\"}"}})",
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":3})",
            "event: message_delta\n"
            R"(data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":10,"output_tokens":42,"cache_read_input_tokens":30,"cache_creation_input_tokens":20}})",
            "event: message_stop\n"
            R"(data: {"type":"message_stop"})",
        }));
}

TEST(StreamConverseToMessages, ExceptionBecomesAnErrorEvent) {
    EXPECT_EQ(
        translate_events(kMessages, kConverseException),
        sse({
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"bedrock-ID","type":"message","role":"assistant","model":"","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})",
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})",
            "event: error\n"
            R"(data: {"type":"error","error":{"type":"throttlingException","message":"Too many tokens, please wait before trying again."}})",
        }));
}

// ---- Responses -------------------------------------------------------------------------------

TEST(StreamConverseToResponses, ReasoningTextAndFunctionCallsWithCacheUsage) {
    EXPECT_EQ(translate_events(kResponses, kConverseFull), sse({
                                                               "event: response.created\n"
                                                               R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_bedrock-ID","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"","output":[]}})",
                                                               "event: response.in_progress\n"
                                                               R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_bedrock-ID","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"","output":[]}})",
                                                               "event: response.output_item.added\n"
                                                               R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"reasoning","id":"rs_bedrock-ID","summary":[]}})",
                                                               "event: "
                                                               "response.reasoning_summary_part."
                                                               "added\n"
                                                               R"(data: {"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"rs_bedrock-ID","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}})",
                                                               "event: "
                                                               "response.reasoning_summary_text."
                                                               "delta\n"
                                                               R"(data: {"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_bedrock-ID","output_index":0,"summary_index":0,"delta":"Let me check."})",
                                                               "event: "
                                                               "response.reasoning_summary_text."
                                                               "done\n"
                                                               R"(data: {"type":"response.reasoning_summary_text.done","sequence_number":5,"item_id":"rs_bedrock-ID","output_index":0,"summary_index":0,"text":"Let me check."})",
                                                               "event: "
                                                               "response.reasoning_summary_part."
                                                               "done\n"
                                                               R"(data: {"type":"response.reasoning_summary_part.done","sequence_number":6,"item_id":"rs_bedrock-ID","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"Let me check."}})",
                                                               "event: response.output_item.done\n"
                                                               R"(data: {"type":"response.output_item.done","sequence_number":7,"output_index":0,"item":{"type":"reasoning","id":"rs_bedrock-ID","summary":[{"type":"summary_text","text":"Let me check."}]}})",
                                                               "event: response.output_item.added\n"
                                                               R"(data: {"type":"response.output_item.added","sequence_number":8,"output_index":1,"item":{"type":"message","id":"msg_bedrock-ID","status":"in_progress","role":"assistant","content":[]}})",
                                                               "event: "
                                                               "response.content_part.added\n"
                                                               R"(data: {"type":"response.content_part.added","sequence_number":9,"item_id":"msg_bedrock-ID","output_index":1,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})",
                                                               "event: response.output_text.delta\n"
                                                               R"(data: {"type":"response.output_text.delta","sequence_number":10,"item_id":"msg_bedrock-ID","output_index":1,"content_index":0,"delta":"Looking \"it\" up…"})",
                                                               "event: response.output_text.done\n"
                                                               R"(data: {"type":"response.output_text.done","sequence_number":11,"item_id":"msg_bedrock-ID","output_index":1,"content_index":0,"text":"Looking \"it\" up…"})",
                                                               "event: response.content_part.done\n"
                                                               R"(data: {"type":"response.content_part.done","sequence_number":12,"item_id":"msg_bedrock-ID","output_index":1,"content_index":0,"part":{"type":"output_text","text":"Looking \"it\" up…","annotations":[]}})",
                                                               "event: response.output_item.done\n"
                                                               R"(data: {"type":"response.output_item.done","sequence_number":13,"output_index":1,"item":{"type":"message","id":"msg_bedrock-ID","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Looking \"it\" up…","annotations":[]}]}})",
                                                               "event: response.output_item.added\n"
                                                               R"(data: {"type":"response.output_item.added","sequence_number":14,"output_index":2,"item":{"type":"function_call","id":"fc_bedrock-ID_0","call_id":"tooluse_01","name":"get_weather","arguments":"","status":"in_progress"}})",
                                                               "event: "
                                                               "response.function_call_arguments."
                                                               "delta\n"
                                                               R"(data: {"type":"response.function_call_arguments.delta","sequence_number":15,"item_id":"fc_bedrock-ID_0","output_index":2,"delta":"{\"city\":\"Par"})",
                                                               "event: "
                                                               "response.function_call_arguments."
                                                               "delta\n"
                                                               R"(data: {"type":"response.function_call_arguments.delta","sequence_number":16,"item_id":"fc_bedrock-ID_0","output_index":2,"delta":"is\"}"})",
                                                               "event: "
                                                               "response.function_call_arguments."
                                                               "done\n"
                                                               R"(data: {"type":"response.function_call_arguments.done","sequence_number":17,"item_id":"fc_bedrock-ID_0","output_index":2,"arguments":"{\"city\":\"Paris\"}"})",
                                                               "event: response.output_item.done\n"
                                                               R"(data: {"type":"response.output_item.done","sequence_number":18,"output_index":2,"item":{"type":"function_call","id":"fc_bedrock-ID_0","call_id":"tooluse_01","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}})",
                                                               "event: response.output_item.added\n"
                                                               R"(data: {"type":"response.output_item.added","sequence_number":19,"output_index":3,"item":{"type":"function_call","id":"fc_bedrock-ID_1","call_id":"tooluse_02","name":"get_time","arguments":"","status":"in_progress"}})",
                                                               "event: "
                                                               "response.function_call_arguments."
                                                               "delta\n"
                                                               R"(data: {"type":"response.function_call_arguments.delta","sequence_number":20,"item_id":"fc_bedrock-ID_1","output_index":3,"delta":"{\"tz\":\"CET\"}"})",
                                                               "event: "
                                                               "response.function_call_arguments."
                                                               "done\n"
                                                               R"(data: {"type":"response.function_call_arguments.done","sequence_number":21,"item_id":"fc_bedrock-ID_1","output_index":3,"arguments":"{\"tz\":\"CET\"}"})",
                                                               "event: response.output_item.done\n"
                                                               R"(data: {"type":"response.output_item.done","sequence_number":22,"output_index":3,"item":{"type":"function_call","id":"fc_bedrock-ID_1","call_id":"tooluse_02","name":"get_time","arguments":"{\"tz\":\"CET\"}","status":"completed"}})",
                                                               "event: response.completed\n"
                                                               R"(data: {"type":"response.completed","sequence_number":23,"response":{"id":"resp_bedrock-ID","object":"response","created_at":NOW,"status":"completed","incomplete_details":null,"model":"","output":[{"type":"reasoning","id":"rs_bedrock-ID","summary":[{"type":"summary_text","text":"Let me check."}]},{"type":"message","id":"msg_bedrock-ID","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Looking \"it\" up…","annotations":[]}]},{"type":"function_call","id":"fc_bedrock-ID_0","call_id":"tooluse_01","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"},{"type":"function_call","id":"fc_bedrock-ID_1","call_id":"tooluse_02","name":"get_time","arguments":"{\"tz\":\"CET\"}","status":"completed"}],"usage":{"input_tokens":60,"input_tokens_details":{"cached_tokens":30},"output_tokens":42,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":102}}})",
                                                           }));
}

TEST(StreamConverseToResponses, ExceptionGivesResponseFailedWithWhatArrived) {
    EXPECT_EQ(
        translate_events(kResponses, kConverseException),
        sse({
            "event: response.created\n"
            R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_bedrock-ID","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"","output":[]}})",
            "event: response.in_progress\n"
            R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_bedrock-ID","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"","output":[]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"message","id":"msg_bedrock-ID","status":"in_progress","role":"assistant","content":[]}})",
            "event: response.content_part.added\n"
            R"(data: {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_bedrock-ID","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})",
            "event: response.output_text.delta\n"
            R"(data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_bedrock-ID","output_index":0,"content_index":0,"delta":"Hi"})",
            "event: response.failed\n"
            R"(data: {"type":"response.failed","sequence_number":5,"response":{"id":"resp_bedrock-ID","object":"response","created_at":NOW,"status":"failed","error":{"code":"throttlingException","message":"Too many tokens, please wait before trying again."},"incomplete_details":null,"model":"","output":[{"type":"message","id":"msg_bedrock-ID","status":"in_progress","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[]}]}]}})",
        }));
}

// ---- a stream and the same answer complete ---------------------------------------------------

// The `response` of response.completed: a Responses stream's whole answer.
std::string completed_response(const std::string& client_bytes) {
    constexpr std::string_view kEvent = "event: response.completed\ndata: ";
    const size_t event = client_bytes.rfind(kEvent);
    if (event == std::string::npos) return "no response.completed in:\n" + client_bytes;
    const size_t start = client_bytes.find(R"("response":)", event) + 11;
    const size_t end = client_bytes.find("\n\n", start);
    return client_bytes.substr(start, end - start - 1);  // without the event object's `}`
}

struct Equivalent {
    const char* name;
    const ConverseTranscript* events;
    std::string_view answer;
};

class StreamMatchesAnswer : public ::testing::TestWithParam<Equivalent> {};

// Fed one event at a time, a stream ends in the very object the complete answer translates to.
TEST_P(StreamMatchesAnswer, ForAResponsesClient) {
    auto whole = translate_response(ApiFormat::BedrockConverse, kResponses, GetParam().answer);
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_EQ(completed_response(translate_events(kResponses, *GetParam().events)),
              without_synthesised_id(without_stamped_time(*whole)));
}

INSTANTIATE_TEST_SUITE_P(Transcripts, StreamMatchesAnswer,
                         ::testing::Values(Equivalent{"Text", &kConverseText, kConverseTextAnswer},
                                           Equivalent{"Full", &kConverseFull, kConverseFullAnswer}),
                         case_name);

// ---- framing ---------------------------------------------------------------------------------

struct Framed {
    const char* name;
    ApiFormat client;
    const ConverseTranscript* events;
};

// The client bytes for the transcript in Bedrock's binary framing, fed in the given slices.
std::string translate_framed_slices(const Framed& f, const std::vector<std::string_view>& slices) {
    StreamTranslator translator(ApiFormat::BedrockConverse, f.client);
    std::string out;
    for (std::string_view slice : slices) translator.feed(slice, out);
    translator.finish(out);
    return without_synthesised_id(without_stamped_time(out));
}

class ConverseFraming : public ::testing::TestWithParam<Framed> {};

// Bedrock's binary frames, split at every byte, give the client stream the events give one by one.
TEST_P(ConverseFraming, BinaryFramesSplitAtEveryPointGiveTheEventOutput) {
    const Framed& f = GetParam();
    const std::string expected = translate_events(f.client, *f.events);
    const std::string framed = converse_frames(*f.events);
    const std::string_view upstream = framed;
    for (size_t cut = 0; cut <= upstream.size(); ++cut) {
        ASSERT_EQ(translate_framed_slices(f, {upstream.substr(0, cut), upstream.substr(cut)}),
                  expected)
            << "split at byte " << cut;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Transcripts, ConverseFraming,
    ::testing::Values(Framed{"FullToChat", kChat, &kConverseFull},
                      Framed{"FullToMessages", kMessages, &kConverseFull},
                      Framed{"FullToResponses", kResponses, &kConverseFull},
                      Framed{"ExceptionToMessages", kMessages, &kConverseException},
                      Framed{"UnterminatedToResponses", kResponses, &kConverseUnterminated}),
    case_name);

// A frame whose CRC does not match ends the client's stream with an error naming the cause.
TEST(StreamConverseFrames, CorruptFrameEndsTheClientStreamWithAnError) {
    std::string framed = converse_frames(kConverseFull);
    framed.back() = static_cast<char>(framed.back() ^ 1);
    StreamTranslator translator(ApiFormat::BedrockConverse, kMessages);
    std::string out;
    translator.feed(framed, out);
    translator.finish(out);
    EXPECT_NE(out.find("event: error"), std::string::npos) << out;
    EXPECT_NE(out.find("malformed event stream"), std::string::npos) << out;
    EXPECT_EQ(out.find("event: message_stop"), std::string::npos) << out;
}

// An `error` message (the service giving up) reaches the client as an error with its message.
TEST(StreamConverseFrames, ServiceErrorMessageBecomesAnErrorEvent) {
    std::string framed = converse_frames({{"messageStart", R"({"role":"assistant"})"}});
    const std::array<sse::EventStreamHeader, 3> headers{{
        {":message-type", "error"},
        {":error-code", "InternalFailure"},
        {":error-message", "the model went away"},
    }};
    sse::append_event_stream_message(framed, headers, "");
    StreamTranslator translator(ApiFormat::BedrockConverse, kChat);
    std::string out;
    translator.feed(framed, out);
    translator.finish(out);
    EXPECT_NE(out.find("the model went away"), std::string::npos) << out;
}

// ---- ids, exceptions, stop reasons, odd streams ----------------------------------------------

// Every chunk of one stream carries the same synthesised id; another stream gets another.
TEST(StreamConverseId, IsOnePerStream) {
    auto ids_of = [](const std::string& out) {
        std::set<std::string> ids;
        for (size_t at = out.find("\"id\":\"bedrock-"); at != std::string::npos;
             at = out.find("\"id\":\"bedrock-", at + 1)) {
            ids.insert(out.substr(at + 6, 40));
        }
        return ids;
    };
    auto raw = [](const ConverseTranscript& events) {
        StreamTranslator translator(ApiFormat::BedrockConverse, kChat);
        std::string out;
        for (const ConverseEvent& e : events) translator.feed_event({e.type, e.payload, {}}, out);
        translator.finish(out);
        return out;
    };
    const auto first = ids_of(raw(kConverseText));
    const auto second = ids_of(raw(kConverseText));
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(without_synthesised_id(*first.begin()), "bedrock-ID");
    EXPECT_NE(*first.begin(), *second.begin());
}

TEST(StreamConverseException, EveryExceptionTypeReachesTheClient) {
    for (std::string_view type :
         {"throttlingException", "validationException", "modelStreamErrorException",
          "internalServerException", "serviceUnavailableException"}) {
        const std::string out = translate_events(
            kChat, {{"messageStart", R"({"role":"assistant"})"}, {type, R"({"message":"boom"})"}});
        EXPECT_TRUE(out.ends_with(R"(data: {"error":{"message":"boom","type":")" +
                                  std::string(type) + R"(","code":null}})" + "\n\n"))
            << out;
        EXPECT_FALSE(contains(out, "[DONE]")) << out;
    }
}

// A payload that is not the documented object still says something.
TEST(StreamConverseException, WithoutAMessage) {
    EXPECT_TRUE(translate_events(kMessages, {{"internalServerException", "{}"}})
                    .ends_with(R"(data: {"type":"error","error":{"type":"internalServerException",)"
                               R"("message":"internalServerException"}})"
                               "\n\n"));
    EXPECT_TRUE(translate_events(kMessages, {{"internalServerException", "gateway timeout"}})
                    .ends_with(R"(data: {"type":"error","error":{"type":"internalServerException",)"
                               R"("message":"gateway timeout"}})"
                               "\n\n"));
}

struct StopCase {
    std::string_view upstream;
    std::string_view chat;
    std::string_view messages;
};

TEST(StreamConverseStopReason, MapsForChatAndMessagesClients) {
    const StopCase cases[] = {{"end_turn", "stop", "end_turn"},
                              {"stop_sequence", "stop", "end_turn"},
                              {"max_tokens", "length", "max_tokens"},
                              {"tool_use", "tool_calls", "tool_use"},
                              {"guardrail_intervened", "content_filter", "refusal"},
                              {"content_filtered", "content_filter", "refusal"}};
    for (const auto& [upstream, chat, messages] : cases) {
        const std::string stop = R"({"stopReason":")" + std::string(upstream) + "\"}";
        const ConverseTranscript events = {
            {"contentBlockDelta", R"({"delta":{"text":"x"},"contentBlockIndex":0})"},
            {"messageStop", stop},
            {"metadata", R"({"usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}})"}};
        const std::string to_chat = translate_events(kChat, events);
        EXPECT_TRUE(contains(to_chat, R"("finish_reason":")" + std::string(chat) + "\""))
            << upstream << "\n"
            << to_chat;
        const std::string to_messages = translate_events(kMessages, events);
        EXPECT_TRUE(contains(to_messages, R"("stop_reason":")" + std::string(messages) + "\""))
            << upstream << "\n"
            << to_messages;
    }
}

TEST(StreamConverseStopReason, LengthEndsAResponsesStreamIncomplete) {
    const std::string out =
        translate_events(kResponses, {{"contentBlockDelta", R"({"delta":{"text":"x"}})"},
                                      {"messageStop", R"({"stopReason":"max_tokens"})"}});
    EXPECT_TRUE(contains(out, "event: response.incomplete\n")) << out;
    EXPECT_TRUE(contains(out, R"("incomplete_details":{"reason":"max_output_tokens"})")) << out;
}

// The stream ends once both messageStop and metadata arrived, in either order; later events,
// unknown events, garbage payloads and deltas for blocks never started change nothing.
TEST(StreamConverseOddEvents, AreIgnored) {
    const ConverseTranscript noisy = {
        {"messageStart", R"({"role":"assistant"})"},
        {"contentBlockDelta", "not json"},
        {"contentBlockDelta", R"({"delta":{"toolUse":{"input":"{}"}},"contentBlockIndex":5})"},
        {"aFutureEvent", R"({"delta":{"text":"no"}})"},
        {"contentBlockDelta", R"({"delta":{"text":"Hi"},"contentBlockIndex":0})"},
        {"metadata", R"({"usage":{"inputTokens":7,"outputTokens":1,"totalTokens":8}})"},
        {"messageStop", R"({"stopReason":"end_turn"})"},
        {"contentBlockDelta", R"({"delta":{"text":"late"},"contentBlockIndex":0})"},
    };
    const std::string out = translate_events(kChat, noisy);
    EXPECT_EQ(
        out,
        sse({
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})",
            R"(data: {"id":"bedrock-ID","object":"chat.completion.chunk","created":NOW,"model":"","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1,"total_tokens":8}})",
            R"(data: [DONE])",
        }));
}

}  // namespace
}  // namespace gw::translate::testing
