#include "gw/collector/column_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace gw::collector {
namespace {

using telemetry::AttributeValue;
using telemetry::StringArray;

TEST(ColumnJson, AttributesKeepTypesAndOrder) {
    const AttributeList in = {
        {"s", std::string("h\xc3\xa9llo \"quoted\"")},
        {"i", std::int64_t{std::numeric_limits<std::int64_t>::min()}},
        {"d", 2.0},  // must not come back as the integer 2
        {"tiny", 5e-324},
        {"b", false},
        {"a", StringArray{"stop", ""}},
        {"inf", std::numeric_limits<double>::infinity()},
        {"", std::string("empty key")},
    };
    const std::string text = attributes_to_json(in);
    const Result<AttributeList> out = attributes_from_json(text);
    ASSERT_TRUE(out) << text;
    EXPECT_EQ(*out, in);
}

TEST(ColumnJson, NanSurvivesAsNan) {
    const Result<AttributeList> out =
        attributes_from_json(attributes_to_json({{"x", std::nan("")}}));
    ASSERT_TRUE(out);
    ASSERT_EQ(out->size(), 1u);
    EXPECT_TRUE(std::isnan(std::get<double>((*out)[0].value)));
}

TEST(ColumnJson, EventsRoundTrip) {
    const std::vector<StoredEvent> in = {
        {"exception", telemetry::UnixTime{std::chrono::nanoseconds{123}}, {{"k", std::int64_t{1}}}},
        {"", {}, {}},
    };
    const Result<std::vector<StoredEvent>> out = events_from_json(events_to_json(in));
    ASSERT_TRUE(out);
    EXPECT_EQ(*out, in);
}

TEST(ColumnJson, CorruptColumnsAreErrors) {
    EXPECT_FALSE(attributes_from_json("{"));
    EXPECT_FALSE(attributes_from_json("[]"));
    EXPECT_FALSE(attributes_from_json(R"({"k":null})"));
    EXPECT_FALSE(attributes_from_json(R"({"k":[1]})"));
    EXPECT_FALSE(attributes_from_json(R"({"k":{"double":"big"}})"));
    EXPECT_FALSE(events_from_json("{}"));
    EXPECT_FALSE(events_from_json(R"([{"name":"x"}])"));
}

}  // namespace
}  // namespace gw::collector
