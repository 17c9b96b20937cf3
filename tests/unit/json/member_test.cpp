#include "gw/json/member.hpp"

#include <gtest/gtest.h>

namespace gw::json {
namespace {

TEST(MemberJson, ReturnsTheMemberAsCompactJson) {
    EXPECT_EQ(member_json(R"({"type":"response.completed","response":{ "id" : "resp_1",
              "output": [ ] }})",
                          "response"),
              R"({"id":"resp_1","output":[]})");
    EXPECT_EQ(member_json(R"({"a":"text"})", "a"), R"("text")");
}

TEST(MemberJson, MissingMemberOrBadInputIsNullopt) {
    EXPECT_FALSE(member_json(R"({"a":1})", "b"));
    EXPECT_FALSE(member_json("[1,2]", "a"));
    EXPECT_FALSE(member_json("{\"a\":", "a"));
    EXPECT_FALSE(member_json("", "a"));
}

}  // namespace
}  // namespace gw::json
