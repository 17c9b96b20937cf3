// Upstream error bodies in the client API's error shape: the provider's message verbatim, its
// type when the client's ecosystem has it, else the type the status means there.

#include "unit/translate/response_cases.hpp"
#include <string>

namespace gw::translate::testing {
namespace {

using llm::ApiFormat;

constexpr auto kChat = ApiFormat::OpenAiChat;
constexpr auto kMessages = ApiFormat::AnthropicMessages;
constexpr auto kResponses = ApiFormat::OpenAiResponses;
constexpr auto kConverse = ApiFormat::BedrockConverse;

struct ErrorCase {
    const char* name;
    ApiFormat from;
    ApiFormat to;
    unsigned status;
    std::string_view body;
    std::string_view expected;
};

// The shared printer for named cases, for this file's own case type too.
using gw::translate::testing::operator<<;

class ErrorTranslation : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ErrorTranslation, Translates) {
    const ErrorCase& c = GetParam();
    EXPECT_EQ(translate_error(c.from, c.to, c.status, c.body), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    AnthropicToOpenAi, ErrorTranslation,
    ::testing::Values(
        ErrorCase{"RateLimitIsShared", kMessages, kChat, 429,
                  R"({"type":"error","error":{"type":"rate_limit_error",)"
                  R"("message":"Number of request tokens has exceeded your rate limit."}})",
                  R"({"error":{"message":"Number of request tokens has exceeded your rate )"
                  R"(limit.","type":"rate_limit_error","code":null}})"},
        ErrorCase{"OverloadedIsAServerError", kMessages, kChat, 529,
                  R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},)"
                  R"("request_id":"req_1"})",
                  R"({"error":{"message":"Overloaded","type":"server_error","code":null}})"},
        ErrorCase{"ApiErrorIsAServerError", kMessages, kResponses, 500,
                  R"({"type":"error","error":{"type":"api_error","message":"Internal error"}})",
                  R"({"error":{"message":"Internal error","type":"server_error","code":null}})"},
        ErrorCase{"InvalidRequestIsShared", kMessages, kChat, 400,
                  R"({"type":"error","error":{"type":"invalid_request_error",)"
                  R"("message":"max_tokens: 100000 > 64000"}})",
                  R"({"error":{"message":"max_tokens: 100000 > 64000",)"
                  R"("type":"invalid_request_error","code":null}})"},
        ErrorCase{"AuthenticationIsShared", kMessages, kChat, 401,
                  R"({"type":"error","error":{"type":"authentication_error",)"
                  R"("message":"invalid x-api-key"}})",
                  R"({"error":{"message":"invalid x-api-key","type":"authentication_error",)"
                  R"("code":null}})"},
        ErrorCase{"RequestTooLargeByStatus", kMessages, kChat, 413,
                  R"({"type":"error","error":{"type":"request_too_large","message":"Too big"}})",
                  R"({"error":{"message":"Too big","type":"invalid_request_error",)"
                  R"("code":null}})"}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    OpenAiToAnthropic, ErrorTranslation,
    ::testing::Values(
        // OpenAI's own 429s say "requests", "tokens" or "insufficient_quota".
        ErrorCase{"RateLimitTypesByStatus", kChat, kMessages, 429,
                  R"({"error":{"message":"Rate limit reached for gpt-4o","type":"requests",)"
                  R"("param":null,"code":"rate_limit_exceeded"}})",
                  R"({"type":"error","error":{"type":"rate_limit_error",)"
                  R"("message":"Rate limit reached for gpt-4o"}})"},
        ErrorCase{"ServerErrorIsAnApiError", kChat, kMessages, 500,
                  R"({"error":{"message":"The server had an error","type":"server_error"}})",
                  R"({"type":"error","error":{"type":"api_error",)"
                  R"("message":"The server had an error"}})"},
        ErrorCase{"UnavailableIsAnApiError", kChat, kMessages, 503,
                  R"({"error":{"message":"Engine overloaded","type":"server_error"}})",
                  R"({"type":"error","error":{"type":"api_error","message":"Engine overloaded"}})"},
        ErrorCase{"529IsOverloaded", kChat, kMessages, 529, R"({"error":{"message":"Busy"}})",
                  R"({"type":"error","error":{"type":"overloaded_error","message":"Busy"}})"},
        ErrorCase{"NotFoundKeepsASharedType", kChat, kMessages, 404,
                  R"({"error":{"message":"The model `gpt-9` does not exist",)"
                  R"("type":"invalid_request_error","param":null,"code":"model_not_found"}})",
                  R"({"type":"error","error":{"type":"invalid_request_error",)"
                  R"("message":"The model `gpt-9` does not exist"}})"},
        ErrorCase{"PermissionByStatus", kChat, kMessages, 403,
                  R"({"error":{"message":"Country not supported","type":"forbidden"}})",
                  R"({"type":"error","error":{"type":"permission_error",)"
                  R"("message":"Country not supported"}})"},
        ErrorCase{"OtherClientErrorsAreInvalidRequests", kChat, kMessages, 422,
                  R"({"error":{"message":"Unprocessable","type":"validation"}})",
                  R"({"type":"error","error":{"type":"invalid_request_error",)"
                  R"("message":"Unprocessable"}})"}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    WithinOpenAi, ErrorTranslation,
    ::testing::Values(
        ErrorCase{"ProviderTypeAndCodeSurvive", kChat, kResponses, 429,
                  R"({"error":{"message":"You exceeded your current quota.",)"
                  R"("type":"insufficient_quota","param":null,"code":"insufficient_quota"}})",
                  R"({"error":{"message":"You exceeded your current quota.",)"
                  R"("type":"insufficient_quota","code":"insufficient_quota"}})"},
        // Google's OpenAI-compatible endpoint: a list, a numeric code, no type.
        ErrorCase{"GeminiListWithNumericCode", kChat, kResponses, 400,
                  R"([{"error":{"code":400,"message":"API key not valid.",)"
                  R"("status":"INVALID_ARGUMENT"}}])",
                  R"({"error":{"message":"API key not valid.","type":"invalid_request_error",)"
                  R"("code":400}})"}),
    case_name);

// Bedrock's bodies are {"message":...}; the exception's name is only in the x-amzn-errortype
// header, so the status chooses the client's type.
INSTANTIATE_TEST_SUITE_P(
    FromBedrock, ErrorTranslation,
    ::testing::Values(
        ErrorCase{"ThrottlingToChat", kConverse, kChat, 429,
                  R"({"message":"Too many requests, please wait before trying again."})",
                  R"({"error":{"message":"Too many requests, please wait before trying again.",)"
                  R"("type":"rate_limit_error","code":null}})"},
        ErrorCase{"ValidationToMessages", kConverse, kMessages, 400,
                  R"({"message":"The model returned the following errors: max_tokens: 9 > 8"})",
                  R"({"type":"error","error":{"type":"invalid_request_error","message":)"
                  R"("The model returned the following errors: max_tokens: 9 > 8"}})"},
        // AWS's authorization layer capitalises the member.
        ErrorCase{"AccessDeniedToResponses", kConverse, kResponses, 403,
                  R"({"Message":"User: arn:aws:iam::1:user/x is not authorized to perform: )"
                  R"(bedrock:InvokeModel"})",
                  R"({"error":{"message":"User: arn:aws:iam::1:user/x is not authorized to )"
                  R"(perform: bedrock:InvokeModel","type":"permission_error","code":null}})"},
        ErrorCase{"ResourceNotFoundToMessages", kConverse, kMessages, 404,
                  R"({"message":"Could not resolve the foundation model from the provided )"
                  R"(model identifier."})",
                  R"({"type":"error","error":{"type":"not_found_error","message":"Could not )"
                  R"(resolve the foundation model from the provided model identifier."}})"},
        ErrorCase{"ServiceUnavailableToMessages", kConverse, kMessages, 503,
                  R"({"message":"Service Unavailable"})",
                  R"({"type":"error","error":{"type":"api_error",)"
                  R"("message":"Service Unavailable"}})"},
        ErrorCase{"InternalServerToChat", kConverse, kChat, 500,
                  R"({"message":"Internal Server Error"})",
                  R"({"error":{"message":"Internal Server Error","type":"server_error",)"
                  R"("code":null}})"}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    OtherShapes, ErrorTranslation,
    ::testing::Values(
        ErrorCase{"ErrorString", kChat, kMessages, 401, R"({"error":"Invalid API key"})",
                  R"({"type":"error","error":{"type":"authentication_error",)"
                  R"("message":"Invalid API key"}})"},
        ErrorCase{"TopLevelMessage", kMessages, kChat, 429,
                  R"({"message":"Too many requests","code":"throttled"})",
                  R"({"error":{"message":"Too many requests","type":"rate_limit_error",)"
                  R"("code":null}})"},
        ErrorCase{"JsonWithoutAMessageIsQuoted", kChat, kMessages, 404, R"({"detail":"Not Found"})",
                  R"({"type":"error","error":{"type":"not_found_error",)"
                  R"("message":"{\"detail\":\"Not Found\"}"}})"},
        ErrorCase{"WrongTypesFallBackToTheBody", kChat, kMessages, 400,
                  R"({"error":{"message":5,"type":[]}})",
                  R"({"type":"error","error":{"type":"invalid_request_error",)"
                  R"("message":"{\"error\":{\"message\":5,\"type\":[]}}"}})"},
        ErrorCase{"PlainTextIsTrimmed", kMessages, kChat, 502,
                  "\n<html><body>502 Bad Gateway</body></html>\r\n",
                  R"({"error":{"message":"<html><body>502 Bad Gateway</body></html>",)"
                  R"("type":"server_error","code":null}})"},
        ErrorCase{"EmptyBodySaysSo", kChat, kMessages, 503, "",
                  R"({"type":"error","error":{"type":"api_error",)"
                  R"("message":"the provider answered HTTP 503 without a message"}})"},
        ErrorCase{"SameApiIsUntouched", kChat, kChat, 500, "not json \xff", "not json \xff"}),
    case_name);

// A 1 KiB cut that would split a two-byte character keeps the text valid UTF-8.
TEST(ErrorTranslation, LongTextIsCutOnACharacterBoundary) {
    const std::string body = std::string(1023, 'x') + "\xc3\xa9" + std::string(2000, 'y');
    EXPECT_EQ(translate_error(kMessages, kChat, 500, body),
              R"({"error":{"message":")" + std::string(1023, 'x') +
                  R"(","type":"server_error","code":null}})");
}

TEST(ErrorTranslation, ProviderMessagesAreNotCut) {
    const std::string message(3000, 'm');
    EXPECT_EQ(translate_error(kChat, kMessages, 400, R"({"error":{"message":")" + message + "\"}}"),
              R"({"type":"error","error":{"type":"invalid_request_error","message":")" + message +
                  "\"}}");
}

}  // namespace
}  // namespace gw::translate::testing
