#include "gw/routing/router_answer.hpp"

#include "gw/json/escape.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {
namespace {

const std::vector<RouteSpec> kRoutes = {{"Image generation", "generating image"},
                                        {"Code generation", "generating code"}};

// A chat completion whose first choice says `content` (a JSON value: a string or null).
std::string completion(std::string_view content) {
    return fmt::format(
        R"({{"id":"c1","object":"chat.completion","created":1,"model":"router","choices":[)"
        R"({{"index":0,"message":{{"role":"assistant","content":{}}},"finish_reason":"stop"}}],)"
        R"("usage":{{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}}})",
        content);
}

// A chat completion whose content is the text `answer`.
std::string answering(std::string_view answer) {
    std::string quoted;
    json::append_quoted(quoted, answer);
    return completion(quoted);
}

Result<std::optional<std::string>> parse_ok(std::string_view body) {
    return parse_router_answer(200, body, kRoutes);
}

std::string error_of(unsigned status, std::string_view body) {
    auto result = parse_router_answer(status, body, kRoutes);
    EXPECT_FALSE(result.has_value());
    if (result) return "";
    EXPECT_EQ(result.error().kind, Error::Kind::Protocol);
    return result.error().message;
}

std::optional<std::string> route_of(std::string_view answer) {
    auto result = parse_ok(answering(answer));
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : std::nullopt;
}

TEST(RouterAnswer, PicksTheFirstKnownRoute) {
    EXPECT_EQ(route_of(R"({"route": ["Image generation"]})"), "Image generation");
    EXPECT_EQ(route_of(R"({"route": ["Image generation", "Code generation"]})"),
              "Image generation");
    EXPECT_EQ(route_of(R"({"route": ["", "Unknown", "Code generation", "Image generation"]})"),
              "Code generation");
}

TEST(RouterAnswer, NoDecisionCases) {
    EXPECT_EQ(route_of(R"({"route": []})"), std::nullopt);
    EXPECT_EQ(route_of(R"({"route": null})"), std::nullopt);
    EXPECT_EQ(route_of(R"({})"), std::nullopt);
    EXPECT_EQ(route_of(""), std::nullopt);
    EXPECT_EQ(route_of(R"({"route": ["Unknown route"]})"), std::nullopt);
    EXPECT_EQ(route_of(R"({"route": [""]})"), std::nullopt);
}

TEST(RouterAnswer, NamesMatchExactly) {
    EXPECT_EQ(route_of(R"({"route": ["image generation"]})"), std::nullopt);
    EXPECT_EQ(route_of(R"({"route": ["Image generation "]})"), std::nullopt);
}

TEST(RouterAnswer, RepairsPythonQuotesAndEscapedNewlines) {
    EXPECT_EQ(route_of("{'route': ['Image generation']}\\n"), "Image generation");
    EXPECT_EQ(route_of("{\\n  'route': [\\n'Code generation'\\n]\\n}"), "Code generation");
    // Real newlines are JSON whitespace anyway.
    EXPECT_EQ(route_of("{\n  \"route\": [\"Code generation\"]\n}\n"), "Code generation");
}

TEST(RouterAnswer, NoChoicesOrNullContentIsNoDecision) {
    auto empty = parse_ok(R"({"id":"c","choices":[],"model":"m"})");
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(*empty, std::nullopt);
    auto null_content = parse_ok(completion("null"));
    ASSERT_TRUE(null_content.has_value());
    EXPECT_EQ(*null_content, std::nullopt);
    auto no_content = parse_ok(R"({"choices":[{"message":{"role":"assistant"}}]})");
    ASSERT_TRUE(no_content.has_value());
    EXPECT_EQ(*no_content, std::nullopt);
}

TEST(RouterAnswer, UnparsableContentIsAnError) {
    const std::string prefix = "Orchestrator model error: Failed to parse JSON: ";
    for (std::string_view answer :
         {R"({"route": ["route1")", "```json\n{\"route\": [\"Code generation\"]}\n```",
          "I think Code generation", R"(["Code generation"])", R"({"route": "Code generation"})",
          R"({"route": [1]})", R"({"route": ["Code generation", null]})",
          R"({"route": ["Code generation"]} trailing)"}) {
        const std::string message = error_of(200, answering(answer));
        EXPECT_EQ(message.rfind(prefix, 0), 0U) << answer << " -> " << message;
    }
}

TEST(RouterAnswer, BodyThatIsNoChatCompletionIsAnError) {
    const std::string prefix = "Failed to parse JSON response: ";
    for (std::string_view body :
         {"", "not json", "[]", "\"text\"", "{\"choices\":", R"({"choices":null})",
          R"({"choices":{}})", R"({"object":"chat.completion"})", R"({"choices":[1]})",
          R"({"choices":[{"message":"hi"}]})", R"({"choices":[{}]})",
          R"({"choices":[{"message":{"content":42}}]})",
          R"({"choices":[{"message":{"content":["a"]}}]})", "{\"choices\":[]}\xFF"}) {
        const std::string message = error_of(200, body);
        EXPECT_EQ(message.rfind(prefix, 0), 0U) << body << " -> " << message;
    }
}

TEST(RouterAnswer, UpstreamErrorEnvelopeWithAllParts) {
    const std::string body =
        R"({"error":{"code":400,"message":"This model's maximum context length is 32768 tokens.",)"
        R"("param":"input_tokens","type":"BadRequestError"}})";
    EXPECT_EQ(error_of(400, body),
              "Upstream returned 400: This model's maximum context length is 32768 tokens. "
              "(param=input_tokens) [type=BadRequestError]");
}

TEST(RouterAnswer, UpstreamErrorEnvelopeWithoutOptionalParts) {
    EXPECT_EQ(error_of(500, R"({"error":{"message":"something broke"}})"),
              "Upstream returned 500: something broke");
    EXPECT_EQ(error_of(503, R"({"error":{"message":"busy","param":null,"type":"overloaded"}})"),
              "Upstream returned 503: busy [type=overloaded]");
}

TEST(RouterAnswer, UpstreamErrorFallsBackToTheRawBody) {
    EXPECT_EQ(error_of(502, "<html><body>502 Bad Gateway</body></html>"),
              "Upstream returned 502: <html><body>502 Bad Gateway</body></html>");
    EXPECT_EQ(error_of(503, ""), "Upstream returned 503: ");
    // Not the envelope's shape: the body is quoted as it is.
    for (std::string_view body : {R"({"error":"quota"})", R"({"error":{"message":7}})",
                                  R"({"error":{"message":"m","param":3}})",
                                  R"({"error":{"message":"m","type":{}}})", R"({"message":"m"})"}) {
        EXPECT_EQ(error_of(429, body), fmt::format("Upstream returned 429: {}", body));
    }
}

TEST(RouterAnswer, UpstreamRawBodyIsCutAt512BytesOnACharacterBoundary) {
    EXPECT_EQ(error_of(500, std::string(3 * 512, 'x')),
              "Upstream returned 500: " + std::string(512, 'x'));
    std::string accents = "x";  // é from odd offsets: byte 512 would split one
    for (int i = 0; i < 512; ++i) accents += "é";
    const std::string message = error_of(500, accents);
    const std::string_view quoted = std::string_view(message).substr(23);
    EXPECT_EQ(quoted.size(), 511U);
    EXPECT_TRUE(simdjson::validate_utf8(quoted.data(), quoted.size()));
}

TEST(RouterAnswer, EveryNon2xxStatusIsAnError) {
    const std::string good = answering(R"({"route": ["Code generation"]})");
    for (unsigned status : {0U, 100U, 199U, 300U, 304U, 404U, 599U, 1000U}) {
        EXPECT_EQ(error_of(status, good).rfind(fmt::format("Upstream returned {}: ", status), 0),
                  0U);
    }
    for (unsigned status : {200U, 201U, 299U}) {
        auto result = parse_router_answer(status, good, kRoutes);
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(*result, "Code generation");
    }
}

TEST(RouterAnswer, NoRoutesMeansNoDecision) {
    auto result = parse_router_answer(200, answering(R"({"route": ["Code generation"]})"), {});
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*result, std::nullopt);
}

TEST(RouterAnswer, HugeAnswersAreRead) {
    std::string names = R"({"route": [)";
    for (int i = 0; i < 20'000; ++i) names += R"("unknown route name", )";
    names += R"("Image generation"]})";
    EXPECT_EQ(route_of(names), "Image generation");
    const std::string junk(1 << 20, '{');
    EXPECT_EQ(error_of(200, junk).rfind("Failed to parse JSON response: ", 0), 0U);
}

}  // namespace
}  // namespace gw::routing
