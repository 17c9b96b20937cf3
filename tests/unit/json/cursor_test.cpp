#include "gw/json/cursor.hpp"

#include <gtest/gtest.h>

#include "support/json_cursor_walk.hpp"
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::json {
namespace {

TEST(JsonCursor, ReadsMembersInOrder) {
    std::string scratch;
    JsonCursor cursor(R"( {"type":"text_delta", "index": 3, "ok": true, "none": null} )", scratch);
    std::string_view key, type;
    int64_t index = 0;
    ASSERT_TRUE(cursor.enter_object());
    ASSERT_TRUE(cursor.next_key(key));
    EXPECT_EQ(key, "type");
    ASSERT_TRUE(cursor.string(type));
    EXPECT_EQ(type, "text_delta");
    ASSERT_TRUE(cursor.next_key(key));
    EXPECT_EQ(key, "index");
    ASSERT_TRUE(cursor.integer(index));
    EXPECT_EQ(index, 3);
    ASSERT_TRUE(cursor.next_key(key));
    ASSERT_TRUE(cursor.skip_scalar());
    ASSERT_TRUE(cursor.next_key(key));
    EXPECT_EQ(key, "none");
    ASSERT_TRUE(cursor.skip_scalar());
    EXPECT_FALSE(cursor.next_key(key));
    EXPECT_FALSE(cursor.failed());
    EXPECT_TRUE(cursor.at_end());
}

TEST(JsonCursor, UnescapesIntoScratchAndKeepsEarlierViews) {
    std::string scratch = "left over from the last event";
    JsonCursor cursor(R"(["a\nb", "plain", "\"q\" \\ \/ \t", "\u00e9\u20ac\ud83d\ude00"])",
                      scratch);
    std::string_view first, second, third, fourth;
    ASSERT_TRUE(cursor.enter_array());
    ASSERT_TRUE(cursor.next_element() && cursor.string(first));
    ASSERT_TRUE(cursor.next_element() && cursor.string(second));
    ASSERT_TRUE(cursor.next_element() && cursor.string(third));
    ASSERT_TRUE(cursor.next_element() && cursor.string(fourth));
    EXPECT_FALSE(cursor.next_element());
    ASSERT_TRUE(cursor.at_end());
    EXPECT_EQ(first, "a\nb");
    EXPECT_EQ(second, "plain");
    EXPECT_EQ(third, "\"q\" \\ / \t");
    EXPECT_EQ(fourth, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(JsonCursor, ReadsIntegersAtTheLimit) {
    std::string scratch;
    JsonCursor cursor(R"([0, -7, 999999999999999999])", scratch);
    int64_t a = 1, b = 0, c = 0;
    ASSERT_TRUE(cursor.enter_array());
    ASSERT_TRUE(cursor.next_element() && cursor.integer(a));
    ASSERT_TRUE(cursor.next_element() && cursor.integer(b));
    ASSERT_TRUE(cursor.next_element() && cursor.integer(c));
    EXPECT_FALSE(cursor.next_element());
    EXPECT_TRUE(cursor.at_end());
    EXPECT_EQ(a, 0);
    EXPECT_EQ(b, -7);
    EXPECT_EQ(c, 999999999999999999);
}

TEST(JsonCursor, IntegerRejectsFractions) {
    std::string scratch;
    JsonCursor cursor("[1.0]", scratch);
    int64_t value = 0;
    ASSERT_TRUE(cursor.enter_array() && cursor.next_element());
    EXPECT_FALSE(cursor.integer(value));
    EXPECT_TRUE(cursor.failed());
}

TEST(JsonCursor, SkipScalarRefusesContainers) {
    std::string scratch;
    JsonCursor cursor(R"({"a":{"b":1}})", scratch);
    std::string_view key;
    ASSERT_TRUE(cursor.enter_object() && cursor.next_key(key));
    EXPECT_FALSE(cursor.skip_scalar());
    EXPECT_FALSE(cursor.at_end());
}

TEST(JsonCursor, AValueLeftUnreadFailsTheNextKey) {
    std::string scratch;
    JsonCursor cursor(R"({"a":"x","b":1})", scratch);
    std::string_view key;
    ASSERT_TRUE(cursor.enter_object() && cursor.next_key(key));
    EXPECT_FALSE(cursor.next_key(key));
    EXPECT_TRUE(cursor.failed());
}

// Every text the cursor reads whole, simdjson reads too, to the same values; texts outside the
// subset are refused (the DOM then decides), never misread.
struct CursorCase {
    std::string_view json;
    bool accepted;
};

class CursorAgreesWithDom : public ::testing::TestWithParam<CursorCase> {};

TEST_P(CursorAgreesWithDom, OnThisText) {
    const auto ours = gw::testing::walk_with_cursor(GetParam().json);
    ASSERT_EQ(ours.has_value(), GetParam().accepted) << GetParam().json;
    if (!ours) return;
    const auto dom = gw::testing::walk_with_dom(GetParam().json);
    ASSERT_TRUE(dom.has_value()) << "accepted what simdjson rejects: " << GetParam().json;
    EXPECT_EQ(*ours, *dom);
}

INSTANTIATE_TEST_SUITE_P(
    Accepted, CursorAgreesWithDom,
    ::testing::Values(CursorCase{R"({})", true}, CursorCase{R"([])", true},
                      CursorCase{R"({"a":[1,2,{"b":[]}],"c":"d"})", true},
                      CursorCase{R"( [ 1 , -0.5e-3, true, false, null ] )", true},
                      CursorCase{R"({"a":"\ud83d\ude00"})", true},
                      CursorCase{"{\"a\":\"\xC3\xA9\"}", true}, CursorCase{"{\"a\":1}\n", true},
                      CursorCase{R"({"a":1.5E+20})", true}, CursorCase{R"({"a":"\u0000"})", true},
                      CursorCase{R"({"a":"\/"})", true}, CursorCase{R"({"a":1,"a":2})", true},
                      CursorCase{R"([[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]])", true}));

INSTANTIATE_TEST_SUITE_P(
    Malformed, CursorAgreesWithDom,
    ::testing::Values(CursorCase{R"({"a":1,})", false}, CursorCase{R"({,})", false},
                      CursorCase{R"([1,])", false}, CursorCase{R"({"a" 1})", false},
                      CursorCase{R"({"a":1 "b":2})", false}, CursorCase{R"({"a":01})", false},
                      CursorCase{R"({"a":1.})", false}, CursorCase{R"({"a":.5})", false},
                      CursorCase{R"({"a":-})", false}, CursorCase{R"({"a":1e})", false},
                      CursorCase{R"({"a":nul})", false}, CursorCase{R"({"a":nulll})", false},
                      CursorCase{R"({"a":True})", false}, CursorCase{R"({"a":"x)", false},
                      CursorCase{R"({"a":"\x"})", false}, CursorCase{R"({"a":"\u12"})", false},
                      CursorCase{R"({"a":"\ud800"})", false},
                      CursorCase{R"({"a":"\udc00\ud800"})", false},
                      CursorCase{"{\"a\":\"\x01\"}", false}, CursorCase{"{\"a\":\"\xC3\"}", false},
                      CursorCase{R"({"a":1}x)", false}, CursorCase{R"({"a":1}{})", false},
                      CursorCase{R"({"a":[1}])", false}, CursorCase{R"({"a":{]})", false},
                      CursorCase{R"()", false}, CursorCase{R"(   )", false}));

// Valid JSON the cursor leaves to the DOM.
INSTANTIATE_TEST_SUITE_P(
    OutsideTheSubset, CursorAgreesWithDom,
    ::testing::Values(CursorCase{R"("just a string")", false}, CursorCase{R"({"a\"b":1})", false},
                      CursorCase{R"({"a":1234567890123456789})", false},
                      CursorCase{R"({"a":1e999})", false},
                      CursorCase{
                          R"([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]])",
                          false}));

}  // namespace
}  // namespace gw::json
