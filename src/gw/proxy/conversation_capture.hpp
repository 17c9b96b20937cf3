#pragma once
// Keeps the final Responses object a client received — the whole JSON body, or the `response`
// of the stream's `response.completed` event — so the conversation store can save its output
// under its id (agents.md §4.1). Fed the client-facing bytes; holds nothing until that event.

#include "gw/sse/scanner.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gw::proxy {

class ConversationCapture {
  public:
    void begin(bool event_stream) { event_stream_ = event_stream; }
    void on_bytes(std::string_view bytes);
    // The completed Responses object as JSON; nullopt when the answer was not a completed one.
    [[nodiscard]] std::optional<std::string> completed_response();

  private:
    bool event_stream_ = false;
    std::string body_;
    sse::SseScanner scanner_;
    std::optional<std::string> completed_;
};

}  // namespace gw::proxy
