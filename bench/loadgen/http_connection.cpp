#include "http_connection.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdlib>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

namespace loadgen {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kCrlf = "\r\n";

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool icontains(std::string_view text, std::string_view needle) {
    for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
        if (iequals(text.substr(i, needle.size()), needle)) return true;
    }
    return false;
}

struct Head {
    int status = 0;
    bool chunked = false;
    bool close = false;
    std::optional<size_t> content_length;
};

Head parse_head(std::string_view head) {
    Head out;
    if (head.size() > 12) out.status = std::atoi(std::string(head.substr(9, 3)).c_str());
    size_t pos = head.find(kCrlf);
    while (pos != std::string_view::npos && pos + 2 < head.size()) {
        const size_t start = pos + 2;
        const size_t end = std::min(head.find(kCrlf, start), head.size());
        const std::string_view line = head.substr(start, end - start);
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            const auto name = line.substr(0, colon);
            auto value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            if (iequals(name, "content-length")) {
                out.content_length = std::strtoull(std::string(value).c_str(), nullptr, 10);
            } else if (iequals(name, "transfer-encoding")) {
                out.chunked = icontains(value, "chunked");
            } else if (iequals(name, "connection")) {
                out.close = icontains(value, "close");
            }
        }
        pos = end < head.size() ? end : std::string_view::npos;
    }
    return out;
}

}  // namespace

Exchange HttpConnection::exchange(const std::string& request) {
    Exchange out;
    const auto start = Clock::now();
    if (fd_ < 0 && !connect()) return out;
    if (!send_all(request) || !read_response(out, start)) {
        close();
        out.ok = false;
    }
    out.total = Clock::now() - start;
    return out;
}

bool HttpConnection::connect() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1 ||
        ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close();
        return false;
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    buffer_.clear();
    return true;
}

void HttpConnection::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
}

bool HttpConnection::send_all(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

bool HttpConnection::read_response(Exchange& out, Clock::time_point start) {
    char chunk[65536];
    const auto receive = [&] {
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<size_t>(n));
        return true;
    };
    size_t head_end = buffer_.find("\r\n\r\n");
    while (head_end == std::string::npos) {
        if (!receive()) return false;
        head_end = buffer_.find("\r\n\r\n");
    }
    const Head head = parse_head(std::string_view(buffer_).substr(0, head_end));
    out.status = head.status;
    const size_t body_start = head_end + 4;
    bool first_byte_seen = false;
    const auto note_first_byte = [&] {
        if (!first_byte_seen && buffer_.size() > body_start) {
            first_byte_seen = true;
            out.ttfb = Clock::now() - start;
        }
    };
    note_first_byte();
    size_t end = body_start;  // end of the message once known
    if (head.chunked) {
        size_t pos = body_start;
        for (;;) {
            const size_t line_end = buffer_.find(kCrlf, pos);
            if (line_end == std::string::npos) {
                if (!receive()) return false;
                note_first_byte();
                continue;
            }
            const size_t size = std::strtoull(buffer_.c_str() + pos, nullptr, 16);
            // The last chunk is followed by (no trailers here) one empty line.
            const size_t need = line_end + 2 + size + 2;
            if (buffer_.size() < need) {
                if (!receive()) return false;
                note_first_byte();
                continue;
            }
            out.body_bytes += size;
            pos = need;
            if (size == 0) break;
        }
        end = pos;
    } else if (head.content_length || out.status == 204 || out.status == 304) {
        end = body_start + head.content_length.value_or(0);
        while (buffer_.size() < end) {
            if (!receive()) return false;
            note_first_byte();
        }
        out.body_bytes = end - body_start;
    } else {
        while (receive()) note_first_byte();  // delimited by close
        end = buffer_.size();
        out.body_bytes = end - body_start;
    }
    if (!first_byte_seen) out.ttfb = Clock::now() - start;
    buffer_.erase(0, end);
    out.ok = true;
    if (head.close) close();
    return true;
}

}  // namespace loadgen
