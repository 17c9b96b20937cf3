#include "gw/json/splice.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace gw::json {
namespace {

RemovedField removed(std::string_view body, std::string_view key) {
    auto out = remove_field(body, key);
    EXPECT_TRUE(out.has_value()) << body;
    return out.value_or(RemovedField{});
}

TEST(SpliceRemove, FirstMemberTakesTheCommaAfterIt) {
    const RemovedField out = removed(R"({"a":[1, {"b":"]"}] ,  "c":2})", "a");
    EXPECT_EQ(out.value, R"([1, {"b":"]"}])");
    EXPECT_EQ(out.body, R"({"c":2})");
}

TEST(SpliceRemove, LaterMemberTakesTheCommaBeforeIt) {
    EXPECT_EQ(removed(R"({"c":2 , "a":{"x":null},"d":3})", "a").body, R"({"c":2 ,"d":3})");
    EXPECT_EQ(removed("{\n  \"c\": 2,\n  \"a\": true\n}", "a").body, "{\n  \"c\": 2\n}");
}

TEST(SpliceRemove, OnlyMemberLeavesAnEmptyObject) {
    EXPECT_EQ(removed(R"({"a":"x"})", "a").body, "{}");
    EXPECT_EQ(removed(" {\n \"a\" : 12.50 \n} ", "a").body, " {\n  \n} ");
}

TEST(SpliceRemove, KeepsEveryOtherByte) {
    const std::string body =
        "{ \"temperature\" : 0.7 ,\n  \"a\" :  \"drop\"  ,\"seed\":1e0,"
        "\"big\":123456789012345678901234,\"text\":\"caf\xC3\xA9 \\u00e9 \\\"q\\\"\"}\n";
    const RemovedField out = removed(body, "a");
    EXPECT_EQ(out.value, "\"drop\"");
    // The comma before the member and the member go; the spaces around them stay.
    EXPECT_EQ(out.body,
              "{ \"temperature\" : 0.7   ,\"seed\":1e0,"
              "\"big\":123456789012345678901234,\"text\":\"caf\xC3\xA9 \\u00e9 \\\"q\\\"\"}\n");
}

TEST(SpliceRemove, ValuesOfEveryType) {
    EXPECT_EQ(removed(R"({"a":null,"b":1})", "a").value, "null");
    EXPECT_EQ(removed(R"({"b":1,"a":-2.5e3})", "a").value, "-2.5e3");
    EXPECT_EQ(removed(R"({"b":1,"a":"s\"}"})", "a").value, R"("s\"}")");
    EXPECT_EQ(removed(R"({"b":1,"a":false })", "a").value, "false");
}

TEST(SpliceRemove, MatchesEscapedKeysAndOnlyTheFirst) {
    EXPECT_EQ(removed(R"({"\u0061":1,"b":2})", "a").body, R"({"b":2})");
    EXPECT_EQ(removed(R"({"a":1,"a":2})", "a").body, R"({"a":2})");
}

TEST(SpliceRemove, LeavesNestedKeysAlone) {
    EXPECT_EQ(removed(R"({"m":[{"a":1}],"o":{"a":2},"a":3})", "a").body,
              R"({"m":[{"a":1}],"o":{"a":2}})");
    EXPECT_FALSE(remove_field(R"({"m":[{"a":1}],"o":{"a":2}})", "a").has_value());
}

TEST(SpliceRemove, NotAnObjectOrNoSuchMember) {
    for (std::string_view body : {"", "[]", "\"a\"", "{", "{\"a\"", "{\"b\":}", "nul", "{}"}) {
        EXPECT_FALSE(remove_field(body, "a").has_value()) << body;
    }
}

TEST(SpliceRemove, LargeBodies) {
    const std::string big(1 << 20, 'x');
    const std::string body = "{\"messages\":\"" + big + "\",\"a\":[1,2,3]}";
    const RemovedField out = removed(body, "a");
    EXPECT_EQ(out.value, "[1,2,3]");
    EXPECT_EQ(out.body, "{\"messages\":\"" + big + "\"}");
}

}  // namespace
}  // namespace gw::json
