#include "gw/sse/writer.hpp"

#include <cstring>

namespace gw::sse {
namespace {

// Position of the first '\r' or '\n', or npos; memchr keeps long JSON payloads cheap.
size_t find_line_break(std::string_view text) {
    const void* lf = std::memchr(text.data(), '\n', text.size());
    const size_t limit =
        lf ? static_cast<size_t>(static_cast<const char*>(lf) - text.data()) : text.size();
    const void* cr = std::memchr(text.data(), '\r', limit);
    if (cr) return static_cast<size_t>(static_cast<const char*>(cr) - text.data());
    return lf ? limit : std::string_view::npos;
}

void append_single_line(std::string& out, std::string_view text) {
    while (!text.empty()) {
        const size_t end = find_line_break(text);
        out.append(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
}

}  // namespace

void format_event(std::string& out, std::string_view data, std::string_view event) {
    if (!event.empty()) {
        out.append("event: ");
        append_single_line(out, event);
        out.push_back('\n');
    }
    while (true) {
        const size_t end = find_line_break(data);
        out.append("data: ");
        out.append(data.substr(0, end));
        out.push_back('\n');
        if (end == std::string_view::npos) break;
        const bool crlf = data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n';
        data.remove_prefix(end + (crlf ? 2 : 1));
    }
    out.push_back('\n');
}

void format_comment(std::string& out, std::string_view text) {
    out.append(": ");
    append_single_line(out, text);
    out.push_back('\n');
}

}  // namespace gw::sse
