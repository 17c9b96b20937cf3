// StreamTranslator: SseScanner -> upstream decoder -> client encoder, and the pieces the stream
// codecs share.

#include "gw/translate/stream_codecs.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace gw::translate {
namespace detail {

EventObject::EventObject(std::string_view data) : input_(data) {
    simdjson::dom::element root;
    ok_ = input_.parser().parse(input_.view()).get(root) == simdjson::SUCCESS &&
          root.get_object().get(root_) == simdjson::SUCCESS;
}

std::string_view string_at(const simdjson::dom::object& obj, std::string_view key) {
    std::string_view text;
    if (obj.at_key(key).get_string().get(text) != simdjson::SUCCESS) return {};
    return text;
}

std::optional<int64_t> integer_at(const simdjson::dom::object& obj, std::string_view key) {
    int64_t value = 0;
    if (obj.at_key(key).get_int64().get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

std::optional<simdjson::dom::object> object_at(const simdjson::dom::object& obj,
                                               std::string_view key) {
    simdjson::dom::object value;
    if (obj.at_key(key).get_object().get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

void begin_event(std::string& out, std::string_view name) {
    if (!name.empty()) {
        out.append("event: ");
        out.append(name);
        out.push_back('\n');
    }
    out.append("data: ");
}

void end_event(std::string& out) { out.append("\n\n"); }

void merge_usage(llm::Usage& into, const llm::Usage& from) {
    for (auto field : {&llm::Usage::input_tokens, &llm::Usage::output_tokens,
                       &llm::Usage::total_tokens, &llm::Usage::cached_input_tokens,
                       &llm::Usage::cache_creation_input_tokens, &llm::Usage::reasoning_tokens}) {
        if (from.*field) into.*field = from.*field;
    }
}

int64_t creation_time(int64_t upstream_created) {
    if (upstream_created != 0) return upstream_created;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::seconds>(now).count();
}

}  // namespace detail

namespace {

// Gives every encoder the event order it relies on, whatever the upstream sent: start() exactly
// once and first (a stream that opens with content, an error or nothing still gets its
// envelope), and silence after end() or error() (an upstream error event followed by more
// bytes, or a fail() after the stream already closed, must not terminate it twice).
class OrderedEncoder final : public StreamEncoder {
  public:
    OrderedEncoder(std::unique_ptr<StreamEncoder> inner, std::optional<llm::Usage>* reported_usage,
                   std::string fallback_model)
        : inner_(std::move(inner)),
          reported_usage_(reported_usage),
          fallback_model_(std::move(fallback_model)) {}

    void start(const StreamStart& start, std::string& out) override {
        if (started_ || closed_) return;
        started_ = true;
        StreamStart named = start;
        if (named.model.empty()) named.model = fallback_model_;
        inner_->start(named, out);
    }
    void text(std::string_view delta, std::string& out) override {
        if (open(out)) inner_->text(delta, out);
    }
    void thinking(std::string_view delta, std::string& out) override {
        if (open(out)) inner_->thinking(delta, out);
    }
    void thinking_signature(std::string_view signature, std::string& out) override {
        if (open(out)) inner_->thinking_signature(signature, out);
    }
    void tool_call_start(int index, std::string_view id, std::string_view name,
                         std::string& out) override {
        if (open(out)) inner_->tool_call_start(index, id, name, out);
    }
    void tool_call_arguments(int index, std::string_view fragment, std::string& out) override {
        if (open(out)) inner_->tool_call_arguments(index, fragment, out);
    }
    void finish_reason(FinishReason reason, std::string& out) override {
        if (open(out)) inner_->finish_reason(reason, out);
    }
    void usage(const llm::Usage& usage, std::string& out) override {
        if (!open(out)) return;
        if (reported_usage_) {
            if (!*reported_usage_) reported_usage_->emplace();
            detail::merge_usage(**reported_usage_, usage);
        }
        inner_->usage(usage, out);
    }
    void error(std::string_view type, std::string_view message, std::string& out) override {
        if (!open(out)) return;
        closed_ = true;
        inner_->error(type, message, out);
    }
    void end(std::string& out) override {
        if (!open(out)) return;
        closed_ = true;
        inner_->end(out);
    }

  private:
    // True when events may still be written; starts the stream first when nobody did.
    bool open(std::string& out) {
        if (closed_) return false;
        start({}, out);
        return true;
    }

    std::unique_ptr<StreamEncoder> inner_;
    std::optional<llm::Usage>* reported_usage_;
    std::string fallback_model_;
    bool started_ = false;
    bool closed_ = false;
};

}  // namespace

// Only pairs can_translate() accepts reach here (the proxy checks first), so anything else is a
// bug, reported like encode_response does.
std::unique_ptr<StreamDecoder> make_stream_decoder(llm::ApiFormat upstream_api) {
    switch (upstream_api) {
        case llm::ApiFormat::OpenAiChat:
            return detail::make_chat_stream_decoder();
        case llm::ApiFormat::AnthropicMessages:
            return detail::make_messages_stream_decoder();
        case llm::ApiFormat::BedrockConverse:
            return detail::make_converse_stream_decoder();
        case llm::ApiFormat::OpenAiResponses:
            break;
    }
    throw std::invalid_argument("make_stream_decoder: no decoder for " +
                                std::string(to_string(upstream_api)));
}

std::unique_ptr<StreamEncoder> make_stream_encoder(llm::ApiFormat client_api,
                                                   const StreamOptions& options,
                                                   std::optional<llm::Usage>* reported_usage) {
    std::unique_ptr<StreamEncoder> encoder;
    switch (client_api) {
        case llm::ApiFormat::OpenAiChat:
            encoder = detail::make_chat_stream_encoder(options.chat_usage_chunk);
            break;
        case llm::ApiFormat::AnthropicMessages:
            encoder = detail::make_messages_stream_encoder();
            break;
        case llm::ApiFormat::OpenAiResponses:
            encoder = detail::make_responses_stream_encoder();
            break;
        case llm::ApiFormat::BedrockConverse:
            throw std::invalid_argument("make_stream_encoder: no encoder for " +
                                        std::string(to_string(client_api)));
    }
    return std::make_unique<OrderedEncoder>(std::move(encoder), reported_usage,
                                            options.fallback_model);
}

StreamTranslator::StreamTranslator(llm::ApiFormat upstream_api, llm::ApiFormat client_api,
                                   const StreamOptions& options)
    : binary_frames_(upstream_api == llm::ApiFormat::BedrockConverse),
      decoder_(make_stream_decoder(upstream_api)),
      encoder_(make_stream_encoder(client_api, options, &usage_)) {}

void StreamTranslator::feed(std::string_view upstream_bytes, std::string& out) {
    if (ended_) return;
    if (binary_frames_) {
        feed_frames(upstream_bytes, out);
    } else {
        feed_sse(upstream_bytes, out);
    }
}

void StreamTranslator::feed_sse(std::string_view upstream_bytes, std::string& out) {
    const bool framed = scanner_.feed(upstream_bytes, [&](const sse::SseEvent& event) {
        decoder_->on_event(event, *encoder_, out);
    });
    if (!framed) fail("upstream sent an event larger than the gateway accepts", out);
}

void StreamTranslator::feed_frames(std::string_view upstream_bytes, std::string& out) {
    const bool framed = frames_.feed(
        upstream_bytes, [&](const sse::EventStreamMessage& message) { on_frame(message, out); });
    if (!framed)
        fail(fmt::format("upstream sent a malformed event stream: {}", frames_.error()), out);
}

// Events and exceptions go to the Converse decoder by name (exception types all end in
// "Exception"); an `error` message is the service giving up on the stream.
void StreamTranslator::on_frame(const sse::EventStreamMessage& message, std::string& out) {
    const std::string_view type = message.message_type();
    if (type == "error") {
        const std::string_view text = message.error_message();
        fail(text.empty() ? message.error_code() : text, out);
        return;
    }
    const std::string_view name =
        type == "exception" ? message.exception_type() : message.event_type();
    feed_event({.event = name, .data = message.payload, .id = {}}, out);
}

void StreamTranslator::feed_event(const sse::SseEvent& event, std::string& out) {
    if (ended_) return;
    decoder_->on_event(event, *encoder_, out);
}

void StreamTranslator::finish(std::string& out) {
    if (ended_) return;
    ended_ = true;
    decoder_->on_end(*encoder_, out);
}

void StreamTranslator::fail(std::string_view message, std::string& out) {
    if (ended_) return;
    ended_ = true;
    encoder_->error("api_error", message, out);
}

}  // namespace gw::translate
