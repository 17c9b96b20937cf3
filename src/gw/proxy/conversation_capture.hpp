#pragma once
// Finds the completed Responses object a client is about to receive — the whole JSON body, or
// the `response` of the stream's `response.completed` event — and hands it on before those bytes
// are written, so the conversation is saved before the client can send its next turn.

#include "gw/sse/scanner.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace gw::proxy {

class ConversationCapture {
  public:
    using OnCompleted = std::function<void(const std::string& response_json)>;

    explicit ConversationCapture(OnCompleted on_completed)
        : on_completed_(std::move(on_completed)) {}

    // A whole (non-streaming, successful) Responses body.
    void on_body(const std::string& body) { on_completed_(body); }
    // Client-facing SSE bytes, in order.
    void on_stream_bytes(std::string_view bytes);

  private:
    OnCompleted on_completed_;
    sse::SseScanner scanner_;
};

}  // namespace gw::proxy
