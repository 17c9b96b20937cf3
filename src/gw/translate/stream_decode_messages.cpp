// Anthropic Messages event stream (message_start .. message_stop) -> neutral stream events.

#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"
#include "gw/translate/stream_fast_read.hpp"

#include <utility>
#include <vector>

namespace gw::translate::detail {
namespace {

using simdjson::dom::object;

class MessagesStreamDecoder final : public StreamDecoder {
  public:
    explicit MessagesStreamDecoder(DecodePath path) : path_(path) {}

    void on_event(const sse::SseEvent& event, StreamEncoder& encoder, std::string& out) override {
        if (path_ == DecodePath::Fast) {
            if (auto delta = detail::read_block_delta(event.data, scratch_, fast_state_)) {
                write_block_delta(*delta, encoder, out);
                return;
            }
        }
        const EventObject parsed(event.data);
        if (!parsed.ok()) return;
        const object& root = parsed.root();
        // The data's own type decides; the event name is only a fallback for terse upstreams.
        std::string_view type = string_at(root, "type");
        if (type.empty()) type = event.event;
        if (type == "content_block_delta") {
            read_block_delta(root, encoder, out);
        } else if (type == "content_block_start") {
            read_block_start(root, encoder, out);
        } else if (type == "message_start") {
            read_message_start(root, encoder, out);
        } else if (type == "message_delta") {
            read_message_delta(root, encoder, out);
        } else if (type == "message_stop") {
            encoder.end(out);
        } else if (type == "error") {
            const object error = object_at(root, "error").value_or(root);
            encoder.error(string_at(error, "type"), string_at(error, "message"), out);
        }
        // ping, content_block_stop and unknown events carry nothing the encoders need.
    }

    // No message_stop: the body still ended normally, so the client gets a normal ending.
    void on_end(StreamEncoder& encoder, std::string& out) override { encoder.end(out); }

  private:
    void read_message_start(const object& root, StreamEncoder& encoder, std::string& out) {
        const object message = object_at(root, "message").value_or(root);
        encoder.start({string_at(message, "id"), string_at(message, "model"), 0}, out);
        read_usage(message, encoder, out);
    }

    void read_block_start(const object& root, StreamEncoder& encoder, std::string& out) {
        auto block = object_at(root, "content_block");
        if (!block) return;
        const std::string_view type = string_at(*block, "type");
        if (type == "text") {
            if (auto text = string_at(*block, "text"); !text.empty()) encoder.text(text, out);
        } else if (type == "thinking") {
            if (auto text = string_at(*block, "thinking"); !text.empty()) {
                encoder.thinking(text, out);
            }
        } else if (type == "tool_use") {
            const int call = static_cast<int>(tool_blocks_.size());
            tool_blocks_.emplace_back(integer_at(root, "index").value_or(0), call);
            encoder.tool_call_start(call, string_at(*block, "id"), string_at(*block, "name"), out);
        }
    }

    void read_block_delta(const object& root, StreamEncoder& encoder, std::string& out) {
        auto delta = object_at(root, "delta");
        if (!delta) return;
        write_block_delta({.index = integer_at(root, "index").value_or(0),
                           .type = string_at(*delta, "type"),
                           .text = string_at(*delta, "text"),
                           .thinking = string_at(*delta, "thinking"),
                           .partial_json = string_at(*delta, "partial_json"),
                           .signature = string_at(*delta, "signature")},
                          encoder, out);
    }

    void write_block_delta(const BlockDelta& delta, StreamEncoder& encoder, std::string& out) {
        if (delta.type == "text_delta") {
            if (!delta.text.empty()) encoder.text(delta.text, out);
        } else if (delta.type == "input_json_delta") {
            auto call = call_of_block(delta.index);
            if (call && !delta.partial_json.empty()) {
                encoder.tool_call_arguments(*call, delta.partial_json, out);
            }
        } else if (delta.type == "thinking_delta") {
            if (!delta.thinking.empty()) encoder.thinking(delta.thinking, out);
        } else if (delta.type == "signature_delta") {
            if (!delta.signature.empty()) encoder.thinking_signature(delta.signature, out);
        }
    }

    void read_message_delta(const object& root, StreamEncoder& encoder, std::string& out) {
        if (auto delta = object_at(root, "delta")) {
            if (auto reason = messages_stop_reason(string_at(*delta, "stop_reason"))) {
                encoder.finish_reason(*reason, out);
            }
        }
        read_usage(root, encoder, out);
    }

    void read_usage(const object& holder, StreamEncoder& encoder, std::string& out) {
        auto usage = object_at(holder, "usage");
        if (!usage) return;
        auto counts = read_messages_usage(*usage);
        if (!counts) return;
        // Anthropic has no total; one computed from the half of the counts this event carries
        // (input in message_start, output in message_delta) would replace the real one.
        counts->total_tokens.reset();
        encoder.usage(*counts, out);
    }

    // The tool-call index of the tool_use block at Anthropic content index `block`.
    [[nodiscard]] std::optional<int> call_of_block(int64_t block) const {
        // The newest block is the one being streamed, so search from the back.
        for (auto it = tool_blocks_.rbegin(); it != tool_blocks_.rend(); ++it) {
            if (it->first == block) return it->second;
        }
        return std::nullopt;
    }

    DecodePath path_;
    std::string scratch_;                               // strings the fast path unescaped
    BlockFastState fast_state_;
    std::vector<std::pair<int64_t, int>> tool_blocks_;  // (content index, tool-call index)
};

}  // namespace

std::unique_ptr<StreamDecoder> make_messages_stream_decoder(DecodePath path) {
    return std::make_unique<MessagesStreamDecoder>(path);
}

}  // namespace gw::translate::detail
