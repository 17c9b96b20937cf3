#pragma once
// Incremental Server-Sent Events framing (WHATWG HTML §9.2.6) with no I/O (stack.md §2.5). Bytes
// arrive in arbitrary slices; complete events are reported through a callback. Memory is bounded:
// an event larger than the configured limit puts the scanner in a failed state instead of
// growing the carry buffer.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace gw::sse {

// One dispatched event. The views point into the scanner and are valid only during the callback.
struct SseEvent {
    std::string_view event;  // the "event:" field; empty when the stream did not name it
    std::string_view data;   // every "data:" line of the event, joined with '\n'
    std::string_view id;     // the event's own "id:" field; empty when absent
};

class SseScanner {
  public:
    static constexpr size_t kDefaultMaxEventBytes = 1024 * 1024;

    explicit SseScanner(size_t max_event_bytes = kDefaultMaxEventBytes)
        : max_event_bytes_(max_event_bytes) {}

    // Consumes `bytes` and calls on_event(const SseEvent&) for every event completed by them.
    // Returns false once the scanner has failed (see failed()); later calls do nothing.
    template <class Fn>
    bool feed(std::string_view bytes, Fn&& on_event);

    // True when no part of an event is buffered: everything fed so far ended exactly at an event
    // boundary (comments and blank lines do not count as a started event), so a complete event
    // injected into the byte stream now cannot merge with upstream bytes.
    [[nodiscard]] bool at_event_boundary() const;

    // True after an event grew beyond max_event_bytes; the stream cannot be framed further.
    [[nodiscard]] bool failed() const { return failed_; }

    // Back to the initial state, for reuse on a new stream.
    void reset();

  private:
    // Takes the next complete line from `bytes` (or from the carry buffer completed by `bytes`)
    // into `line`. Returns false when `bytes` is used up without completing one.
    bool next_line(std::string_view& bytes, std::string_view& line);
    // Applies one line to the event being built; true when it completed an event to dispatch.
    bool apply_line(std::string_view line);
    void apply_field(std::string_view name, std::string_view value);
    void clear_event();
    [[nodiscard]] SseEvent current_event() const;
    void fail();

    size_t max_event_bytes_;
    std::string carry_;  // a partial line awaiting its line end
    std::string event_;
    std::string data_;
    std::string id_;
    size_t event_bytes_ = 0;  // bytes of the lines of the event being built
    bool has_data_ = false;   // a "data" field was seen (even an empty one)
    bool in_event_ = false;   // a field line of the event being built was seen
    bool skip_lf_ = false;    // the last line ended with '\r'; a following '\n' belongs to it
    bool failed_ = false;
};

template <class Fn>
bool SseScanner::feed(std::string_view bytes, Fn&& on_event) {
    std::string_view line;
    while (!failed_ && next_line(bytes, line)) {
        if (apply_line(line)) {
            on_event(std::as_const(*this).current_event());
            clear_event();
        }
    }
    return !failed_;
}

}  // namespace gw::sse
