#include "gw/collector/port_probe.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gw::collector {
namespace {

struct AddrInfoFree {
    void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoFree>;

AddrInfoPtr resolve(const std::string& host, std::uint16_t port, int flags) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags | AI_NUMERICSERV;
    addrinfo* raw = nullptr;
    std::string service = std::to_string(port);
    if (getaddrinfo(host.c_str(), service.c_str(), &hints, &raw) != 0) return nullptr;
    return AddrInfoPtr(raw);
}

}  // namespace

bool accepts_connections(const std::string& host, std::uint16_t port) {
    AddrInfoPtr info = resolve(host, port, 0);
    if (!info) return false;
    int fd = ::socket(info->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    bool connected = ::connect(fd, info->ai_addr, info->ai_addrlen) == 0;
    ::close(fd);
    return connected;
}

Result<void> check_port_free(const std::string& host, std::uint16_t port) {
    if (port == 0) return {};
    AddrInfoPtr info = resolve(host, port, AI_PASSIVE);
    if (!info) return Error::invalid(fmt::format("cannot resolve listen address '{}'", host));
    int fd = ::socket(info->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return Error::io(fmt::format("cannot create a socket: {}", std::strerror(errno)));
    int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    int bound = ::bind(fd, info->ai_addr, info->ai_addrlen);
    int bind_errno = errno;
    ::close(fd);
    if (bound == 0) return {};
    if (bind_errno == EADDRINUSE) {
        return Error::io(fmt::format(
            "port {} is already in use on {} (is another collector running? `planoai trace "
            "down` stops it)",
            port, host));
    }
    return Error::io(
        fmt::format("cannot listen on {}:{}: {}", host, port, std::strerror(bind_errno)));
}

}  // namespace gw::collector
