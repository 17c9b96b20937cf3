#include "gw/sse/scanner.hpp"

#include <cstring>

namespace gw::sse {
namespace {

// Position of the first '\r' or '\n' in `bytes`, or npos. memchr finds '\n' (the usual line end)
// at full speed; '\r' is then only looked for in front of it.
size_t find_line_end(std::string_view bytes) {
    const void* lf = std::memchr(bytes.data(), '\n', bytes.size());
    const size_t limit =
        lf ? static_cast<size_t>(static_cast<const char*>(lf) - bytes.data()) : bytes.size();
    const void* cr = std::memchr(bytes.data(), '\r', limit);
    if (cr) return static_cast<size_t>(static_cast<const char*>(cr) - bytes.data());
    return lf ? limit : std::string_view::npos;
}

}  // namespace

bool SseScanner::next_line(std::string_view& bytes, std::string_view& line) {
    if (skip_lf_ && !bytes.empty()) {
        skip_lf_ = false;
        if (bytes.front() == '\n') bytes.remove_prefix(1);
    }
    if (bytes.empty()) return false;
    const size_t end = find_line_end(bytes);
    if (end == std::string_view::npos) {
        if (carry_.size() + bytes.size() + event_bytes_ > max_event_bytes_) {
            fail();
        } else {
            carry_.append(bytes);
        }
        bytes = {};
        return false;
    }
    skip_lf_ = bytes[end] == '\r';
    if (carry_.empty()) {
        line = bytes.substr(0, end);
    } else {
        carry_.append(bytes.substr(0, end));
        line = carry_;
    }
    bytes.remove_prefix(end + 1);
    if (skip_lf_ && !bytes.empty()) {
        skip_lf_ = false;
        if (bytes.front() == '\n') bytes.remove_prefix(1);
    }
    return true;
}

bool SseScanner::apply_line(std::string_view line) {
    if (line.empty()) {
        carry_.clear();
        const bool dispatch = has_data_;
        // Per the standard, a blank line ends the event; one without data is dropped silently.
        if (!dispatch) clear_event();
        return dispatch;
    }
    // Comments (keep-alive pings) neither start an event nor count towards its size.
    if (line.front() != ':') {
        event_bytes_ += line.size() + 1;
        if (event_bytes_ > max_event_bytes_) {
            fail();
            return false;
        }
        const size_t colon = line.find(':');
        std::string_view value;
        if (colon != std::string_view::npos) {
            value = line.substr(colon + 1);
            if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        }
        apply_field(line.substr(0, colon), value);
    }
    carry_.clear();
    return false;
}

void SseScanner::apply_field(std::string_view name, std::string_view value) {
    in_event_ = true;
    if (name == "data") {
        if (has_data_) data_.push_back('\n');
        data_.append(value);
        has_data_ = true;
    } else if (name == "event") {
        event_.assign(value);
    } else if (name == "id") {
        // The standard ignores ids containing NUL.
        if (value.find('\0') == std::string_view::npos) id_.assign(value);
    }
}

SseEvent SseScanner::current_event() const { return SseEvent{event_, data_, id_}; }

void SseScanner::clear_event() {
    event_.clear();
    data_.clear();
    id_.clear();
    event_bytes_ = 0;
    has_data_ = false;
    in_event_ = false;
}

bool SseScanner::at_event_boundary() const { return carry_.empty() && !in_event_; }

void SseScanner::fail() {
    failed_ = true;
    carry_ = std::string();
    data_ = std::string();
}

void SseScanner::reset() {
    clear_event();
    carry_.clear();
    skip_lf_ = false;
    failed_ = false;
}

}  // namespace gw::sse
