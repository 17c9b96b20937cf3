// OpenAI Responses: response objects and the response.* event stream (each event carries a
// sequence_number, as the real API does).
#include "gw/mock/json_text.hpp"
#include "gw/mock/render.hpp"

#include <fmt/format.h>

namespace gw::mock::detail {
namespace {

std::string output_text_part(std::string_view text_json) {
    return fmt::format(R"({{"type":"output_text","text":{},"annotations":[]}})", text_json);
}

std::string output_message(const Completion& c, std::string_view status, std::string_view content) {
    return fmt::format(
        R"({{"type":"message","id":"msg_mock_{}","status":"{}","role":"assistant","content":{}}})",
        c.seq, status, content);
}

std::string function_call(const Completion& c, std::string_view status,
                          std::string_view arguments_json) {
    return fmt::format(
        R"({{"type":"function_call","id":"fc_mock_{}","call_id":"call_mock_{}","name":{},)"
        R"("arguments":{},"status":"{}"}})",
        c.seq, c.seq, json_string(*c.tool_name), arguments_json, status);
}

// The one output item: the text message or the function call, finished with `text_json`.
std::string completed_item(const Completion& c, std::string_view text_json) {
    if (c.tool_name) return function_call(c, "completed", text_json);
    return output_message(c, "completed", "[" + output_text_part(text_json) + "]");
}

std::string added_item(const Completion& c) {
    return c.tool_name ? function_call(c, "in_progress", R"("")")
                       : output_message(c, "in_progress", "[]");
}

// input_tokens includes the cached tokens, as OpenAI counts them.
std::string usage_json(const MockUsage& u) {
    std::string cached;
    if (u.cached_tokens) {
        cached = fmt::format(R"("input_tokens_details":{{"cached_tokens":{}}},)", *u.cached_tokens);
    }
    return fmt::format(R"({{"input_tokens":{},{}"output_tokens":{},"total_tokens":{}}})",
                       u.input_tokens, cached, u.output_tokens, u.total());
}

// The response object; in_progress responses have no output and null usage yet.
std::string response(const Completion& c, bool completed) {
    std::string output = "[]";
    std::string usage = "null";
    if (completed) {
        output = "[" + completed_item(c, json_string(c.text())) + "]";
        usage = usage_json(c.usage);
    }
    return fmt::format(
        R"({{"id":"resp_mock_{}","object":"response","created_at":{},"status":"{}","model":{},)"
        R"("output":{},"usage":{}}})",
        c.seq, kCreated, completed ? "completed" : "in_progress", json_string(c.model), output,
        usage);
}

// Numbers the events of one stream and wraps each as an SSE frame named by its type.
class EventWriter {
  public:
    explicit EventWriter(std::vector<SseFrame>& frames) : frames_(frames) {}

    // `fields` is the rest of the event object after "type" and "sequence_number".
    void add(std::string_view type, std::string_view fields, bool content = false) {
        const auto json =
            fmt::format(R"({{"type":"{}","sequence_number":{},{}}})", type, seq_++, fields);
        frames_.push_back(sse_frame(type, json, content));
    }

  private:
    std::vector<SseFrame>& frames_;
    uint64_t seq_ = 0;
};

// The events between output_item.added and output_item.done for a text message.
void add_text_events(EventWriter& events, const Completion& c) {
    const auto part_at =
        fmt::format(R"("item_id":"msg_mock_{}","output_index":0)", c.seq) + R"(,"content_index":0)";
    const auto text = json_string(c.text());
    events.add("response.content_part.added", part_at + R"(,"part":)" + output_text_part(R"("")"));
    for (const auto& piece : c.pieces) {
        events.add("response.output_text.delta", part_at + R"(,"delta":)" + json_string(piece),
                   true);
    }
    events.add("response.output_text.done", part_at + R"(,"text":)" + text);
    events.add("response.content_part.done", part_at + R"(,"part":)" + output_text_part(text));
}

// The events between output_item.added and output_item.done for a function call.
void add_function_call_events(EventWriter& events, const Completion& c) {
    const auto item_at = fmt::format(R"("item_id":"fc_mock_{}","output_index":0)", c.seq);
    for (const auto& piece : c.pieces) {
        events.add("response.function_call_arguments.delta",
                   item_at + R"(,"delta":)" + json_string(piece), true);
    }
    events.add("response.function_call_arguments.done",
               item_at + R"(,"arguments":)" + json_string(c.text()));
}

}  // namespace

std::string responses_body(const Completion& c) { return response(c, true); }

std::vector<SseFrame> responses_stream(const Completion& c) {
    std::vector<SseFrame> frames;
    frames.reserve(c.pieces.size() + 8);
    EventWriter events(frames);
    events.add("response.created", R"("response":)" + response(c, false));
    events.add("response.in_progress", R"("response":)" + response(c, false));
    events.add("response.output_item.added", R"("output_index":0,"item":)" + added_item(c));
    if (c.tool_name) {
        add_function_call_events(events, c);
    } else {
        add_text_events(events, c);
    }
    events.add("response.output_item.done",
               R"("output_index":0,"item":)" + completed_item(c, json_string(c.text())));
    events.add("response.completed", R"("response":)" + response(c, true));
    return frames;
}

}  // namespace gw::mock::detail
