#include "gw/collector/attribute_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace gw::collector {
namespace {

using telemetry::AttributeValue;

TEST(ScalarText, SpellsEachScalarKind) {
    EXPECT_EQ(scalar_text(AttributeValue(std::string("gpt-4o"))), "gpt-4o");
    EXPECT_EQ(scalar_text(AttributeValue(std::int64_t{-200})), "-200");
    EXPECT_EQ(scalar_text(AttributeValue(true)), "true");
    EXPECT_EQ(scalar_text(AttributeValue(false)), "false");
    EXPECT_EQ(scalar_text(AttributeValue(0.7)), "0.7");
    EXPECT_EQ(scalar_text(AttributeValue(2.0)), "2");
    EXPECT_EQ(scalar_text(AttributeValue(std::numeric_limits<double>::quiet_NaN())), "NaN");
    EXPECT_EQ(scalar_text(AttributeValue(-std::numeric_limits<double>::infinity())), "-Infinity");
}

TEST(ScalarText, ArrayHasNone) {
    EXPECT_EQ(scalar_text(AttributeValue(telemetry::StringArray{"a"})), std::nullopt);
}

}  // namespace
}  // namespace gw::collector
