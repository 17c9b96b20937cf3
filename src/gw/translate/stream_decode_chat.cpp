// OpenAI chat.completion.chunk stream -> neutral stream events. Only the first choice is read:
// the gateway never asks for n > 1 when it translates.

#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"
#include "gw/translate/stream_fast_read.hpp"

#include <vector>

namespace gw::translate::detail {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// The key a legacy `function_call` delta is filed under among the upstream's tool-call indices.
constexpr int64_t kLegacyFunctionCall = -1;

// DeepSeek and vLLM call reasoning `reasoning_content`, OpenRouter `reasoning`.
void write_text_delta(const ChatTextDelta& delta, StreamEncoder& encoder, std::string& out) {
    const std::string_view reasoning =
        delta.reasoning_content.empty() ? delta.reasoning : delta.reasoning_content;
    if (!reasoning.empty()) encoder.thinking(reasoning, out);
    if (!delta.content.empty()) encoder.text(delta.content, out);
}

class ChatStreamDecoder final : public StreamDecoder {
  public:
    explicit ChatStreamDecoder(DecodePath path) : path_(path) {}

    void on_event(const sse::SseEvent& event, StreamEncoder& encoder, std::string& out) override {
        if (event.data == "[DONE]") {
            encoder.end(out);
            return;
        }
        // The first chunk names the answer, which the fast path does not read.
        if (started_ && path_ == DecodePath::Fast) {
            if (auto delta = read_chat_text_delta(event.data, scratch_, fast_state_)) {
                write_text_delta(*delta, encoder, out);
                return;
            }
        }
        const EventObject chunk(event.data);
        if (!chunk.ok()) return;
        if (auto error = object_at(chunk.root(), "error")) {
            encoder.error(string_at(*error, "type"), string_at(*error, "message"), out);
            return;
        }
        if (!started_) {
            started_ = true;
            encoder.start({string_at(chunk.root(), "id"), string_at(chunk.root(), "model"),
                           integer_at(chunk.root(), "created").value_or(0)},
                          out);
        }
        read_first_choice(chunk.root(), encoder, out);
        read_usage(chunk.root(), encoder, out);
    }

    // No [DONE]: the body still ended normally, so the client gets a normal ending.
    void on_end(StreamEncoder& encoder, std::string& out) override { encoder.end(out); }

  private:
    void read_first_choice(const object& chunk, StreamEncoder& encoder, std::string& out) {
        array choices;
        if (chunk.at_key("choices").get_array().get(choices) != simdjson::SUCCESS) return;
        object choice;
        if (choices.at(0).get_object().get(choice) != simdjson::SUCCESS) return;
        if (auto delta = object_at(choice, "delta")) read_delta(*delta, encoder, out);
        if (auto reason = chat_finish_reason(string_at(choice, "finish_reason"))) {
            encoder.finish_reason(*reason, out);
        }
    }

    void read_delta(const object& delta, StreamEncoder& encoder, std::string& out) {
        write_text_delta({.content = string_at(delta, "content"),
                          .reasoning_content = string_at(delta, "reasoning_content"),
                          .reasoning = string_at(delta, "reasoning")},
                         encoder, out);
        array calls;
        if (delta.at_key("tool_calls").get_array().get(calls) == simdjson::SUCCESS) {
            for (element item : calls) {
                object call;
                if (item.get_object().get(call) != simdjson::SUCCESS) continue;
                read_call(call, integer_at(call, "index").value_or(0), string_at(call, "id"),
                          encoder, out);
            }
        }
        // Legacy function calls have no id; their name is what the result refers to.
        if (auto legacy = object_at(delta, "function_call")) {
            read_call(*legacy, kLegacyFunctionCall, string_at(*legacy, "name"), encoder, out);
        }
    }

    // One tool-call delta: `holder` is the object with `function` (or the legacy function_call
    // itself, which has name and arguments directly).
    void read_call(const object& holder, int64_t upstream_index, std::string_view id,
                   StreamEncoder& encoder, std::string& out) {
        const object function = object_at(holder, "function").value_or(holder);
        const std::string_view name = string_at(function, "name");
        const std::string_view arguments = string_at(function, "arguments");
        auto index = call_index(upstream_index);
        // A call starts with its id or name; arguments for a call never announced still need a
        // call to belong to.
        if (!index && (!id.empty() || !name.empty() || !arguments.empty())) {
            index = static_cast<int>(upstream_indices_.size());
            upstream_indices_.push_back(upstream_index);
            encoder.tool_call_start(*index, id, name, out);
        }
        if (index && !arguments.empty()) encoder.tool_call_arguments(*index, arguments, out);
    }

    // Our index (arrival order) of the upstream's call `upstream_index`, once it started.
    [[nodiscard]] std::optional<int> call_index(int64_t upstream_index) const {
        for (size_t i = 0; i < upstream_indices_.size(); ++i) {
            if (upstream_indices_[i] == upstream_index) return static_cast<int>(i);
        }
        return std::nullopt;
    }

    void read_usage(const object& chunk, StreamEncoder& encoder, std::string& out) {
        auto usage = object_at(chunk, "usage");
        if (!usage) return;
        if (auto counts = read_chat_usage(*usage)) encoder.usage(*counts, out);
    }

    DecodePath path_;
    std::string scratch_;  // strings the fast path unescaped
    ChatFastState fast_state_;
    std::vector<int64_t> upstream_indices_;
    bool started_ = false;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_chat_stream_decoder(DecodePath path) {
    return std::make_unique<ChatStreamDecoder>(path);
}

}  // namespace gw::translate::detail
