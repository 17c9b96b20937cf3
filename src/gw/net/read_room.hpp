#pragma once
// Room in a connection's read buffer before a body is read. Beast asks the socket for at most
// (capacity - size) bytes of a flat_buffer per read (never less than 512), and a flat_buffer only
// grows when a read does not fit, so a buffer sized by a request head reads a large body about
// half a kilobyte per syscall: a 600 KB prompt took over a thousand reads. Making room first
// lets each read take up to kBodyReadRoom; giving it back after keeps idle keep-alive connections
// small.

#include <boost/beast/core/flat_buffer.hpp>

#include <cstddef>

namespace gw::net {

inline constexpr std::size_t kBodyReadRoom = 64 * 1024;

// After this, the next read into `buffer` may take min(expected, kBodyReadRoom) bytes at once.
void make_read_room(boost::beast::flat_buffer& buffer, std::size_t expected);

// Frees the room a finished body needed (bytes still buffered, e.g. a pipelined request, stay).
void release_read_room(boost::beast::flat_buffer& buffer);

}  // namespace gw::net
