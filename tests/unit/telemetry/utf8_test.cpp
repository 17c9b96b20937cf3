// UTF-8 validation and U+FFFD repair of OTLP strings.

#include "gw/telemetry/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::telemetry {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
    for (const char* text :
         {"", "plain ascii, longer than eight bytes", "caf\xc3\xa9", "\xe2\x82\xac",
          "\xf0\x9f\x9a\xa9", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf"}) {
        EXPECT_TRUE(is_valid_utf8(text)) << text;
        EXPECT_EQ(sanitize_utf8(text), text);
    }
}

TEST(Utf8, RejectsIllFormedSequences) {
    const char* bad[] = {
        "\x80",              // lone continuation
        "\xc0\xaf",          // overlong 2-byte
        "\xe0\x80\xaf",      // overlong 3-byte
        "\xed\xa0\x80",      // surrogate
        "\xf0\x80\x80\xaf",  // overlong 4-byte
        "\xf4\x90\x80\x80",  // above U+10FFFF
        "\xf5\x80\x80\x80",  // invalid lead
        "\xc3",              // truncated
        "\xe2\x82",          // truncated
        "\xff",
    };
    for (const char* text : bad) EXPECT_FALSE(is_valid_utf8(text)) << text;
}

TEST(Utf8, ReplacesEachBadByteAndKeepsTheRest) {
    const std::string text =
        "abcdefgh\xff"
        "caf\xc3\xa9\xc3";
    const std::string want =
        "abcdefgh\xef\xbf\xbd"
        "caf\xc3\xa9\xef\xbf\xbd";
    EXPECT_EQ(sanitized_utf8_size(text), want.size());
    EXPECT_EQ(sanitize_utf8(text), want);
    EXPECT_EQ(sanitize_utf8("\xe2\x82"), "\xef\xbf\xbd\xef\xbf\xbd");
    EXPECT_TRUE(is_valid_utf8(sanitize_utf8("\xed\xa0\x80 x \xf4\x90")));
}

}  // namespace
}  // namespace gw::telemetry
