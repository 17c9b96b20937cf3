#include "gw/cli/health_probe.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <memory>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gw::cli {
namespace {

using Clock = std::chrono::steady_clock;

class Socket {
  public:
    explicit Socket(int fd) : fd_(fd) {}
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    [[nodiscard]] int fd() const { return fd_; }

  private:
    int fd_;
};

int remaining_ms(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

bool wait_for(int fd, short events, Clock::time_point deadline) {
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, remaining_ms(deadline)) == 1 && (p.revents & events) != 0;
}

bool connect_before(const Socket& socket, const addrinfo& address, Clock::time_point deadline) {
    if (::connect(socket.fd(), address.ai_addr, address.ai_addrlen) == 0) return true;
    if (errno != EINPROGRESS || !wait_for(socket.fd(), POLLOUT, deadline)) return false;
    int error = 0;
    socklen_t length = sizeof error;
    return ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

bool send_all(const Socket& socket, std::string_view data, Clock::time_point deadline) {
    while (!data.empty()) {
        if (!wait_for(socket.fd(), POLLOUT, deadline)) return false;
        ssize_t sent = ::send(socket.fd(), data.data(), data.size(), MSG_NOSIGNAL);
        if (sent <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

// Reads until the status line is complete; only the status code matters.
bool status_is_200(const Socket& socket, Clock::time_point deadline) {
    std::string head;
    std::array<char, 512> buffer{};
    while (head.find("\r\n") == std::string::npos && head.size() < 4096) {
        if (!wait_for(socket.fd(), POLLIN, deadline)) return false;
        ssize_t got = ::recv(socket.fd(), buffer.data(), buffer.size(), 0);
        if (got <= 0) return false;
        head.append(buffer.data(), static_cast<std::size_t>(got));
    }
    return head.starts_with("HTTP/1.1 200 ") || head.starts_with("HTTP/1.0 200 ");
}

bool probe(const addrinfo& address, const std::string& request, Clock::time_point deadline) {
    Socket socket(
        ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    return socket.fd() >= 0 && connect_before(socket, address, deadline) &&
           send_all(socket, request, deadline) && status_is_200(socket, deadline);
}

}  // namespace

std::string local_address_for(const std::string& host) {
    if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
    if (host == "::" || host == "[::]") return "::1";
    return host;
}

bool http_get_ok(const std::string& host, std::uint16_t port, std::string_view path,
                 std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    std::string target = local_address_for(host);
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(target.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
        return false;
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
    bool v6 = target.find(':') != std::string::npos;
    std::string request =
        fmt::format("GET {} HTTP/1.1\r\nHost: {}{}{}:{}\r\nConnection: close\r\n\r\n", path,
                    v6 ? "[" : "", target, v6 ? "]" : "", port);
    for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
        if (probe(*a, request, deadline)) return true;
    }
    return false;
}

}  // namespace gw::cli
