#pragma once
// Neutral stream events: an upstream stream decoder (one per upstream API) turns SSE events into
// calls on a StreamEncoder (one per client API), which appends client-shaped SSE bytes to `out`.
// Views are valid only during the call; nothing is copied unless an encoder must remember it.

#include "gw/llm/api.hpp"
#include "gw/sse/scanner.hpp"
#include "gw/translate/ir.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gw::translate {

struct StreamStart {
    std::string_view id;
    std::string_view model;
    int64_t created = 0;
};

class StreamEncoder {
  public:
    virtual ~StreamEncoder() = default;
    // At most once, before any other event; decoders call it lazily with what they know.
    virtual void start(const StreamStart& start, std::string& out) = 0;
    virtual void text(std::string_view delta, std::string& out) = 0;
    virtual void thinking(std::string_view delta, std::string& out) = 0;
    // The signature that closes the thinking being streamed (Anthropic's, opaque): Claude wants
    // it back with the thinking in the next request. Only Messages can carry it; others drop it.
    virtual void thinking_signature(std::string_view /*signature*/, std::string& /*out*/) {}
    // A new tool call; `index` numbers the calls of this answer from 0 in arrival order.
    virtual void tool_call_start(int index, std::string_view id, std::string_view name,
                                 std::string& out) = 0;
    virtual void tool_call_arguments(int index, std::string_view fragment, std::string& out) = 0;
    virtual void finish_reason(FinishReason reason, std::string& out) = 0;
    // May come more than once (Anthropic: input in message_start, output in message_delta);
    // fields present in a later call replace earlier ones. Token convention of ir.hpp.
    virtual void usage(const llm::Usage& usage, std::string& out) = 0;
    // The upstream reported an error inside the stream, or broke off.
    virtual void error(std::string_view type, std::string_view message, std::string& out) = 0;
    // The upstream stream ended normally: emit whatever closes the client's stream.
    virtual void end(std::string& out) = 0;
};

class StreamDecoder {
  public:
    virtual ~StreamDecoder() = default;
    virtual void on_event(const sse::SseEvent& event, StreamEncoder& encoder, std::string& out) = 0;
    // The upstream body ended; a decoder that saw no terminal event still closes cleanly.
    virtual void on_end(StreamEncoder& encoder, std::string& out) = 0;
};

struct StreamOptions {
    // Chat clients: end with the usage-only chunk (`"choices":[]`). OpenAI sends it only when the
    // request asked for stream_options.include_usage, and clients reading choices[0] break on it.
    bool chat_usage_chunk = true;
    // The model the client's stream names when the upstream's names none (Bedrock Converse).
    std::string fallback_model;
};

std::unique_ptr<StreamDecoder> make_stream_decoder(llm::ApiFormat upstream_api);
// `reported_usage`, when given, collects the usage the upstream reported (merged as it arrives),
// whether or not the client's stream shows it.
std::unique_ptr<StreamEncoder> make_stream_encoder(
    llm::ApiFormat client_api, const StreamOptions& options = {},
    std::optional<llm::Usage>* reported_usage = nullptr);

}  // namespace gw::translate
