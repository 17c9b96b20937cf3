#include "gw/mock/router.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace gw::mock {
namespace {

constexpr std::string_view kChat = R"({"model":"m","messages":[{"role":"user","content":"x"}]})";

TEST(Router, RoutesEachEndpoint) {
    EXPECT_EQ(plan_response("GET", "/healthz", "", {}, 1).body, "ok");
    EXPECT_EQ(plan_response("GET", "/v1/models?x=1", "", {}, 1).status, 200U);
    for (const auto* path : {"/v1/chat/completions", "/v1/messages", "/v1/responses"}) {
        const auto plan = plan_response("POST", path, kChat, {}, 1);
        EXPECT_EQ(plan.status, 200U) << path;
        EXPECT_FALSE(plan.stream) << path;
    }
}

// One mock stands in for providers whose paths differ only in the prefix.
TEST(Router, AnyPrefixBeforeTheApiPathWorks) {
    const std::pair<const char*, std::string_view> cases[] = {
        {"/openai/v1/chat/completions", R"("object":"chat.completion")"},
        {"/ai-gateway/openai/chat/completions?x=1", R"("object":"chat.completion")"},
        {"/anthropic/v1/messages", R"("type":"message")"},
        {"/openai/v1/responses", R"("object":"response")"}};
    for (const auto& [path, shape] : cases) {
        const auto plan = plan_response("POST", path, kChat, {}, 1);
        EXPECT_EQ(plan.status, 200U) << path;
        EXPECT_NE(plan.body.find(shape), std::string::npos) << path << ": " << plan.body;
    }
    EXPECT_EQ(plan_response("POST", "/v1/messages/batches", kChat, {}, 1).status, 404U);
}

TEST(Router, StreamRequestsBecomeEventStreams) {
    const auto plan = plan_response("POST", "/v1/chat/completions", R"({"stream":true})", {}, 1);
    EXPECT_TRUE(plan.stream);
    EXPECT_EQ(plan.content_type, "text/event-stream");
    EXPECT_FALSE(plan.frames.empty());
}

TEST(Router, ScriptedStatusWinsAnd429HasRetryAfter) {
    FaultScript script;
    script.status = 429;
    const auto plan = plan_response("POST", "/v1/chat/completions", kChat, script, 1);
    EXPECT_EQ(plan.status, 429U);
    ASSERT_EQ(plan.extra_headers.size(), 1U);
    EXPECT_EQ(plan.extra_headers[0].first, "retry-after");
    EXPECT_EQ(plan.extra_headers[0].second, "7");
}

TEST(Router, UnknownRoutesAndMethodsAndBadJson) {
    EXPECT_EQ(plan_response("GET", "/nope", "", {}, 1).status, 404U);
    EXPECT_EQ(plan_response("GET", "/v1/messages", "", {}, 1).status, 405U);
    EXPECT_EQ(plan_response("POST", "/v1/messages", "{", {}, 1).status, 400U);
}

TEST(Router, AcceptsAndDiscardsOtlpHttpSpans) {
    auto accepted = plan_response("POST", "/v1/traces", "\x0a\x00", {}, 1);
    EXPECT_EQ(accepted.status, 200);
    EXPECT_TRUE(accepted.body.empty());
    EXPECT_EQ(plan_response("GET", "/v1/traces", "", {}, 1).status, 405);
}

}  // namespace
}  // namespace gw::mock
