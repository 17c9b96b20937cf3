#include "gw/net/send_now.hpp"

#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace gw::net {

std::size_t send_now(int fd, const Pieces& pieces, boost::system::error_code& ec) {
    std::array<iovec, 3> iov{};
    std::size_t count = 0;
    for (std::string_view piece : pieces) {
        if (piece.empty()) continue;
        iov[count].iov_base = const_cast<char*>(piece.data());
        iov[count].iov_len = piece.size();
        ++count;
    }
    if (count == 0) return 0;
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = count;
    for (;;) {
        ssize_t n = ::sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno == EINTR) continue;
        if (errno != EAGAIN) ec.assign(errno, boost::system::system_category());
        return 0;
    }
}

Pieces skip_bytes(const Pieces& pieces, std::size_t written) {
    Pieces rest = pieces;
    for (std::string_view& piece : rest) {
        std::size_t drop = std::min(written, piece.size());
        piece.remove_prefix(drop);
        written -= drop;
    }
    return rest;
}

}  // namespace gw::net
