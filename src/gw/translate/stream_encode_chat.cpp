// Neutral stream events -> OpenAI chat.completion.chunk events and the [DONE] terminator.

#include "gw/json/writer.hpp"
#include "gw/sse/writer.hpp"
#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"

namespace gw::translate::detail {
namespace {

using json::JsonWriter;

class ChatStreamEncoder final : public StreamEncoder {
  public:
    explicit ChatStreamEncoder(bool usage_chunk) : usage_chunk_(usage_chunk) {}

    void start(const StreamStart& start, std::string& out) override {
        // Every chunk repeats id, object, created and model: written (and escaped) once here.
        JsonWriter w(prefix_);
        w.begin_object().key("id").string(start.id).key("object").string("chat.completion.chunk");
        w.key("created").number(creation_time(start.created)).key("model").string(start.model);
        prefix_.push_back(',');
        JsonWriter delta = begin_delta(out);
        delta.key("role").string("assistant").key("content").string("");
        end_choice(out, {});
    }

    void text(std::string_view delta, std::string& out) override {
        write_text(R"("content":)", delta, out);
    }

    void thinking(std::string_view delta, std::string& out) override {
        write_text(R"("reasoning_content":)", delta, out);
    }

    void tool_call_start(int index, std::string_view id, std::string_view name,
                         std::string& out) override {
        JsonWriter w = begin_tool_call(index, out);
        w.key("id").string(id).key("type").string("function");
        w.key("function").begin_object().key("name").string(name).key("arguments").string("");
        w.end_object();
        end_tool_call(out);
    }

    void tool_call_arguments(int index, std::string_view fragment, std::string& out) override {
        JsonWriter w = begin_tool_call(index, out);
        w.key("function").begin_object().key("arguments").string(fragment).end_object();
        end_tool_call(out);
    }

    void finish_reason(FinishReason reason, std::string& out) override {
        begin_delta(out);
        end_choice(out, chat_finish_reason_name(reason));
    }

    void usage(const llm::Usage& usage, std::string& /*out*/) override {
        merge_usage(usage_, usage);
        has_usage_ = true;
    }

    // OpenAI's SDKs raise on an error payload, so nothing (not even [DONE]) follows it.
    void error(std::string_view type, std::string_view message, std::string& out) override {
        begin_event(out);
        JsonWriter w(out);
        w.begin_object().key("error").begin_object().key("message").string(message);
        w.key("type").string(type.empty() ? "api_error" : type).key("code").null();
        w.end_object().end_object();
        end_event(out);
    }

    // Usage goes last, in a chunk without choices, as OpenAI sends it for include_usage: the
    // Messages upstream reports output tokens only at its very end.
    void end(std::string& out) override {
        if (usage_chunk_ && has_usage_) {
            begin_event(out);
            out.append(prefix_);
            JsonWriter w(out);
            w.key("choices").begin_array().end_array().key("usage").begin_object();
            write_chat_usage(w, usage_);
            w.end_object().end_object();
            end_event(out);
        }
        out.append(sse::kDoneEvent);
    }

  private:
    // The per-token chunk: only the text goes through the writer; `key` is written quoted,
    // with its colon.
    void write_text(std::string_view key, std::string_view text, std::string& out) const {
        begin_delta(out);
        out.append(key);
        JsonWriter(out).string(text);
        end_choice(out, {});
    }

    // Opens a chunk up to the inside of choices[0].delta; end_choice closes it.
    JsonWriter begin_delta(std::string& out) const {
        begin_event(out);
        out.append(prefix_);
        out.append(R"("choices":[{"index":0,"delta":{)");
        return JsonWriter(out);
    }

    static void end_choice(std::string& out, std::string_view finish_reason) {
        out.append(R"(},"logprobs":null,"finish_reason":)");
        if (finish_reason.empty()) {
            out.append("null");
        } else {
            JsonWriter(out).string(finish_reason);
        }
        out.append("}]}");
        end_event(out);
    }

    // Opens delta.tool_calls[0] of a chunk, after its index; end_tool_call closes the chunk.
    JsonWriter begin_tool_call(int index, std::string& out) const {
        JsonWriter w = begin_delta(out);
        w.key("tool_calls").begin_array().begin_object().key("index").number(index);
        return w;
    }

    static void end_tool_call(std::string& out) {
        out.append("}]");
        end_choice(out, {});
    }

    std::string prefix_;  // `{"id":..,"object":..,"created":..,"model":..,` of every chunk
    llm::Usage usage_;
    bool has_usage_ = false;
    bool usage_chunk_;
};

}  // namespace

std::unique_ptr<StreamEncoder> make_chat_stream_encoder(bool usage_chunk) {
    return std::make_unique<ChatStreamEncoder>(usage_chunk);
}

}  // namespace gw::translate::detail
