#include "gw/config/suggest.hpp"

#include <gtest/gtest.h>

#include <array>

namespace gw::config::detail {
namespace {

constexpr std::array<std::string_view, 4> kKeys = {"random_sampling", "trace_arch_internal", "port",
                                                   "timeout"};

TEST(EditDistance, CountsEditsCaseInsensitively) {
    EXPECT_EQ(edit_distance("port", "port"), 0u);
    EXPECT_EQ(edit_distance("Port", "port"), 0u);
    EXPECT_EQ(edit_distance("prot", "port"), 1u);  // transposition
    EXPECT_EQ(edit_distance("timout", "timeout"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(ClosestMatch, SuggestsNearMissesOnly) {
    EXPECT_EQ(closest_match("random_samplng", kKeys), "random_sampling");
    EXPECT_EQ(closest_match("timout", kKeys), "timeout");
    EXPECT_EQ(closest_match("prot", kKeys), "port");
    EXPECT_EQ(closest_match("sampling", kKeys), std::nullopt);
    EXPECT_EQ(closest_match("pxyz", kKeys), std::nullopt);  // short words allow one edit
}

TEST(JoinNames, SeparatesWithCommas) {
    EXPECT_EQ(join_names(kKeys), "random_sampling, trace_arch_internal, port, timeout");
}

}  // namespace
}  // namespace gw::config::detail
