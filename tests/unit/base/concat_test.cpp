#include "gw/base/concat.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace gw
