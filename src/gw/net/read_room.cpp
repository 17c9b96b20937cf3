#include "gw/net/read_room.hpp"

#include <algorithm>

namespace gw::net {
namespace {

// What a request head needs; a buffer at most this big is kept as it is.
constexpr std::size_t kKeptCapacity = 4 * 1024;

}  // namespace

void make_read_room(boost::beast::flat_buffer& buffer, std::size_t expected) {
    buffer.reserve(buffer.size() + std::min(expected, kBodyReadRoom));
}

void release_read_room(boost::beast::flat_buffer& buffer) {
    if (buffer.capacity() > kKeptCapacity) buffer.shrink_to_fit();
}

}  // namespace gw::net
