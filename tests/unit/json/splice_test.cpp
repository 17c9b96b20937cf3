#include "gw/json/splice.hpp"

#include "gw/json/request_scan.hpp"

#include <gtest/gtest.h>

namespace gw::json {
namespace {

TEST(Splice, ReplacesOnlyTheValueBytes) {
    const std::string body =
        "{ \"temperature\" : 0.7 ,\n  \"model\" :  \"fast\"  ,\"seed\":1e0,"
        "\"big\":123456789012345678901234,\"text\":\"caf\xC3\xA9 \\u00e9 \\\"q\\\"\"}\n";
    const std::string expected =
        "{ \"temperature\" : 0.7 ,\n  \"model\" :  \"gpt-4o-mini\"  ,\"seed\":1e0,"
        "\"big\":123456789012345678901234,\"text\":\"caf\xC3\xA9 \\u00e9 \\\"q\\\"\"}\n";
    EXPECT_EQ(replace_string_field(body, "model", "gpt-4o-mini"), expected);
}

TEST(Splice, LeavesNestedKeysOfTheSameNameAlone) {
    const std::string body =
        R"({"messages":[{"model":"inner"}],"metadata":{"model":"x"},"model":"outer"})";
    EXPECT_EQ(replace_string_field(body, "model", "new"),
              R"({"messages":[{"model":"inner"}],"metadata":{"model":"x"},"model":"new"})");
}

TEST(Splice, ValueAfterLargeMembers) {
    EXPECT_EQ(replace_string_field(R"({"messages":[{"a":[1,2,{"b":"}"}]}],"x":{},"model":"a"})",
                                   "model", "c"),
              R"({"messages":[{"a":[1,2,{"b":"}"}]}],"x":{},"model":"c"})");
}

TEST(Splice, MatchesEscapedKeys) {
    EXPECT_EQ(replace_string_field(R"({"mod\u0065l":"a"})", "model", "b"), R"({"mod\u0065l":"b"})");
}

TEST(Splice, ReplacesNonStringValuesWhole) {
    EXPECT_EQ(replace_string_field(R"({"model":{"a":[1, 2]} ,"b":2})", "model", "m"),
              R"({"model":"m" ,"b":2})");
    EXPECT_EQ(replace_string_field(R"({"model":[1,{"x":"]"}]})", "model", "m"), R"({"model":"m"})");
    EXPECT_EQ(replace_string_field(R"({"model":null})", "model", "m"), R"({"model":"m"})");
    EXPECT_EQ(replace_string_field(R"({"model":12.50})", "model", "m"), R"({"model":"m"})");
}

TEST(Splice, InsertsWhenAbsent) {
    EXPECT_EQ(replace_string_field(R"({"messages":[]})", "model", "gpt-4o"),
              R"({"model":"gpt-4o","messages":[]})");
    EXPECT_EQ(replace_string_field("  {\n  \"a\": 1\n}", "model", "m"),
              "  {\"model\":\"m\",\n  \"a\": 1\n}");
}

TEST(Splice, InsertsIntoEmptyObjectWithoutComma) {
    EXPECT_EQ(replace_string_field("{}", "model", "m"), R"({"model":"m"})");
    EXPECT_EQ(replace_string_field("{ \n }", "model", "m"), "{\"model\":\"m\" \n }");
}

TEST(Splice, EscapesTheNewValue) {
    const std::string out = replace_string_field(R"({"model":"a"})", "model", "we\"ird\\\n\x01");
    EXPECT_EQ(out, R"({"model":"we\"ird\\\n\u0001"})");
    auto fields = scan_request(out);
    ASSERT_TRUE(fields);
    EXPECT_EQ(fields->model, "we\"ird\\\n\x01");
}

TEST(Splice, ResultStaysValidJson) {
    const std::string body = R"({"model":"a","stream":true,"messages":[{"content":"x"}]})";
    auto fields = scan_request(replace_string_field(body, "model", "openrouter/x/y"));
    ASSERT_TRUE(fields);
    EXPECT_EQ(fields->model, "openrouter/x/y");
    EXPECT_TRUE(fields->stream);
}

TEST(Splice, NonObjectIsReturnedUnchanged) {
    EXPECT_EQ(replace_string_field("[1,2]", "model", "m"), "[1,2]");
    EXPECT_EQ(replace_string_field("nope", "model", "m"), "nope");
}

}  // namespace
}  // namespace gw::json
