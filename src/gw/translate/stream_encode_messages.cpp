// Neutral stream events -> Anthropic Messages events (message_start, content blocks,
// message_delta, message_stop), every one with its `event:` line as Anthropic sends them.

#include "gw/json/writer.hpp"
#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"

#include <vector>

namespace gw::translate::detail {
namespace {

using json::JsonWriter;

enum class Block { None, Text, Thinking, ToolUse };

// Writes `event: <type>` and opens its data object after the "type" member; the caller adds
// the other members and calls end_typed.
JsonWriter begin_typed(std::string& out, std::string_view type) {
    begin_event(out, type);
    JsonWriter w(out);
    w.begin_object().key("type").string(type);
    return w;
}

void end_typed(JsonWriter& w, std::string& out) {
    w.end_object();
    end_event(out);
}

class MessagesStreamEncoder final : public StreamEncoder {
  public:
    // The usage here is what is known at the start: nothing yet for a Chat upstream, whose
    // counts come at the end and go into message_delta.
    void start(const StreamStart& start, std::string& out) override {
        JsonWriter w = begin_typed(out, "message_start");
        w.key("message").begin_object().key("id").string(start.id).key("type").string("message");
        w.key("role").string("assistant").key("model").string(start.model);
        w.key("content").begin_array().end_array();
        w.key("stop_reason").null().key("stop_sequence").null();
        w.key("usage").begin_object();
        write_messages_usage(w, usage_);
        w.end_object().end_object();
        end_typed(w, out);
    }

    void text(std::string_view delta, std::string& out) override {
        continue_block(Block::Text, out);
        write_delta(open_index_, "text_delta", "text", delta, out);
    }

    void thinking(std::string_view delta, std::string& out) override {
        continue_block(Block::Thinking, out);
        write_delta(open_index_, "thinking_delta", "thinking", delta, out);
    }

    void thinking_signature(std::string_view signature, std::string& out) override {
        continue_block(Block::Thinking, out);
        write_delta(open_index_, "signature_delta", "signature", signature, out);
    }

    void tool_call_start(int index, std::string_view id, std::string_view name,
                         std::string& out) override {
        if (index != static_cast<int>(tool_blocks_.size())) return;  // decoders number from 0
        JsonWriter w = open_block(Block::ToolUse, out);
        w.key("type").string("tool_use").key("id").string(id).key("name").string(name);
        w.key("input").begin_object().end_object();
        end_block_start(w, out);
        tool_blocks_.push_back(open_index_);
    }

    // A fragment for a call whose block was already closed (an upstream interleaving parallel
    // calls) still goes to that call's block: the SDKs accumulate by index.
    void tool_call_arguments(int index, std::string_view fragment, std::string& out) override {
        if (index < 0 || index >= static_cast<int>(tool_blocks_.size())) return;
        write_delta(tool_blocks_[static_cast<size_t>(index)], "input_json_delta", "partial_json",
                    fragment, out);
    }

    void finish_reason(FinishReason reason, std::string& /*out*/) override { finish_ = reason; }

    // Deferred to message_delta at end(): a Chat upstream reports usage after its finish_reason.
    void usage(const llm::Usage& usage, std::string& /*out*/) override {
        merge_usage(usage_, usage);
    }

    void error(std::string_view type, std::string_view message, std::string& out) override {
        JsonWriter w = begin_typed(out, "error");
        w.key("error").begin_object().key("type").string(type.empty() ? "api_error" : type);
        w.key("message").string(message).end_object();
        end_typed(w, out);
    }

    void end(std::string& out) override {
        close_block(out);
        const FinishReason reason =
            finish_.value_or(tool_blocks_.empty() ? FinishReason::Stop : FinishReason::ToolCalls);
        JsonWriter w = begin_typed(out, "message_delta");
        w.key("delta").begin_object().key("stop_reason").string(messages_stop_reason_name(reason));
        w.key("stop_sequence").null().end_object();
        w.key("usage").begin_object();
        write_messages_usage(w, usage_);
        w.end_object();
        end_typed(w, out);
        JsonWriter stop = begin_typed(out, "message_stop");
        end_typed(stop, out);
    }

  private:
    // Keeps writing into the open block of `kind`, or closes the open one and starts it.
    void continue_block(Block kind, std::string& out) {
        if (open_ == kind) return;
        JsonWriter w = open_block(kind, out);
        if (kind == Block::Text) {
            w.key("type").string("text").key("text").string("");
        } else {
            w.key("type").string("thinking").key("thinking").string("").key("signature").string("");
        }
        end_block_start(w, out);
    }

    // Closes the open block and writes a content_block_start up to the inside of its
    // content_block object; end_block_start finishes it.
    JsonWriter open_block(Block kind, std::string& out) {
        close_block(out);
        open_ = kind;
        open_index_ = next_index_++;
        JsonWriter w = begin_typed(out, "content_block_start");
        w.key("index").number(open_index_).key("content_block").begin_object();
        return w;
    }

    static void end_block_start(JsonWriter& w, std::string& out) {
        w.end_object();
        end_typed(w, out);
    }

    void close_block(std::string& out) {
        if (open_ == Block::None) return;
        JsonWriter w = begin_typed(out, "content_block_stop");
        w.key("index").number(open_index_);
        end_typed(w, out);
        open_ = Block::None;
    }

    // The per-token event: its constant parts are appended as they are, only the index and
    // the text go through the writer (escaping the constant keys cost a quarter of the time).
    // `type` and `key` are plain identifiers.
    static void write_delta(int index, std::string_view type, std::string_view key,
                            std::string_view value, std::string& out) {
        out.append(
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":");
        JsonWriter(out).number(index);
        out.append(",\"delta\":{\"type\":\"").append(type).append("\",\"");
        out.append(key).append("\":");
        JsonWriter(out).string(value);
        out.append("}}");
        end_event(out);
    }

    Block open_ = Block::None;
    int open_index_ = 0;
    int next_index_ = 0;
    std::vector<int> tool_blocks_;  // the content index of each tool call's block
    std::optional<FinishReason> finish_;
    llm::Usage usage_;
};

}  // namespace

std::unique_ptr<StreamEncoder> make_messages_stream_encoder() {
    return std::make_unique<MessagesStreamEncoder>();
}

}  // namespace gw::translate::detail
