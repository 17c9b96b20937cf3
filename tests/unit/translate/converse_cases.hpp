#pragma once
// Amazon Bedrock Converse upstream fixtures: complete answers, ConverseStream transcripts as the
// event-stream framing hands them over (one event per message: its :event-type, or the
// :exception-type of an exception, and its JSON payload), and the normalisation the ids the
// gateway synthesises for Converse answers need before exact comparison.

#include "gw/sse/event_stream.hpp"
#include "gw/sse/scanner.hpp"
#include "gw/translate/translate.hpp"

#include "support/synthesised_id.hpp"
#include "unit/translate/response_cases.hpp"
#include "unit/translate/stream_cases.hpp"
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace gw::translate::testing {

using gw::testing::without_synthesised_id;

// The client body for a Converse answer as decode + encode produce it, its id normalised.
inline std::string answered_converse(llm::ApiFormat from, llm::ApiFormat to,
                                     std::string_view input) {
    return without_synthesised_id(answered(from, to, input));
}

template <llm::ApiFormat To>
using ConverseResponseTranslation =
    TranslationSuite<answered_converse, llm::ApiFormat::BedrockConverse, To>;

// ---- ConverseStream transcripts --------------------------------------------------------------

struct ConverseEvent {
    std::string_view type;     // :event-type, or :exception-type
    std::string_view payload;  // JSON
};
using ConverseTranscript = std::vector<ConverseEvent>;

// Text (with multi-byte UTF-8); Converse opens no block for text, it only streams deltas.
inline const ConverseTranscript kConverseText = {
    {"messageStart", R"({"role":"assistant"})"},
    {"contentBlockDelta", R"({"delta":{"text":"Héllo"},"contentBlockIndex":0})"},
    {"contentBlockDelta", R"({"delta":{"text":" wörld 😀"},"contentBlockIndex":0})"},
    {"contentBlockStop", R"({"contentBlockIndex":0})"},
    {"messageStop", R"({"stopReason":"end_turn"})"},
    {"metadata", R"({"usage":{"inputTokens":12,"outputTokens":5,"totalTokens":17},)"
                 R"("metrics":{"latencyMs":321}})"},
};
// kConverseText as one complete answer.
inline constexpr std::string_view kConverseTextAnswer =
    R"({"output":{"message":{"role":"assistant","content":[{"text":"Héllo wörld 😀"}]}},)"
    R"("stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":5,"totalTokens":17},)"
    R"("metrics":{"latencyMs":321}})";

// Signed reasoning, text, two tool calls (the first one's input in fragments) at content indices
// 2 and 3, and cache usage in the metadata that follows messageStop.
inline const ConverseTranscript kConverseFull = {
    {"messageStart", R"({"role":"assistant"})"},
    {"contentBlockDelta",
     R"({"delta":{"reasoningContent":{"text":"Let me check."}},"contentBlockIndex":0})"},
    {"contentBlockDelta",
     R"({"delta":{"reasoningContent":{"signature":"EqQBCgIYAhIM"}},"contentBlockIndex":0})"},
    {"contentBlockStop", R"({"contentBlockIndex":0})"},
    {"contentBlockDelta", R"({"delta":{"text":"Looking \"it\" up…"},"contentBlockIndex":1})"},
    {"contentBlockStop", R"({"contentBlockIndex":1})"},
    {"contentBlockStart", R"({"start":{"toolUse":{"toolUseId":"tooluse_01","name":)"
                          R"("get_weather"}},"contentBlockIndex":2})"},
    {"contentBlockDelta", R"({"delta":{"toolUse":{"input":"{\"city\":\"Par"}},)"
                          R"("contentBlockIndex":2})"},
    {"contentBlockDelta", R"({"delta":{"toolUse":{"input":"is\"}"}},"contentBlockIndex":2})"},
    {"contentBlockStop", R"({"contentBlockIndex":2})"},
    {"contentBlockStart", R"({"start":{"toolUse":{"toolUseId":"tooluse_02","name":)"
                          R"("get_time"}},"contentBlockIndex":3})"},
    {"contentBlockDelta", R"({"delta":{"toolUse":{"input":"{\"tz\":\"CET\"}"}},)"
                          R"("contentBlockIndex":3})"},
    {"contentBlockStop", R"({"contentBlockIndex":3})"},
    {"messageStop", R"({"stopReason":"tool_use"})"},
    {"metadata", R"({"usage":{"inputTokens":10,"outputTokens":42,"totalTokens":102,)"
                 R"("cacheReadInputTokens":30,"cacheWriteInputTokens":20},)"
                 R"("metrics":{"latencyMs":900}})"},
};
// kConverseFull as one complete answer.
inline constexpr std::string_view kConverseFullAnswer =
    R"({"output":{"message":{"role":"assistant","content":[{"reasoningContent":)"
    R"({"reasoningText":{"text":"Let me check.","signature":"EqQBCgIYAhIM"}}},)"
    R"({"text":"Looking \"it\" up…"},{"toolUse":{"toolUseId":"tooluse_01","name":)"
    R"("get_weather","input":{"city":"Paris"}}},{"toolUse":{"toolUseId":"tooluse_02",)"
    R"("name":"get_time","input":{"tz":"CET"}}}]}},"stopReason":"tool_use","usage":)"
    R"({"inputTokens":10,"outputTokens":42,"totalTokens":102,"cacheReadInputTokens":30,)"
    R"("cacheWriteInputTokens":20},"metrics":{"latencyMs":900}})";

// Text, then an exception message instead of the rest.
inline const ConverseTranscript kConverseException = {
    {"messageStart", R"({"role":"assistant"})"},
    {"contentBlockDelta", R"({"delta":{"text":"Hi"},"contentBlockIndex":0})"},
    {"throttlingException", R"({"message":"Too many tokens, please wait before trying again."})"},
};

// Text, then the body ends: no messageStop, no metadata.
inline const ConverseTranscript kConverseUnterminated = {
    {"messageStart", R"({"role":"assistant"})"},
    {"contentBlockDelta", R"({"delta":{"text":"Hi"},"contentBlockIndex":0})"},
};

// The client bytes for `events` fed one by one, then finish(); stamped time and synthesised id
// normalised.
inline std::string translate_events(ApiFormat client, const ConverseTranscript& events,
                                    const StreamOptions& options = {}) {
    StreamTranslator translator(ApiFormat::BedrockConverse, client, options);
    std::string out;
    for (const ConverseEvent& e : events) translator.feed_event({e.type, e.payload, {}}, out);
    translator.finish(out);
    return without_synthesised_id(without_stamped_time(out));
}

// The same events as Bedrock frames them: AWS binary event-stream messages, exceptions with
// :message-type exception.
inline std::string converse_frames(const ConverseTranscript& events) {
    std::string out;
    for (const ConverseEvent& e : events) {
        const bool exception = std::string_view(e.type).ends_with("Exception");
        const std::array<sse::EventStreamHeader, 3> headers{{
            {exception ? ":exception-type" : ":event-type", e.type},
            {":content-type", "application/json"},
            {":message-type", exception ? "exception" : "event"},
        }};
        sse::append_event_stream_message(out, headers, e.payload);
    }
    return out;
}

}  // namespace gw::translate::testing
