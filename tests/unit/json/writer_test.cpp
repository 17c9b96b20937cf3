#include "gw/json/writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace gw::json {
namespace {

TEST(JsonWriter, WritesCompactJsonWithCommas) {
    std::string out;
    JsonWriter w(out);
    w.begin_object()
        .key("id")
        .string("chatcmpl-1")
        .key("choices")
        .begin_array()
        .begin_object()
        .key("index")
        .number(0)
        .key("delta")
        .begin_object()
        .end_object()
        .end_object()
        .begin_object()
        .key("index")
        .number(1)
        .end_object()
        .end_array()
        .key("n")
        .number(int64_t{-5})
        .key("u")
        .number(std::numeric_limits<uint64_t>::max())
        .key("t")
        .number(0.7)
        .key("b")
        .boolean(false)
        .key("z")
        .null()
        .key("raw")
        .raw("1e0")
        .key("empty")
        .begin_array()
        .end_array()
        .end_object();
    EXPECT_EQ(out, R"({"id":"chatcmpl-1","choices":[{"index":0,"delta":{}},{"index":1}],"n":-5,)"
                   R"("u":18446744073709551615,"t":0.7,"b":false,"z":null,"raw":1e0,"empty":[]})");
}

TEST(JsonWriter, AppendsToExistingContent) {
    std::string out = "data: ";
    JsonWriter(out).begin_array().string("a").number(2).end_array();
    EXPECT_EQ(out, R"(data: ["a",2])");
}

TEST(JsonWriter, EscapesStrings) {
    std::string out;
    std::string input = "q\" b\\ \b\f\n\r\t \x01\x1f \x7f";
    input.push_back('\0');
    JsonWriter(out).string(input);
    EXPECT_EQ(out, R"("q\" b\\ \b\f\n\r\t \u0001\u001f )"
                   "\x7f"
                   R"(\u0000")");
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalid) {
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    w.string("caf\xC3\xA9 \xF0\x9F\x98\x80");
    w.string("bad \xFF end");
    w.string("cut \xE2\x82");
    w.string("overlong \xC0\xAF");
    w.end_array();
    EXPECT_EQ(out,
              "[\"caf\xC3\xA9 \xF0\x9F\x98\x80\",\"bad \xEF\xBF\xBD end\","
              "\"cut \xEF\xBF\xBD\xEF\xBF\xBD\",\"overlong \xEF\xBF\xBD\xEF\xBF\xBD\"]");
}

// Plain text is copied eight bytes at a time: a byte needing care is found at every position
// of a word and of the tail.
TEST(JsonWriter, FindsTheOneByteToEscapeAnywhereInLongText) {
    const std::pair<char, std::string_view> specials[] = {
        {'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\x1f', "\\u001f"}, {'\x7f', "\x7f"}};
    for (const auto& [special, escaped] : specials) {
        for (size_t at = 0; at < 19; ++at) {
            std::string text(19, 'a');
            text[at] = special;
            std::string out;
            JsonWriter(out).string(text);
            const std::string expected = "\"" + std::string(at, 'a') + std::string(escaped) +
                                         std::string(18 - at, 'a') + "\"";
            EXPECT_EQ(out, expected) << "byte " << int(special) << " at " << at;
        }
    }
    std::string text(19, 'a');
    text[11] = '\xC3';  // a lone lead byte
    std::string out;
    JsonWriter(out).string(text);
    EXPECT_EQ(out, "\"" + std::string(11, 'a') + "\xEF\xBF\xBD" + std::string(7, 'a') + "\"");
}

TEST(JsonWriter, EscapesKeys) {
    std::string out;
    JsonWriter(out).begin_object().key("a\"b").number(1).end_object();
    EXPECT_EQ(out, R"({"a\"b":1})");
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
    std::string out;
    JsonWriter(out).begin_array().number(std::nan("")).number(HUGE_VAL).number(1.5).end_array();
    EXPECT_EQ(out, "[null,null,1.5]");
}

}  // namespace
}  // namespace gw::json
