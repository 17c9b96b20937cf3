// Neutral stream events -> the OpenAI Responses event lifecycle: response.created and
// .in_progress, then per output item .output_item.added, its part and delta events,
// .output_item.done, and finally .completed / .incomplete (or .failed) carrying the whole
// response, in the shape of a non-streaming Responses body (response_encode_responses.cpp).
// Every event has a sequence_number; item ids are derived from the upstream id as the
// non-streaming encoder derives them.

#include "gw/json/writer.hpp"
#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"

#include <fmt/format.h>

#include <iterator>
#include <vector>

namespace gw::translate::detail {
namespace {

using json::JsonWriter;

enum class ItemKind { Message, Reasoning, FunctionCall };

// The event names and keys of one kind of output item. Messages and reasoning items hold one
// text part (output_text, summary_text); function calls have no parts.
struct ItemEvents {
    std::string_view id_prefix;
    std::string_view part_added;  // empty: the kind has no parts
    std::string_view delta;
    std::string_view done;
    std::string_view part_done;
    std::string_view part_index_key;
    std::string_view done_key;  // the member of `done` holding the whole text
};

constexpr ItemEvents kMessageEvents{"msg",
                                    "response.content_part.added",
                                    "response.output_text.delta",
                                    "response.output_text.done",
                                    "response.content_part.done",
                                    "content_index",
                                    "text"};
constexpr ItemEvents kReasoningEvents{"rs",
                                      "response.reasoning_summary_part.added",
                                      "response.reasoning_summary_text.delta",
                                      "response.reasoning_summary_text.done",
                                      "response.reasoning_summary_part.done",
                                      "summary_index",
                                      "text"};
constexpr ItemEvents kFunctionCallEvents{"fc",
                                         {},
                                         "response.function_call_arguments.delta",
                                         "response.function_call_arguments.done",
                                         {},
                                         {},
                                         "arguments"};

const ItemEvents& events_of(ItemKind kind) {
    switch (kind) {
        case ItemKind::Message:
            return kMessageEvents;
        case ItemKind::Reasoning:
            return kReasoningEvents;
        case ItemKind::FunctionCall:
            return kFunctionCallEvents;
    }
    return kMessageEvents;
}

struct Item {
    ItemKind kind = ItemKind::Message;
    std::string id = {};
    std::string call_id = {};  // function calls
    std::string name = {};     // function calls
    std::string text = {};     // the text so far, or the arguments so far
    std::string members = {};  // `,"item_id":..,"output_index":..` of its item events
    bool done = false;
};

void write_part(JsonWriter& w, const Item& item, std::string_view text) {
    if (item.kind == ItemKind::Message) {
        w.begin_object().key("type").string("output_text").key("text").string(text);
        w.key("annotations").begin_array().end_array().end_object();
    } else {
        w.begin_object().key("type").string("summary_text").key("text").string(text).end_object();
    }
}

// Whether an item shows its text part: always once done, and before that (in a failed
// response) when some text arrived, so the client keeps what was streamed.
bool has_content(const Item& item) { return item.done || !item.text.empty(); }

// An item as output_item.added shows it (no content yet), as it is once done, or as far as it
// got when the response failed.
void write_item(JsonWriter& w, const Item& item) {
    const std::string_view status = item.done ? "completed" : "in_progress";
    switch (item.kind) {
        case ItemKind::Message:
            w.begin_object().key("type").string("message").key("id").string(item.id);
            w.key("status").string(status).key("role").string("assistant");
            w.key("content").begin_array();
            if (has_content(item)) write_part(w, item, item.text);
            w.end_array().end_object();
            return;
        case ItemKind::Reasoning:
            w.begin_object().key("type").string("reasoning").key("id").string(item.id);
            w.key("summary").begin_array();
            if (has_content(item)) write_part(w, item, item.text);
            w.end_array().end_object();
            return;
        case ItemKind::FunctionCall:
            w.begin_object().key("type").string("function_call").key("id").string(item.id);
            w.key("call_id").string(item.call_id).key("name").string(item.name);
            w.key("arguments").string(item.text).key("status").string(status).end_object();
            return;
    }
}

// The state a response object is written in: the event carrying it, its status, and why it is
// incomplete or failed.
struct Outcome {
    std::string_view event;
    std::string_view status;
    std::string_view incomplete_reason = {};
    std::string_view error_code = {};  // failed responses
    std::string_view error_message = {};
};

Outcome outcome_of(std::optional<FinishReason> reason) {
    if (reason == FinishReason::Length) {
        return {"response.incomplete", "incomplete", "max_output_tokens"};
    }
    if (reason == FinishReason::ContentFilter) {
        return {"response.incomplete", "incomplete", "content_filter"};
    }
    return {"response.completed", "completed", {}};
}

class ResponsesStreamEncoder final : public StreamEncoder {
  public:
    void start(const StreamStart& start, std::string& out) override {
        upstream_id_ = start.id;
        response_id_ =
            start.id.starts_with("resp_") ? std::string(start.id) : "resp_" + std::string(start.id);
        model_ = start.model;
        created_ = creation_time(start.created);
        for (std::string_view event : {"response.created", "response.in_progress"}) {
            write_response_event({event, "in_progress"}, out);
        }
    }

    void text(std::string_view delta, std::string& out) override {
        append(continue_item(ItemKind::Message, out), delta, out);
    }

    void thinking(std::string_view delta, std::string& out) override {
        append(continue_item(ItemKind::Reasoning, out), delta, out);
    }

    void tool_call_start(int index, std::string_view id, std::string_view name,
                         std::string& out) override {
        if (index != static_cast<int>(call_items_.size())) return;  // decoders number from 0
        call_items_.push_back(items_.size());
        open_item({.kind = ItemKind::FunctionCall,
                   .id = fmt::format("fc_{}_{}", upstream_id_, index),
                   .call_id = std::string(id),
                   .name = std::string(name)},
                  out);
    }

    // A fragment for a call whose item was already closed (an upstream interleaving parallel
    // calls) still goes to that item: the final output must hold all of its arguments.
    void tool_call_arguments(int index, std::string_view fragment, std::string& out) override {
        if (index < 0 || index >= static_cast<int>(call_items_.size())) return;
        append(call_items_[static_cast<size_t>(index)], fragment, out);
    }

    void finish_reason(FinishReason reason, std::string& /*out*/) override { finish_ = reason; }

    void usage(const llm::Usage& usage, std::string& /*out*/) override {
        merge_usage(usage_, usage);
    }

    void error(std::string_view type, std::string_view message, std::string& out) override {
        write_response_event(
            {"response.failed", "failed", {}, type.empty() ? "api_error" : type, message}, out);
    }

    // An answer with neither text nor calls still gets a message with one empty text, as the
    // non-streaming encoder (and OpenAI) gives it.
    void end(std::string& out) override {
        if (items_.empty()) continue_item(ItemKind::Message, out);
        close_open_item(out);
        write_response_event(outcome_of(finish_), out);
    }

  private:
    // Writes the event line and opens its data object after type and sequence_number.
    JsonWriter begin(std::string_view type, std::string& out) {
        begin_event(out, type);
        JsonWriter w(out);
        w.begin_object().key("type").string(type).key("sequence_number").number(sequence_++);
        return w;
    }

    static void end(JsonWriter& w, std::string& out) {
        w.end_object();
        end_event(out);
    }

    // Opens an item event after item_id and output_index (and the part index for parts).
    JsonWriter begin_item_event(std::string_view type, size_t item, std::string& out) {
        JsonWriter w = begin(type, out);
        out.append(items_[item].members);
        return w;
    }

    // What every event of item `index` has after its sequence number, written once.
    [[nodiscard]] std::string members_of(size_t index) const {
        std::string members = ",";
        JsonWriter w(members);
        w.key("item_id").string(items_[index].id).key("output_index").number(index);
        const ItemEvents& events = events_of(items_[index].kind);
        if (!events.part_index_key.empty()) w.key(events.part_index_key).number(0);
        return members;
    }

    // The open item of `kind`, or a new one after closing the open item.
    size_t continue_item(ItemKind kind, std::string& out) {
        if (open_ && items_[*open_].kind == kind) return *open_;
        const ItemEvents& events = events_of(kind);
        const size_t same_kind = count_of(kind);
        std::string id = fmt::format("{}_{}", events.id_prefix, upstream_id_);
        if (same_kind > 0) fmt::format_to(std::back_inserter(id), "_{}", same_kind);
        return open_item({.kind = kind, .id = std::move(id)}, out);
    }

    size_t open_item(Item item, std::string& out) {
        close_open_item(out);
        const size_t index = items_.size();
        items_.push_back(std::move(item));
        items_[index].members = members_of(index);
        open_ = index;
        JsonWriter added = begin("response.output_item.added", out);
        added.key("output_index").number(index).key("item");
        write_item(added, items_[index]);
        end(added, out);
        const ItemEvents& events = events_of(items_[index].kind);
        if (!events.part_added.empty()) {
            JsonWriter part = begin_item_event(events.part_added, index, out);
            write_part(part.key("part"), items_[index], "");
            end(part, out);
        }
        return index;
    }

    // The per-token event: only its sequence number and delta change from one to the next, so
    // the rest is appended as it is (written through JsonWriter it cost half the time).
    void append(size_t index, std::string_view delta, std::string& out) {
        Item& item = items_[index];
        item.text.append(delta);
        const std::string_view type = events_of(item.kind).delta;
        out.append("event: ").append(type).append("\ndata: {\"type\":\"").append(type);
        out.append("\",\"sequence_number\":");
        JsonWriter(out).number(sequence_++);
        out.append(item.members).append(",\"delta\":");
        JsonWriter(out).string(delta);
        out.push_back('}');
        end_event(out);
    }

    void close_open_item(std::string& out) {
        if (!open_) return;
        const size_t index = *open_;
        open_.reset();
        Item& item = items_[index];
        const ItemEvents& events = events_of(item.kind);
        JsonWriter done = begin_item_event(events.done, index, out);
        done.key(events.done_key).string(item.text);
        end(done, out);
        if (!events.part_done.empty()) {
            JsonWriter part = begin_item_event(events.part_done, index, out);
            write_part(part.key("part"), item, item.text);
            end(part, out);
        }
        item.done = true;
        JsonWriter item_done = begin("response.output_item.done", out);
        item_done.key("output_index").number(index).key("item");
        write_item(item_done, item);
        end(item_done, out);
    }

    [[nodiscard]] size_t count_of(ItemKind kind) const {
        size_t count = 0;
        for (const Item& item : items_) count += item.kind == kind ? 1 : 0;
        return count;
    }

    // An event carrying the whole response object as it stands.
    void write_response_event(const Outcome& outcome, std::string& out) {
        JsonWriter w = begin(outcome.event, out);
        write_response(w.key("response"), outcome);
        end(w, out);
    }

    void write_response(JsonWriter& w, const Outcome& outcome) const {
        w.begin_object().key("id").string(response_id_).key("object").string("response");
        w.key("created_at").number(created_).key("status").string(outcome.status);
        if (!outcome.error_code.empty()) {
            w.key("error").begin_object().key("code").string(outcome.error_code);
            w.key("message").string(outcome.error_message).end_object();
        }
        w.key("incomplete_details");
        if (outcome.incomplete_reason.empty()) {
            w.null();
        } else {
            w.begin_object().key("reason").string(outcome.incomplete_reason).end_object();
        }
        w.key("model").string(model_).key("output").begin_array();
        for (const Item& item : items_) write_item(w, item);
        w.end_array();
        if (has_token_counts(usage_)) {
            w.key("usage").begin_object();
            write_responses_usage(w, usage_);
            w.end_object();
        }
        w.end_object();
    }

    std::string upstream_id_;
    std::string response_id_;
    std::string model_;
    int64_t created_ = 0;
    uint64_t sequence_ = 0;
    std::vector<Item> items_;
    std::vector<size_t> call_items_;  // the item of each tool call
    std::optional<size_t> open_;      // the item still receiving deltas
    std::optional<FinishReason> finish_;
    llm::Usage usage_;
};

}  // namespace

std::unique_ptr<StreamEncoder> make_responses_stream_encoder() {
    return std::make_unique<ResponsesStreamEncoder>();
}

}  // namespace gw::translate::detail
