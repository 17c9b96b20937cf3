#pragma once
// Watches the response bytes relayed to the client for what the trace reports: time to first
// byte, size, and usage / model / id, from the JSON body or from the last SSE event carrying them.

#include "gw/json/usage.hpp"
#include "gw/sse/scanner.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gw::proxy {

class ResponseMeter {
  public:
    void begin(bool event_stream);
    void on_bytes(std::string_view bytes);
    // Parses what was collected; call once after the last byte.
    void finish();
    // Usage known without appearing in the client's bytes (a translated Chat stream whose client
    // did not ask for the usage chunk); bytes that carry usage still win.
    void on_hidden_usage(const llm::Usage& usage);

    [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> first_byte() const {
        return first_byte_;
    }
    [[nodiscard]] std::size_t bytes() const { return bytes_; }
    // For streams: no partial event is pending, so an extra event can be appended cleanly.
    [[nodiscard]] bool at_event_boundary() const { return scanner_.at_event_boundary(); }
    [[nodiscard]] const std::optional<json::ResponseMeta>& meta() const { return meta_; }

  private:
    void merge(const json::ResponseMeta& found);

    bool event_stream_ = false;
    std::size_t bytes_ = 0;
    std::optional<std::chrono::steady_clock::time_point> first_byte_;
    std::string body_;  // non-stream bodies, bounded by kMaxBufferedBody
    bool body_truncated_ = false;
    sse::SseScanner scanner_;
    std::optional<json::ResponseMeta> meta_;
};

}  // namespace gw::proxy
