#include "gw/collector/retention_config.hpp"

#include <gtest/gtest.h>

namespace gw::collector {
namespace {

using namespace std::chrono_literals;

TEST(RetentionConfig, ParsesAgesWithUnits) {
    EXPECT_EQ(*parse_max_age("90s"), 90s);
    EXPECT_EQ(*parse_max_age("30m"), 30min);
    EXPECT_EQ(*parse_max_age("12h"), 12h);
    EXPECT_EQ(*parse_max_age("7d"), 168h);
    EXPECT_EQ(*parse_max_age("0"), 0s);
}

TEST(RetentionConfig, RefusesMalformedAges) {
    for (const char* bad : {"", "7", "d", "7w", "-1d", "1.5h", "7d ", "99999999999999999999d"}) {
        auto age = parse_max_age(bad);
        ASSERT_FALSE(age) << bad;
        EXPECT_NE(age.error().message.find("7d"), std::string::npos) << "the hint shows a form";
    }
}

TEST(RetentionConfig, ParsesTraceCounts) {
    EXPECT_EQ(*parse_max_traces("0"), 0u);
    EXPECT_EQ(*parse_max_traces("250"), 250u);
    EXPECT_FALSE(parse_max_traces("-5"));
    EXPECT_FALSE(parse_max_traces("ten"));
    EXPECT_FALSE(parse_max_traces(""));
}

TEST(RetentionConfig, DefaultsApplyToWhatIsNotGiven) {
    auto defaults = resolve_retention(std::nullopt, std::nullopt);
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->max_traces, 10'000u);
    EXPECT_EQ(defaults->max_age, 168h);

    auto custom = resolve_retention("5", "1h");
    ASSERT_TRUE(custom);
    EXPECT_EQ(custom->max_traces, 5u);
    EXPECT_EQ(custom->max_age, 1h);
    EXPECT_FALSE(resolve_retention("x", std::nullopt));
    EXPECT_FALSE(resolve_retention(std::nullopt, "soon"));
}

TEST(RetentionConfig, DescribesAgesInTheLargestWholeUnit) {
    EXPECT_EQ(describe_age(168h), "7d");
    EXPECT_EQ(describe_age(36h), "36h");
    EXPECT_EQ(describe_age(90s), "90s");
    EXPECT_EQ(describe_age(0s), "0");
}

}  // namespace
}  // namespace gw::collector
