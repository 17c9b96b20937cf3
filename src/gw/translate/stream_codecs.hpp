#pragma once
// Internal to gw_translate: the per-API stream decoders and encoders behind
// make_stream_decoder/make_stream_encoder, and the small pieces they share. Encoders may rely on
// the order make_stream_encoder's wrapper enforces: start() exactly once and first, nothing
// after end() or error().

#include "gw/json/padded_input.hpp"
#include "gw/translate/stream_ir.hpp"

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gw::translate::detail {

// Fast: the hot text-delta events are read without a DOM (stream_fast_read.hpp). DomOnly reads
// every event with simdjson: the reference the fast path is checked against, in tests and by
// the stream_fast_path fuzzer.
enum class DecodePath { Fast, DomOnly };

std::unique_ptr<StreamDecoder> make_chat_stream_decoder(DecodePath path = DecodePath::Fast);
std::unique_ptr<StreamDecoder> make_messages_stream_decoder(DecodePath path = DecodePath::Fast);
// Events as StreamTranslator::feed_event describes them.
std::unique_ptr<StreamDecoder> make_converse_stream_decoder();
// `usage_chunk`: see StreamOptions::chat_usage_chunk.
std::unique_ptr<StreamEncoder> make_chat_stream_encoder(bool usage_chunk);
std::unique_ptr<StreamEncoder> make_messages_stream_encoder();
std::unique_ptr<StreamEncoder> make_responses_stream_encoder();

// An event's data parsed as a JSON object with the thread's reused parser. Thread-affine; the
// DOM dies with this object or with the next parse on this thread, whichever comes first.
class EventObject {
  public:
    explicit EventObject(std::string_view data);
    // False when the data is not a JSON object (e.g. "[DONE]", or garbage to be skipped).
    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] const simdjson::dom::object& root() const { return root_; }

  private:
    json::detail::ParseInput<simdjson::dom::parser> input_;
    simdjson::dom::object root_;
    bool ok_ = false;
};

// Lenient reads for stream events: a member that is absent, null or of another type reads as
// empty, so one odd field costs that field and not the event.
[[nodiscard]] std::string_view string_at(const simdjson::dom::object& obj, std::string_view key);
[[nodiscard]] std::optional<int64_t> integer_at(const simdjson::dom::object& obj,
                                                std::string_view key);
[[nodiscard]] std::optional<simdjson::dom::object> object_at(const simdjson::dom::object& obj,
                                                             std::string_view key);

// An SSE event whose data is one line of compact JSON written straight into `out` (JsonWriter
// escapes line breaks, so no re-framing copy is needed): begin_event, the JSON, end_event.
void begin_event(std::string& out, std::string_view name = {});
void end_event(std::string& out);

// Copies into `into` each count `from` reports (StreamEncoder::usage semantics).
void merge_usage(llm::Usage& into, const llm::Usage& from);

// The upstream's creation time, or now when it gave none (Anthropic never does, and Chat and
// Responses clients expect a real time).
[[nodiscard]] int64_t creation_time(int64_t upstream_created);

}  // namespace gw::translate::detail
