#include "gw/sse/crc32.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::sse {
namespace {

// The check value of CRC-32/ISO-HDLC (the zlib CRC) in the RevEng CRC catalogue.
TEST(Crc32, StandardCheckValue) { EXPECT_EQ(crc32("123456789"), 0xCBF43926u); }

TEST(Crc32, EmptyInputIsZero) { EXPECT_EQ(crc32(""), 0u); }

// The prelude CRCs of the test messages of awslabs/aws-c-event-stream
// (tests/message_deserializer_test.c): total length 0x10 and 0x1D, no headers.
TEST(Crc32, MatchesEventStreamPreludes) {
    EXPECT_EQ(crc32(std::string("\x00\x00\x00\x10\x00\x00\x00\x00", 8)), 0x05C248EBu);
    EXPECT_EQ(crc32(std::string("\x00\x00\x00\x1D\x00\x00\x00\x00", 8)), 0xFD528C5Au);
}

TEST(Crc32, ContinuesARunningChecksum) {
    const std::string text = "The quick brown fox jumps over the lazy dog";
    const uint32_t whole = crc32(text);
    EXPECT_EQ(whole, 0x414FA339u);
    for (size_t split = 0; split <= text.size(); ++split) {
        const std::string_view view(text);
        EXPECT_EQ(crc32(view.substr(split), crc32(view.substr(0, split))), whole) << split;
    }
}

TEST(Crc32, HighBytesAreUnsigned) {
    // 0xFF bytes must index the table as 255, not as a negative char.
    EXPECT_EQ(crc32(std::string(4, '\xFF')), 0xFFFFFFFFu);
}

}  // namespace
}  // namespace gw::sse
