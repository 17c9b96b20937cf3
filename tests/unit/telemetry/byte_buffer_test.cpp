// The attribute byte buffer: growth keeps what was written, copies are deep, moves empty the
// source.

#include "gw/telemetry/byte_buffer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace gw::telemetry {
namespace {

std::string_view text(const ByteBuffer& b) { return {b.data(), b.size()}; }

void append(ByteBuffer& b, std::string_view s) {
    std::memcpy(b.extend(s.size()), s.data(), s.size());
}

TEST(ByteBuffer, GrowingKeepsTheBytesWritten) {
    ByteBuffer b;
    EXPECT_TRUE(b.empty());
    std::string want;
    for (int i = 0; i < 200; ++i) {
        const std::string piece = "piece-" + std::to_string(i) + ";";
        append(b, piece);
        want += piece;
    }
    EXPECT_EQ(text(b), want);
    b.reserve(1);  // never shrinks
    EXPECT_EQ(text(b), want);
}

TEST(ByteBuffer, HasRoomSaysWhetherExtendStaysInPlace) {
    ByteBuffer b;
    EXPECT_TRUE(b.has_room(0));
    EXPECT_FALSE(b.has_room(1));
    b.reserve(8);
    EXPECT_TRUE(b.has_room(8));
    EXPECT_FALSE(b.has_room(9));
    append(b, "abcde");
    const char* before = b.data();
    EXPECT_TRUE(b.has_room(3));
    EXPECT_FALSE(b.has_room(4));
    append(b, "fgh");
    EXPECT_EQ(b.data(), before);  // fitted: no reallocation
    EXPECT_FALSE(b.has_room(1));
    append(b, "i");
    EXPECT_EQ(text(b), "abcdefghi");
}

TEST(ByteBuffer, CopiesAreDeepAndMovesEmptyTheSource) {
    ByteBuffer original;
    append(original, "abc");
    ByteBuffer copy = original;
    append(copy, "def");
    EXPECT_EQ(text(original), "abc");
    EXPECT_EQ(text(copy), "abcdef");

    ByteBuffer small;
    append(small, "x");
    small = copy;  // copy-assign over a buffer too small for it
    EXPECT_EQ(text(small), "abcdef");
    copy = original;  // and over one large enough
    EXPECT_EQ(text(copy), "abc");

    ByteBuffer moved = std::move(copy);
    EXPECT_EQ(text(moved), "abc");
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    append(copy, "reused");
    EXPECT_EQ(text(copy), "reused");
}

}  // namespace
}  // namespace gw::telemetry
