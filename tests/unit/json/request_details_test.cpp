// llm.tools and llm.user_message_preview sources per client API (dataplane.md §5.3).

#include "gw/json/request_details.hpp"

#include "gw/json/request_scan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace gw::json {
namespace {

using llm::ApiFormat;

// The details as the proxy reads them: along with the request's routing fields.
RequestDetails scan_details(std::string_view body, ApiFormat api) {
    RequestDetails details;
    (void)scan_request(body, api, details);
    return details;
}

TEST(RequestDetails, ChatToolsAndLegacyFunctionsAreListedByName) {
    auto d = scan_details(
        R"({"model":"m","messages":[{"role":"user","content":"hi"}],)"
        R"("tools":[{"type":"function","function":{"name":"get_weather","parameters":{}}},)"
        R"({"type":"function","function":{"name":"search"}}],"functions":[{"name":"legacy"}]})",
        ApiFormat::OpenAiChat);
    EXPECT_EQ(d.tools, "get_weather(...)\nsearch(...)\nlegacy(...)");
}

TEST(RequestDetails, MessagesAndResponsesToolsCarryTheNameOnTheTool) {
    EXPECT_EQ(scan_details(R"({"tools":[{"name":"calc","input_schema":{}}]})",
                           ApiFormat::AnthropicMessages)
                  .tools,
              "calc(...)");
    EXPECT_EQ(scan_details(R"({"tools":[{"type":"function","name":"lookup"}]})",
                           ApiFormat::OpenAiResponses)
                  .tools,
              "lookup(...)");
}

TEST(RequestDetails, NoToolsMeansNoAttribute) {
    EXPECT_FALSE(scan_details(R"({"messages":[]})", ApiFormat::OpenAiChat).tools);
    EXPECT_FALSE(scan_details(R"({"tools":[]})", ApiFormat::OpenAiChat).tools);
}

TEST(RequestDetails, ChatPreviewIsTheLastMessageWhenItIsAPlainString) {
    auto d = scan_details(R"({"messages":[{"role":"user","content":"first"},)"
                          R"({"role":"assistant","content":"last one"}]})",
                          ApiFormat::OpenAiChat);
    EXPECT_EQ(d.user_message_preview, "last one");
    auto parts =
        scan_details(R"({"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}]})",
                     ApiFormat::OpenAiChat);
    EXPECT_FALSE(parts.user_message_preview);
}

TEST(RequestDetails, MessagesPreviewIsTheFirstTextOfTheLatestUserMessage) {
    auto d = scan_details(
        R"({"messages":[{"role":"user","content":"old"},{"role":"assistant","content":"a"},)"
        R"({"role":"user","content":[{"type":"image","source":{}},{"type":"text","text":"new"}]},)"
        R"({"role":"assistant","content":"b"}]})",
        ApiFormat::AnthropicMessages);
    EXPECT_EQ(d.user_message_preview, "new");
}

TEST(RequestDetails, ResponsesPreviewFromStringInputOrLatestUserItem) {
    EXPECT_EQ(
        scan_details(R"({"input":"just text"})", ApiFormat::OpenAiResponses).user_message_preview,
        "just text");
    auto d = scan_details(
        R"({"input":[{"role":"user","content":[{"type":"input_text","text":"q1"}]},)"
        R"({"role":"user","content":[{"type":"input_image"},{"type":"input_text","text":"q2"}]}]})",
        ApiFormat::OpenAiResponses);
    EXPECT_EQ(d.user_message_preview, "q2");
}

TEST(RequestDetails, PreviewKeepsFiftyCharactersAndMarksTheCut) {
    const std::string fifty(50, 'a');
    EXPECT_EQ(preview_of(fifty), fifty);
    EXPECT_EQ(preview_of(fifty + "b"), fifty + "...");
    // Characters, not bytes: a multi-byte character is never split.
    std::string accents;
    for (int i = 0; i < 60; ++i) accents += "\xC3\xA9";
    std::string expected;
    for (int i = 0; i < 50; ++i) expected += "\xC3\xA9";
    EXPECT_EQ(preview_of(accents), expected + "...");
}

TEST(RequestDetails, MalformedBodiesGiveNothing) {
    auto d = scan_details("{not json", ApiFormat::OpenAiChat);
    EXPECT_FALSE(d.tools);
    EXPECT_FALSE(d.user_message_preview);
    EXPECT_FALSE(scan_details(R"({"messages":"x","tools":{"a":1}})", ApiFormat::OpenAiChat)
                     .user_message_preview);
}

// Traced requests read fields and details in one parse; the fields must be those of the plain
// scan, and a refused body must leave the details untouched.
TEST(RequestDetails, ReadingDetailsKeepsTheFieldsOfThePlainScan) {
    const std::pair<const char*, ApiFormat> cases[] = {
        {R"({"model":"m","temperature":0.5,"messages":[{"role":"user","content":"hello there"}],)"
         R"("tools":[{"type":"function","function":{"name":"f"}}]})",
         ApiFormat::OpenAiChat},
        {R"({"model":"c","max_tokens":9,"messages":[{"role":"user","content":[{"type":"text",)"
         R"("text":"from messages"}]}],"tools":[{"name":"t"}]})",
         ApiFormat::AnthropicMessages},
        {R"({"model":"r","input":"plain input","stream":true})", ApiFormat::OpenAiResponses},
        {R"({"model":"nothing"})", ApiFormat::OpenAiChat},
    };
    for (const auto& [body, api] : cases) {
        RequestDetails details;
        auto fields = scan_request(body, api, details);
        ASSERT_TRUE(fields) << body;
        const auto alone = scan_request(body);
        ASSERT_TRUE(alone);
        EXPECT_EQ(fields->model, alone->model);
        EXPECT_EQ(fields->stream, alone->stream);
        EXPECT_EQ(fields->temperature, alone->temperature);
        EXPECT_EQ(fields->max_tokens, alone->max_tokens);
    }
    RequestDetails untouched;
    untouched.tools = "kept";
    EXPECT_FALSE(
        scan_request(R"({"model":1,"tools":[{"name":"x"}]})", ApiFormat::OpenAiChat, untouched));
    EXPECT_EQ(untouched.tools, "kept");
}

}  // namespace
}  // namespace gw::json
