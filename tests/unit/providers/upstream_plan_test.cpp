#include "gw/providers/upstream_plan.hpp"

#include <gtest/gtest.h>

#include "unit/providers/provider_fixtures.hpp"

namespace gw::providers {
namespace {

using llm::ApiFormat;
using testing::custom;
using testing::provider;

ResolvedProvider resolved(const config::ModelProvider& p) {
    return {std::make_shared<const config::ModelProvider>(p), p.name, p.model_id};
}

Result<UpstreamPlan> plan_for(const config::ModelProvider& p, const Headers* client = nullptr,
                              ApiFormat api = ApiFormat::OpenAiChat) {
    const char* path = api == ApiFormat::AnthropicMessages ? "/v1/messages"
                       : api == ApiFormat::OpenAiResponses ? "/v1/responses"
                                                           : "/v1/chat/completions";
    return plan_upstream(
        resolved(p),
        {.client_api = api, .client_path = path, .streaming = false, .client_headers = client});
}

struct BuiltIn {
    const char* provider;
    const char* host;
    const char* path;
};

class BuiltInHosts : public ::testing::TestWithParam<BuiltIn> {};

TEST_P(BuiltInHosts, UseHttpsOn443) {
    auto plan = plan_for(provider(std::string(GetParam().provider) + "/some-model"));
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->origin, (Origin{true, GetParam().host, 443}));
    EXPECT_EQ(plan->host_header, GetParam().host);
    EXPECT_EQ(plan->path, GetParam().path);
    EXPECT_EQ(plan->model_id, "some-model");
}

INSTANTIATE_TEST_SUITE_P(
    Table, BuiltInHosts,
    ::testing::Values(BuiltIn{"openai", "api.openai.com", "/v1/chat/completions"},
                      BuiltIn{"anthropic", "api.anthropic.com", "/v1/messages"},
                      BuiltIn{"deepseek", "api.deepseek.com", "/v1/chat/completions"},
                      BuiltIn{"xai", "api.x.ai", "/v1/chat/completions"},
                      BuiltIn{"moonshotai", "api.moonshot.ai", "/v1/chat/completions"},
                      BuiltIn{"zhipu", "open.bigmodel.cn", "/api/paas/v4/chat/completions"},
                      BuiltIn{"together_ai", "api.together.xyz", "/v1/chat/completions"},
                      BuiltIn{"gemini", "generativelanguage.googleapis.com",
                              "/v1beta/openai/chat/completions"},
                      BuiltIn{"groq", "api.groq.com", "/openai/v1/chat/completions"},
                      BuiltIn{"mistral", "api.mistral.ai", "/v1/chat/completions"},
                      BuiltIn{"digitalocean", "inference.do-ai.run", "/v1/chat/completions"},
                      BuiltIn{"xiaomi", "api.xiaomimimo.com", "/v1/chat/completions"},
                      BuiltIn{"plano", "archfc.katanemo.dev", "/v1/chat/completions"},
                      BuiltIn{"vercel", "ai-gateway.vercel.sh", "/v1/chat/completions"},
                      BuiltIn{"openrouter", "openrouter.ai", "/api/v1/chat/completions"},
                      BuiltIn{"edenai", "api.edenai.run", "/v3/chat/completions"},
                      BuiltIn{"chatgpt", "chatgpt.com", "/backend-api/codex/chat/completions"}),
    [](const auto& test) { return std::string(test.param.provider); });

TEST(UpstreamPlan, BaseUrlGivesOriginHostAndPrefix) {
    auto plan = plan_for(custom("custom/llama", "openai", "http://127.0.0.1:8080/v1"));
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->origin, (Origin{false, "127.0.0.1", 8080}));
    EXPECT_EQ(plan->origin.key(), "http://127.0.0.1:8080");
    EXPECT_EQ(plan->host_header, "127.0.0.1:8080");
    EXPECT_EQ(plan->path, "/v1/chat/completions");
    EXPECT_EQ(plan->model_id, "llama");
}

TEST(UpstreamPlan, HttpHostOverridesOnlyTheHostHeader) {
    auto p = custom("openai/gpt-4o", "openai", "https://gateway.internal/ai-gateway/openai");
    p.http_host = "api.openai.com";
    auto plan = plan_for(p);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->host_header, "api.openai.com");
    EXPECT_EQ(plan->origin.host, "gateway.internal");
    EXPECT_EQ(plan->path, "/ai-gateway/openai/chat/completions");
}

TEST(UpstreamPlan, WildcardModelIdGoesUpstream) {
    auto wildcard = std::make_shared<const config::ModelProvider>(
        custom("openrouter/*", "openrouter", "https://openrouter.ai/api/v1"));
    auto plan = plan_upstream({wildcard, "openrouter/anthropic/claude-3.5", "anthropic/claude-3.5"},
                              {.client_path = "/v1/chat/completions"});
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->model_id, "anthropic/claude-3.5");
    EXPECT_EQ(plan->path, "/api/v1/chat/completions");
    EXPECT_EQ(plan->host_header, "openrouter.ai");
}

TEST(UpstreamPlan, MessagesClientToAnthropic) {
    Headers client;
    client.add("x-api-key", "client-key");
    client.add("Content-Length", "10");
    auto plan =
        plan_for(provider("anthropic/claude-sonnet-4-5"), &client, ApiFormat::AnthropicMessages);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->upstream_api, ApiFormat::AnthropicMessages);
    EXPECT_EQ(plan->path, "/v1/messages");
    EXPECT_EQ(plan->headers.get("x-api-key"), "key-anthropic");
    EXPECT_EQ(plan->headers.get("anthropic-version"), "2023-06-01");
    EXPECT_FALSE(plan->headers.contains("content-length"));
}

TEST(UpstreamPlan, ChatClientToAnthropicSpeaksNativeMessages) {
    auto plan = plan_for(provider("anthropic/claude-sonnet-4-5"));
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->upstream_api, ApiFormat::AnthropicMessages);
    EXPECT_EQ(plan->path, "/v1/messages");
    EXPECT_EQ(plan->headers.get("x-api-key"), "key-anthropic");
    EXPECT_FALSE(plan->headers.contains("authorization"));
}

TEST(UpstreamPlan, Errors) {
    auto keyless = provider("openai/gpt-4o");
    keyless.access_key.reset();
    auto no_key = plan_for(keyless);
    ASSERT_FALSE(no_key);
    EXPECT_EQ(no_key.error().message,
              "No access key configured for selected LLM Provider \"openai/gpt-4o\"");

    auto bad_url = plan_for(custom("x/y", "openai", "ftp://nope"));
    ASSERT_FALSE(bad_url);
    EXPECT_EQ(bad_url.error().kind, Error::Kind::InvalidArgument);

    auto no_host = plan_for(provider("astraflow/some-model"));
    ASSERT_FALSE(no_host);
    EXPECT_NE(no_host.error().message.find("base_url"), std::string::npos);
}

}  // namespace
}  // namespace gw::providers
