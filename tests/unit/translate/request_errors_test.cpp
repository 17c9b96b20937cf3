// Bodies that are not valid requests of their API: 400-style InvalidArgument errors whose
// message names the problem (dataplane.md §3.2 step 4), never a crash.

#include "unit/translate/request_cases.hpp"
#include <string>

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

class RequestRejected : public ::testing::TestWithParam<RejectedBody> {};

TEST_P(RequestRejected, WithInvalidArgument) {
    expect_rejected(decode_request(GetParam().api, GetParam().body), Error::Kind::InvalidArgument,
                    GetParam().message);
}

constexpr const char* kPrefix = "Failed to parse request: ";
const std::string kMalformed = std::string(kPrefix) + "Failed to parse JSON: ...";

std::string message(std::string_view detail) { return kPrefix + std::string(detail); }

INSTANTIATE_TEST_SUITE_P(
    Cases, RequestRejected,
    ::testing::Values(
        RejectedBody{"MalformedJson", ApiFormat::OpenAiChat, R"({"messages":[)", kMalformed},
        RejectedBody{"Empty", ApiFormat::AnthropicMessages, "", kMalformed},
        RejectedBody{"TrailingGarbage", ApiFormat::OpenAiResponses, R"({"input":"x"} x)",
                     kMalformed},
        RejectedBody{"TooDeep", ApiFormat::OpenAiChat,
                     std::string(5000, '[') + std::string(5000, ']'), kMalformed},
        RejectedBody{"NotAnObject", ApiFormat::OpenAiChat, "[1]",
                     message("the body must be a JSON object")},
        RejectedBody{"ChatWithoutMessages", ApiFormat::OpenAiChat, R"({"model":"m"})",
                     message("missing field `messages`")},
        RejectedBody{"ChatNullMessages", ApiFormat::OpenAiChat, R"({"messages":null})",
                     message("missing field `messages`")},
        RejectedBody{"MessagesWithoutMaxTokens", ApiFormat::AnthropicMessages,
                     R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})",
                     message("missing field `max_tokens`")},
        RejectedBody{"MessagesWithoutMessages", ApiFormat::AnthropicMessages,
                     R"({"model":"m","max_tokens":5})", message("missing field `messages`")},
        RejectedBody{"ResponsesWithoutInput", ApiFormat::OpenAiResponses, R"({"model":"m"})",
                     message("missing field `input`")},
        RejectedBody{"TemperatureString", ApiFormat::OpenAiChat,
                     R"({"messages":[],"temperature":"hot"})",
                     message("invalid type for `temperature`: expected a number")},
        RejectedBody{"StreamString", ApiFormat::AnthropicMessages,
                     R"({"messages":[],"max_tokens":1,"stream":"yes"})",
                     message("invalid type for `stream`: expected a boolean")},
        RejectedBody{"MaxTokensFraction", ApiFormat::AnthropicMessages,
                     R"({"messages":[],"max_tokens":1.5})",
                     message("invalid type for `max_tokens`: expected an integer")},
        RejectedBody{"MessagesNotAnArray", ApiFormat::OpenAiChat, R"({"messages":{}})",
                     message("invalid type for `messages`: expected an array")},
        RejectedBody{"ContentNumber", ApiFormat::OpenAiChat,
                     R"({"messages":[{"role":"user","content":5}]})",
                     message("invalid type for `content`: expected a string or an array")},
        RejectedBody{"MessageWithoutRole", ApiFormat::OpenAiChat,
                     R"({"messages":[{"content":"Hi"}]})", message("missing field `role`")},
        RejectedBody{"UnknownRole", ApiFormat::AnthropicMessages,
                     R"({"max_tokens":1,"messages":[{"role":"system","content":"Hi"}]})",
                     message("invalid value for `role`: `system`")},
        RejectedBody{"UnknownToolChoice", ApiFormat::OpenAiChat,
                     R"({"messages":[],"tool_choice":"sometimes"})",
                     message("invalid value for `tool_choice`: `sometimes`")},
        RejectedBody{"StopNumbers", ApiFormat::OpenAiChat, R"({"messages":[],"stop":[1]})",
                     message("invalid type for `stop`: expected a string")},
        RejectedBody{"ToolArgumentsNotAString", ApiFormat::OpenAiChat,
                     R"({"messages":[{"role":"assistant","tool_calls":[{"id":"c","function":)"
                     R"({"name":"f","arguments":{}}}]}]})",
                     message("invalid type for `arguments`: expected a string")},
        RejectedBody{"ResponsesWebSearchTool", ApiFormat::OpenAiResponses,
                     R"({"input":"Hi","tools":[{"type":"web_search_preview"}]})",
                     message("unsupported tool type `web_search_preview`: it cannot be "
                             "translated to the provider's API")},
        RejectedBody{"ResponsesBuiltInToolChoice", ApiFormat::OpenAiResponses,
                     R"({"input":"Hi","tool_choice":{"type":"file_search"}})",
                     message("unsupported tool_choice type `file_search`: it cannot be "
                             "translated to the provider's API")},
        RejectedBody{"ResponsesItemReference", ApiFormat::OpenAiResponses,
                     R"({"input":[{"type":"item_reference","id":"msg_1"}]})",
                     message("unsupported input item type `item_reference`: it cannot be "
                             "translated to the provider's API")},
        RejectedBody{"MessagesServerTool", ApiFormat::AnthropicMessages,
                     R"({"max_tokens":1,"messages":[],"tools":[{"type":"web_search_20250305",)"
                     R"("name":"web_search"}]})",
                     message("unsupported tool type `web_search_20250305`: it cannot be "
                             "translated to the provider's API")},
        RejectedBody{"MessagesDocumentBlock", ApiFormat::AnthropicMessages,
                     R"({"max_tokens":1,"messages":[{"role":"user","content":[{"type":)"
                     R"("document","source":{}}]}]})",
                     message("unsupported content block type `document`: it cannot be "
                             "translated to the provider's API")},
        RejectedBody{"ChatAudioPart", ApiFormat::OpenAiChat,
                     R"({"messages":[{"role":"user","content":[{"type":"input_audio"}]}]})",
                     message("unsupported content part type `input_audio`: it cannot be "
                             "translated to the provider's API")},
        RejectedBody{"BedrockIsNotDecoded", ApiFormat::BedrockConverse, R"({"messages":[]})",
                     "Decoding ..."}),
    case_name);

TEST(TranslateRequest, RefusesTargetsItCannotEncode) {
    auto out = translate_request(ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses,
                                 R"({"messages":[]})", kOptions);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, Error::Kind::InvalidArgument);
    EXPECT_FALSE(translate_request(ApiFormat::BedrockConverse, ApiFormat::BedrockConverse,
                                   R"({"messages":[]})", kOptions));
}

TEST(TranslateRequest, PassesDecodeErrorsThrough) {
    EXPECT_EQ(translated(ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, R"({"messages":[]})"),
              "ERROR: Failed to parse request: missing field `max_tokens`");
}

}  // namespace
}  // namespace gw::translate::testing
