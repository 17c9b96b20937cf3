#pragma once
// The translation entry points the proxy uses (dataplane.md §3, spec §3). Every function takes a
// body in one API's shape and returns it in another's; same-API calls are never made (the proxy
// passes those bytes through untouched).

#include "gw/base/result.hpp"
#include "gw/llm/api.hpp"
#include "gw/sse/event_stream.hpp"
#include "gw/sse/scanner.hpp"
#include "gw/translate/ir.hpp"
#include "gw/translate/stream_ir.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gw::translate {

// True when a `from` body can be rewritten as a `to` body by this module. Bedrock Converse is an
// upstream only: requests are translated to it and its answers (and streams) from it.
[[nodiscard]] bool can_translate(llm::ApiFormat from, llm::ApiFormat to);

// ---- requests ------------------------------------------------------------------------------

struct RequestOptions {
    std::string_view model_id;  // the provider's model id, written into the upstream body
    // Anthropic requires max_tokens; used when the client did not give one.
    int64_t default_max_tokens = 4096;
};

// Decoding: InvalidArgument with a client-facing message when the body is not a valid request
// of its API (e.g. Messages without `messages`).
Result<Request> decode_request(llm::ApiFormat api, std::string_view body);
// Encoding: streaming Chat requests always ask for usage (stream_options.include_usage) so the
// client's API can report it.
std::string encode_request(llm::ApiFormat api, const Request& request,
                           const RequestOptions& options);
Result<std::string> translate_request(llm::ApiFormat from, llm::ApiFormat to, std::string_view body,
                                      const RequestOptions& options);

// ---- complete responses --------------------------------------------------------------------

Result<Completion> decode_response(llm::ApiFormat api, std::string_view body);
std::string encode_response(llm::ApiFormat api, const Completion& completion);
// `fallback_model`: the model the client sees when the upstream's answer names none (Bedrock
// Converse never does; the proxy passes the provider's model id).
Result<std::string> translate_response(llm::ApiFormat from, llm::ApiFormat to,
                                       std::string_view body, std::string_view fallback_model = {});

// ---- errors --------------------------------------------------------------------------------

// An upstream error body (any shape, maybe not JSON) as the client API's error JSON, keeping
// the provider's message and type. OpenAI: {"error":{"message","type","code"}}; Anthropic:
// {"type":"error","error":{"type","message"}}.
std::string translate_error(llm::ApiFormat from, llm::ApiFormat to, unsigned status,
                            std::string_view body);

// ---- streams -------------------------------------------------------------------------------

// Upstream SSE bytes in, client SSE bytes out, for arbitrary slice boundaries.
class StreamTranslator {
  public:
    StreamTranslator(llm::ApiFormat upstream_api, llm::ApiFormat client_api,
                     const StreamOptions& options = {});
    // The encoder keeps a pointer to usage_.
    StreamTranslator(StreamTranslator&&) = delete;
    StreamTranslator& operator=(StreamTranslator&&) = delete;

    // Appends to `out` the client bytes completed by `upstream_bytes`: SSE, or AWS binary event
    // stream frames when the upstream is Bedrock Converse.
    void feed(std::string_view upstream_bytes, std::string& out);
    // One upstream event framed by someone else, for upstreams whose stream is not SSE (Bedrock's
    // binary event stream: `event` is the :event-type, or the :exception-type of an exception,
    // and `data` the JSON payload). Not to be mixed with feed() on one translator.
    void feed_event(const sse::SseEvent& event, std::string& out);
    // The upstream body ended normally.
    void finish(std::string& out);
    // The upstream broke off (or sent garbage): close the client stream with an error event.
    void fail(std::string_view message, std::string& out);

    // The usage the upstream reported (token convention of ir.hpp), also when the client's
    // stream does not carry it (a Chat client that did not ask for usage).
    [[nodiscard]] const std::optional<llm::Usage>& usage() const { return usage_; }

  private:
    void feed_sse(std::string_view upstream_bytes, std::string& out);
    void feed_frames(std::string_view upstream_bytes, std::string& out);
    void on_frame(const sse::EventStreamMessage& message, std::string& out);

    std::optional<llm::Usage> usage_;
    bool binary_frames_ = false;
    sse::SseScanner scanner_;
    sse::EventStreamDecoder frames_;
    std::unique_ptr<StreamDecoder> decoder_;
    std::unique_ptr<StreamEncoder> encoder_;
    bool ended_ = false;
};

}  // namespace gw::translate
