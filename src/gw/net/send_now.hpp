#pragma once
// Writes what the kernel accepts right now, without blocking and without a trip through the
// event loop. Most responses fit in the socket buffer, so the common case costs one sendmsg and
// no completion handler; the caller awaits an async write only for the remainder.

#include <boost/system/error_code.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace gw::net {

using Pieces = std::array<std::string_view, 3>;

// Returns the bytes written (possibly 0 when the socket buffer is full); `ec` is set on a real
// error (EAGAIN is not one).
std::size_t send_now(int fd, const Pieces& pieces, boost::system::error_code& ec);

// The pieces with the first `written` bytes removed.
Pieces skip_bytes(const Pieces& pieces, std::size_t written);

}  // namespace gw::net
