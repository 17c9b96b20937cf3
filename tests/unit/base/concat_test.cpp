#include "gw/base/concat.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace gw {
namespace {

TEST(Concat, JoinsPiecesInOrderWithExactlyTheirBytes) {
    const std::string path = "/v1/chat/completions";
    EXPECT_EQ(concat({"POST ", path, " ", "fast", " -> ", "openai/gpt-4o"}),
              "POST /v1/chat/completions fast -> openai/gpt-4o");
}

TEST(Concat, KeepsEmbeddedNulsAndEmptyPieces) {
    const std::string with_nul("a\0b", 3);
    EXPECT_EQ(concat({"", with_nul, ""}), with_nul);
    EXPECT_EQ(concat({}), "");
}

TEST(Decimal, SpellsUnsignedNumbersLikeToString) {
    for (std::uint64_t value : {0ULL, 7ULL, 443ULL, 65535ULL, 18446744073709551615ULL}) {
        EXPECT_EQ(Decimal(value).view(), std::to_string(value));
    }
    EXPECT_EQ(concat({"127.0.0.1", ":", Decimal(8080).view()}), "127.0.0.1:8080");
}

}  // namespace
}  // namespace gw
