// Amazon Bedrock ConverseStream events -> neutral stream events. The AWS event-stream framing is
// undone before this decoder (StreamTranslator::feed_event): each event arrives with its
// :event-type as the name (messageStart, contentBlockStart, contentBlockDelta, contentBlockStop,
// messageStop, metadata) and its JSON payload as the data; an exception arrives named by its
// :exception-type (throttlingException, validationException, ...), which, unlike every event
// type, ends in "Exception".

#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gw::translate::detail {
namespace {

using simdjson::dom::object;

class ConverseStreamDecoder final : public StreamDecoder {
  public:
    void on_event(const sse::SseEvent& event, StreamEncoder& encoder, std::string& out) override {
        // The stream names neither the answer nor the model: it starts with a synthesised id as
        // soon as anything arrives, so every client event carries the same one.
        if (!started_) {
            started_ = true;
            const std::string id = synthesised_response_id();
            encoder.start({id, {}, 0}, out);
        }
        const std::string_view type = event.event;
        if (type.ends_with("Exception")) {
            read_exception(type, event.data, encoder, out);
            return;
        }
        const EventObject parsed(event.data);
        if (!parsed.ok()) return;
        const object& root = parsed.root();
        if (type == "contentBlockDelta") {
            read_block_delta(root, encoder, out);
        } else if (type == "contentBlockStart") {
            read_block_start(root, encoder, out);
        } else if (type == "messageStop") {
            if (auto reason = converse_stop_reason(string_at(root, "stopReason"))) {
                encoder.finish_reason(*reason, out);
            }
            stopped_ = true;
        } else if (type == "metadata") {
            read_usage(root, encoder, out);
            metadata_ = true;
        }
        // messageStart (role only), contentBlockStop and unknown events carry nothing the
        // encoders need. The answer is complete once the stop and the usage after it came.
        if (stopped_ && metadata_) encoder.end(out);
    }

    // No messageStop or metadata: the body still ended normally, so the client gets a normal
    // ending.
    void on_end(StreamEncoder& encoder, std::string& out) override { encoder.end(out); }

  private:
    // An exception's payload is {"message":"..."}; one that is not still says what happened.
    static void read_exception(std::string_view type, std::string_view data, StreamEncoder& encoder,
                               std::string& out) {
        const EventObject parsed(data);
        std::string_view message = parsed.ok() ? string_at(parsed.root(), "message") : data;
        if (message.empty()) message = type;
        encoder.error(type, message, out);
    }

    void read_block_start(const object& root, StreamEncoder& encoder, std::string& out) {
        auto start = object_at(root, "start");
        if (!start) return;
        auto tool_use = object_at(*start, "toolUse");
        if (!tool_use) return;
        const int call = static_cast<int>(tool_blocks_.size());
        tool_blocks_.emplace_back(integer_at(root, "contentBlockIndex").value_or(0), call);
        encoder.tool_call_start(call, string_at(*tool_use, "toolUseId"),
                                string_at(*tool_use, "name"), out);
    }

    void read_block_delta(const object& root, StreamEncoder& encoder, std::string& out) {
        auto delta = object_at(root, "delta");
        if (!delta) return;
        if (auto text = string_at(*delta, "text"); !text.empty()) {
            encoder.text(text, out);
        } else if (auto tool_use = object_at(*delta, "toolUse")) {
            auto call = call_of_block(integer_at(root, "contentBlockIndex").value_or(0));
            auto fragment = string_at(*tool_use, "input");
            if (call && !fragment.empty()) encoder.tool_call_arguments(*call, fragment, out);
        } else if (auto reasoning = object_at(*delta, "reasoningContent")) {
            // redactedContent has no counterpart in the client APIs' streams.
            if (auto thinking = string_at(*reasoning, "text"); !thinking.empty()) {
                encoder.thinking(thinking, out);
            } else if (auto signature = string_at(*reasoning, "signature"); !signature.empty()) {
                encoder.thinking_signature(signature, out);
            }
        }
    }

    static void read_usage(const object& root, StreamEncoder& encoder, std::string& out) {
        auto usage = object_at(root, "usage");
        if (!usage) return;
        if (auto counts = read_converse_usage(*usage)) encoder.usage(*counts, out);
    }

    // The tool-call index of the toolUse block at Converse content index `block`.
    [[nodiscard]] std::optional<int> call_of_block(int64_t block) const {
        // The newest block is the one being streamed, so search from the back.
        for (auto it = tool_blocks_.rbegin(); it != tool_blocks_.rend(); ++it) {
            if (it->first == block) return it->second;
        }
        return std::nullopt;
    }

    std::vector<std::pair<int64_t, int>> tool_blocks_;  // (content index, tool-call index)
    bool started_ = false;
    bool stopped_ = false;
    bool metadata_ = false;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_converse_stream_decoder() {
    return std::make_unique<ConverseStreamDecoder>();
}

}  // namespace gw::translate::detail
