#include "gw/net/read_room.hpp"

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/read_size.hpp>
#include <gtest/gtest.h>

#include <cstring>
#include <string_view>

namespace gw::net {
namespace {

namespace beast = boost::beast;

// Fills `buffer` the way a read of a request head does, and leaves `unread` bytes in it.
void hold_head(beast::flat_buffer& buffer, std::size_t head, std::string_view unread) {
    auto room = buffer.prepare(head + unread.size());
    std::memset(room.data(), 'h', head);
    std::memcpy(static_cast<char*>(room.data()) + head, unread.data(), unread.size());
    buffer.commit(head + unread.size());
    buffer.consume(head);
}

// What Beast's parsers ask the socket for on the next read.
std::size_t next_read_size(beast::flat_buffer& buffer) { return beast::read_size(buffer, 65536); }

TEST(ReadRoom, AHeadSizedBufferReadsABodyInSmallPiecesWithoutIt) {
    beast::flat_buffer buffer;
    hold_head(buffer, 700, "");
    EXPECT_LT(next_read_size(buffer), 2048U);
}

TEST(ReadRoom, ALargeBodyIsReadUpToTheRoomAtOnce) {
    beast::flat_buffer buffer;
    hold_head(buffer, 700, "");
    make_read_room(buffer, 600 * 1024);
    EXPECT_EQ(next_read_size(buffer), kBodyReadRoom);
}

TEST(ReadRoom, ASmallBodyGetsOnlyTheRoomItNeeds) {
    beast::flat_buffer buffer;
    make_read_room(buffer, 3000);
    EXPECT_GE(next_read_size(buffer), 3000U);
    EXPECT_LT(buffer.capacity(), 2 * 3000U);
}

TEST(ReadRoom, BytesAlreadyBufferedKeepTheirPlaceAndDoNotEatTheRoom) {
    beast::flat_buffer buffer;
    hold_head(buffer, 700, "first body bytes");
    make_read_room(buffer, 600 * 1024);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "first body bytes");
    EXPECT_GE(next_read_size(buffer), kBodyReadRoom);
}

TEST(ReadRoom, ReleasingFreesTheRoomButKeepsPipelinedBytes) {
    beast::flat_buffer buffer;
    make_read_room(buffer, 600 * 1024);
    hold_head(buffer, 0, "GET /next HTTP/1.1\r\n");
    release_read_room(buffer);
    EXPECT_LT(buffer.capacity(), 4096U);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "GET /next HTTP/1.1\r\n");
}

TEST(ReadRoom, ReleasingKeepsAHeadSizedBuffer) {
    beast::flat_buffer buffer;
    hold_head(buffer, 1500, "");
    const std::size_t capacity = buffer.capacity();
    release_read_room(buffer);
    EXPECT_EQ(buffer.capacity(), capacity);
}

}  // namespace
}  // namespace gw::net
