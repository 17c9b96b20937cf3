#include "gw/providers/upstream_path.hpp"

#include <gtest/gtest.h>

namespace gw::providers {
namespace {

using llm::ApiFormat;

struct PathCase {
    const char* name;
    ApiFormat client;
    std::string interface;
    std::optional<std::string> prefix;
    std::string expected_path;
    ApiFormat expected_api;
    std::string provider_name = "";
    bool streaming = false;
};

class UpstreamPath : public ::testing::TestWithParam<PathCase> {};

TEST_P(UpstreamPath, FollowsTheProviderRule) {
    const PathCase& c = GetParam();
    PathInput input{.client_api = c.client,
                    .provider_interface = c.interface,
                    .provider_name = c.provider_name,
                    .model_id = "my-model",
                    .streaming = c.streaming,
                    .base_url_prefix = c.prefix};
    EXPECT_EQ(upstream_path(input), c.expected_path);
    EXPECT_EQ(upstream_api_for(c.client, c.interface), c.expected_api);
}

constexpr auto kChat = ApiFormat::OpenAiChat;
constexpr auto kMessages = ApiFormat::AnthropicMessages;
constexpr auto kResponses = ApiFormat::OpenAiResponses;
constexpr auto kConverse = ApiFormat::BedrockConverse;
const std::optional<std::string> kNone;

INSTANTIATE_TEST_SUITE_P(
    Cases, UpstreamPath,
    ::testing::Values(
        PathCase{"chat_openai", kChat, "openai", kNone, "/v1/chat/completions", kChat},
        PathCase{"chat_anthropic_native", kChat, "anthropic", kNone, "/v1/messages", kMessages},
        PathCase{"responses_anthropic_native", kResponses, "anthropic", kNone, "/v1/messages",
                 kMessages},
        PathCase{"chat_groq", kChat, "groq", kNone, "/openai/v1/chat/completions", kChat},
        PathCase{"chat_zhipu", kChat, "zhipu", kNone, "/api/paas/v4/chat/completions", kChat},
        PathCase{"chat_qwen", kChat, "qwen", kNone, "/compatible-mode/v1/chat/completions", kChat},
        PathCase{"chat_azure", kChat, "azure_openai", kNone,
                 "/openai/deployments/my-model/chat/completions?api-version=2025-01-01-preview",
                 kChat},
        PathCase{"chat_azure_prefix", kChat, "azure_openai", "/custom/path",
                 "/custom/path/my-model/chat/completions?api-version=2025-01-01-preview", kChat},
        PathCase{"chat_gemini", kChat, "gemini", kNone, "/v1beta/openai/chat/completions", kChat},
        PathCase{"chat_deepseek", kChat, "deepseek", kNone, "/v1/chat/completions", kChat},
        PathCase{"chat_custom_interface", kChat, "my_llm", kNone, "/v1/chat/completions", kChat},
        PathCase{"chat_prefix_replaces_v1", kChat, "openai", "/ai-gateway/openai",
                 "/ai-gateway/openai/chat/completions", kChat},
        PathCase{"chat_prefix_v1", kChat, "openai", "/v1", "/v1/chat/completions", kChat},
        PathCase{"chat_prefix_replaces_gemini", kChat, "gemini", "/proxy",
                 "/proxy/chat/completions", kChat},
        PathCase{"chat_perplexity_unversioned", kChat, "openai", kNone, "/chat/completions", kChat,
                 "perplexity/sonar"},
        PathCase{"chat_bedrock", kChat, "amazon_bedrock", kNone, "/model/my-model/converse",
                 kConverse},
        PathCase{"chat_bedrock_stream", kChat, "amazon_bedrock", kNone,
                 "/model/my-model/converse-stream", kConverse, "", true},
        PathCase{"messages_anthropic", kMessages, "anthropic", kNone, "/v1/messages", kMessages},
        PathCase{"messages_vercel_prefix", kMessages, "vercel", "/v1", "/v1/messages", kMessages},
        PathCase{"messages_openai", kMessages, "openai", kNone, "/v1/chat/completions", kChat},
        PathCase{"messages_gemini_uses_provider_rule", kMessages, "gemini", kNone,
                 "/v1beta/openai/chat/completions", kChat},
        PathCase{"messages_bedrock", kMessages, "amazon_bedrock", kNone, "/model/my-model/converse",
                 kConverse},
        PathCase{"responses_openai", kResponses, "openai", kNone, "/v1/responses", kResponses},
        PathCase{"responses_xai", kResponses, "xai", kNone, "/v1/responses", kResponses},
        PathCase{"responses_chatgpt", kResponses, "chatgpt", "/backend-api/codex",
                 "/backend-api/codex/responses", kResponses},
        PathCase{"responses_vercel", kResponses, "vercel", kNone, "/v1/responses", kResponses},
        PathCase{"responses_deepseek_translated", kResponses, "deepseek", kNone,
                 "/v1/chat/completions", kChat},
        PathCase{"responses_groq_translated", kResponses, "groq", kNone,
                 "/openai/v1/chat/completions", kChat}),
    [](const auto& test) { return std::string(test.param.name); });

}  // namespace
}  // namespace gw::providers
