#include "gw/config/load.hpp"

#include <gtest/gtest.h>

namespace gw::config {
namespace {

using std::chrono::milliseconds;

struct DurationCase {
    std::string_view text;
    std::optional<milliseconds> expected;
};

class DurationTest : public ::testing::TestWithParam<DurationCase> {};

TEST_P(DurationTest, Parses) {
    EXPECT_EQ(parse_duration(GetParam().text), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DurationTest,
    ::testing::Values(
        DurationCase{"300s", milliseconds(300'000)}, DurationCase{"30s", milliseconds(30'000)},
        DurationCase{"250ms", milliseconds(250)}, DurationCase{"2m", milliseconds(120'000)},
        DurationCase{"1h", milliseconds(3'600'000)}, DurationCase{"45", milliseconds(45'000)},
        DurationCase{"1.5s", milliseconds(1'500)}, DurationCase{"0s", milliseconds(0)},
        DurationCase{" 5s ", milliseconds(5'000)}, DurationCase{"", std::nullopt},
        DurationCase{"s", std::nullopt}, DurationCase{"-5s", std::nullopt},
        DurationCase{"5 s", std::nullopt}, DurationCase{"5d", std::nullopt},
        DurationCase{"abc", std::nullopt}, DurationCase{"inf", std::nullopt}));

}  // namespace
}  // namespace gw::config
