#include "gw/json/request_scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::json {
namespace {

TEST(RequestScan, ReadsModelStreamAndUsageOption) {
    auto fields = scan_request(
        R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true,)"
        R"("stream_options":{"include_usage":true}})");
    ASSERT_TRUE(fields) << fields.error().message;
    EXPECT_EQ(fields->model, "gpt-4o");
    EXPECT_TRUE(fields->stream);
    EXPECT_TRUE(fields->has_stream_options);
    EXPECT_TRUE(fields->include_usage);
}

TEST(RequestScan, MissingFieldsHaveDefaults) {
    auto fields = scan_request(R"( {"messages":[]} )");
    ASSERT_TRUE(fields) << fields.error().message;
    EXPECT_FALSE(fields->model);
    EXPECT_FALSE(fields->stream);
    EXPECT_FALSE(fields->has_stream_options);
    EXPECT_FALSE(fields->include_usage);
    EXPECT_FALSE(fields->temperature);
    EXPECT_FALSE(fields->max_tokens);
}

TEST(RequestScan, NullStreamMeansFalse) {
    auto fields = scan_request(R"({"model":"m","stream":null})");
    ASSERT_TRUE(fields);
    EXPECT_FALSE(fields->stream);
}

TEST(RequestScan, StreamOptionsWithoutIncludeUsage) {
    auto fields = scan_request(R"({"stream":true,"stream_options":{"include_usage":false}})");
    ASSERT_TRUE(fields);
    EXPECT_TRUE(fields->has_stream_options);
    EXPECT_FALSE(fields->include_usage);
}

TEST(RequestScan, ReadsSamplingParameters) {
    auto fields = scan_request(R"({"temperature":0.7,"top_p":1,"max_completion_tokens":256})");
    ASSERT_TRUE(fields);
    EXPECT_DOUBLE_EQ(fields->temperature.value(), 0.7);
    EXPECT_DOUBLE_EQ(fields->top_p.value(), 1.0);
    EXPECT_EQ(fields->max_tokens, 256);
    auto both = scan_request(R"({"max_tokens":10,"max_completion_tokens":20,"temperature":"x"})");
    ASSERT_TRUE(both);
    EXPECT_EQ(both->max_tokens, 10);
    EXPECT_FALSE(both->temperature);
}

TEST(RequestScan, UnescapesModel) {
    auto fields = scan_request(R"({"model":"a\/b\u00e9"})");
    ASSERT_TRUE(fields);
    EXPECT_EQ(fields->model, "a/b\xC3\xA9");
}

TEST(RequestScan, OtherDuplicateKeysAreAccepted) {
    auto fields = scan_request(R"({"model":"m","n":1,"n":2,"temperature":1,"temperature":0.5})");
    ASSERT_TRUE(fields) << fields.error().message;
    EXPECT_DOUBLE_EQ(fields->temperature.value(), 0.5);
}

struct BadRequest {
    const char* name;
    std::string body;
    std::string message_start;
};

class RequestScanRejects : public ::testing::TestWithParam<BadRequest> {};

TEST_P(RequestScanRejects, WithInvalidArgument) {
    auto fields = scan_request(GetParam().body);
    ASSERT_FALSE(fields);
    EXPECT_EQ(fields.error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(fields.error().message.rfind(GetParam().message_start, 0), 0u)
        << fields.error().message;
}

constexpr const char* kParse = "Failed to parse JSON: ";

INSTANTIATE_TEST_SUITE_P(
    Variants, RequestScanRejects,
    ::testing::Values(
        BadRequest{"empty", "", kParse}, BadRequest{"blank", "   ", kParse},
        BadRequest{"not_json", "hello", kParse},
        BadRequest{"truncated", R"({"model":"gpt-4o","messages":[)", kParse},
        BadRequest{"truncated_string", R"({"model":"gpt-4)", kParse},
        BadRequest{"trailing_garbage", R"({"model":"m"} x)", kParse},
        BadRequest{"two_documents", R"({"model":"m"}{})", kParse},
        BadRequest{"invalid_escape_in_skipped_part", R"({"model":"m","x":"\q"})", kParse},
        BadRequest{"bad_unicode_escape", R"({"model":"m","x":"\u12"})", kParse},
        BadRequest{"invalid_utf8", "{\"model\":\"m\",\"x\":\"\xFF\"}", kParse},
        BadRequest{"trailing_comma", R"({"model":"m",})", kParse},
        BadRequest{"bad_literal", R"({"model":"m","stream":tru})", kParse},
        BadRequest{"bad_number_in_skipped_part", R"({"model":"m","t":01})", kParse},
        BadRequest{"control_char_in_string", "{\"model\":\"a\nb\"}", kParse},
        BadRequest{"deeply_nested", std::string(5000, '[') + std::string(5000, ']'), kParse},
        BadRequest{"array_top_level", R"([{"model":"m"}])", "Invalid request: the body must"},
        BadRequest{"string_top_level", R"("model")", "Invalid request: the body must"},
        BadRequest{"model_number", R"({"model":4})", "Invalid request: \"model\" must be a string"},
        BadRequest{"model_null", R"({"model":null})", "Invalid request: \"model\" must be a"},
        BadRequest{"stream_string", R"({"model":"m","stream":"true"})",
                   "Invalid request: \"stream\" must be a boolean"},
        BadRequest{"stream_number", R"({"stream":1})", "Invalid request: \"stream\" must be"},
        BadRequest{"duplicate_model", R"({"model":"a","x":1,"model":"b"})",
                   "Invalid request: duplicate \"model\" key"},
        BadRequest{"duplicate_escaped_model", R"({"model":"a","mod\u0065l":"b"})",
                   "Invalid request: duplicate \"model\" key"},
        BadRequest{"duplicate_stream", R"({"stream":false,"stream":true})",
                   "Invalid request: duplicate \"stream\" key"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(RequestScan, LargeBodyUsesItsOwnBuffers) {
    std::string body = R"({"model":"big","messages":[)";
    for (int i = 0; i < 20000; ++i) body += R"({"role":"user","content":"0123456789"},)";
    body += R"({"role":"user","content":"end"}],"stream":true})";
    auto fields = scan_request(body);
    ASSERT_TRUE(fields) << fields.error().message;
    EXPECT_EQ(fields->model, "big");
    EXPECT_TRUE(fields->stream);
    auto small = scan_request(R"({"model":"small"})");
    ASSERT_TRUE(small);
    EXPECT_EQ(small->model, "small");
}

}  // namespace
}  // namespace gw::json

namespace gw::json {
namespace {

TEST(RequestScan, ReadsPreviousResponseId) {
    auto fields = scan_request(R"({"model":"m","previous_response_id":"resp_1","input":"hi"})");
    ASSERT_TRUE(fields);
    EXPECT_EQ(fields->previous_response_id, "resp_1");
    EXPECT_FALSE(scan_request(R"({"model":"m","previous_response_id":null})")
                     ->previous_response_id.has_value());
    auto wrong = scan_request(R"({"model":"m","previous_response_id":7})");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().message, "Invalid request: \"previous_response_id\" must be a string");
}

}  // namespace
}  // namespace gw::json
