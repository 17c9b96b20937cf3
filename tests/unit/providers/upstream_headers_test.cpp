#include "gw/providers/upstream_headers.hpp"

#include <gtest/gtest.h>

#include "unit/providers/provider_fixtures.hpp"

namespace gw::providers {
namespace {

using llm::ApiFormat;
using testing::custom;
using testing::provider;

Headers client_with(std::initializer_list<std::pair<const char*, const char*>> fields) {
    Headers h;
    for (const auto& [name, value] : fields) h.add(name, value);
    return h;
}

Headers auth_headers(const config::ModelProvider& p, ApiFormat api, const Headers& client) {
    Headers out = forwardable_headers(&client);
    auto ok = apply_provider_auth(p, api, &client, out);
    EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);
    return out;
}

TEST(ForwardableHeaders, DropsHopByHopHostAndContentLength) {
    const Headers client = client_with({{"Host", "localhost:12000"},
                                        {"Content-Length", "42"},
                                        {"Connection", "keep-alive, X-Drop-Me"},
                                        {"Keep-Alive", "timeout=5"},
                                        {"Transfer-Encoding", "chunked"},
                                        {"TE", "trailers"},
                                        {"Trailer", "x"},
                                        {"Upgrade", "h2c"},
                                        {"Proxy-Authorization", "Basic x"},
                                        {"Proxy-Connection", "close"},
                                        {"x-drop-me", "1"},
                                        {"Accept-Encoding", "gzip, br"},
                                        {"traceparent", "00-abc-def-01"},
                                        {"x-request-id", "r1"},
                                        {"Content-Type", "application/json"}});
    const Headers out = forwardable_headers(&client);
    const std::vector<Headers::Field> expected = {{"Accept-Encoding", "identity"},
                                                  {"traceparent", "00-abc-def-01"},
                                                  {"x-request-id", "r1"},
                                                  {"Content-Type", "application/json"}};
    EXPECT_EQ(out.fields(), expected);
}

TEST(ForwardableHeaders, WithoutClientHeaders) {
    const Headers out = forwardable_headers(nullptr);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out.get("accept-encoding"), "identity");
}

TEST(ProviderAuth, AccessKeyAsBearerReplacingClientCredentials) {
    auto p = provider("openai/gpt-4o");
    p.access_key = "sk-provider";
    const Headers out = auth_headers(
        p, ApiFormat::OpenAiChat,
        client_with({{"Authorization", "Bearer sk-client"}, {"x-api-key", "client-key"}}));
    EXPECT_EQ(out.get("authorization"), "Bearer sk-provider");
    EXPECT_FALSE(out.contains("x-api-key"));
}

TEST(ProviderAuth, AnthropicMessagesUsesXApiKeyAndVersion) {
    auto p = provider("anthropic/claude-sonnet-4-5");
    p.access_key = "sk-ant";
    const Headers out = auth_headers(p, ApiFormat::AnthropicMessages,
                                     client_with({{"Authorization", "Bearer sk-client"}}));
    EXPECT_EQ(out.get("x-api-key"), "sk-ant");
    EXPECT_EQ(out.get("anthropic-version"), "2023-06-01");
    EXPECT_FALSE(out.contains("authorization"));
}

TEST(ProviderAuth, AnthropicKeepsClientVersionAndBeta) {
    auto p = provider("anthropic/claude-sonnet-4-5");
    const Headers out = auth_headers(p, ApiFormat::AnthropicMessages,
                                     client_with({{"anthropic-version", "2024-10-22"},
                                                  {"anthropic-beta", "prompt-caching-2024-07-31"},
                                                  {"x-api-key", "client"}}));
    EXPECT_EQ(out.get("x-api-key"), "key-anthropic");
    EXPECT_EQ(out.get("anthropic-version"), "2024-10-22");
    EXPECT_EQ(out.get("anthropic-beta"), "prompt-caching-2024-07-31");
}

struct Passthrough {
    const char* name;
    Headers client;
    ApiFormat api;
    std::optional<std::string> authorization;
    std::optional<std::string> api_key;
};

class PassthroughAuth : public ::testing::TestWithParam<Passthrough> {};

TEST_P(PassthroughAuth, UsesTheClientCredential) {
    auto p = provider("openai/gpt-4o");
    p.passthrough_auth = true;
    p.access_key = "ignored";
    const Headers out = auth_headers(p, GetParam().api, GetParam().client);
    auto value = [](std::optional<std::string_view> v) {
        return v ? std::optional<std::string>(*v) : std::nullopt;
    };
    EXPECT_EQ(value(out.get("authorization")), GetParam().authorization);
    EXPECT_EQ(value(out.get("x-api-key")), GetParam().api_key);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PassthroughAuth,
    ::testing::Values(Passthrough{"bearer", client_with({{"Authorization", "Bearer sk-user"}}),
                                  ApiFormat::OpenAiChat, "Bearer sk-user", std::nullopt},
                      Passthrough{"lowercase_bearer_padded",
                                  client_with({{"authorization", " bearer  sk-u "}}),
                                  ApiFormat::OpenAiChat, "Bearer sk-u", std::nullopt},
                      Passthrough{"raw_token", client_with({{"Authorization", "sk-raw"}}),
                                  ApiFormat::OpenAiChat, "Bearer sk-raw", std::nullopt},
                      Passthrough{"x_api_key_only", client_with({{"x-api-key", "sk-x"}}),
                                  ApiFormat::OpenAiChat, "Bearer sk-x", std::nullopt},
                      Passthrough{"empty_bearer_falls_back",
                                  client_with({{"Authorization", "Bearer"}, {"x-api-key", "sk-x"}}),
                                  ApiFormat::OpenAiChat, "Bearer sk-x", std::nullopt},
                      Passthrough{"bearer_to_anthropic",
                                  client_with({{"Authorization", "Bearer sk-user"}}),
                                  ApiFormat::AnthropicMessages, std::nullopt, "sk-user"},
                      Passthrough{"neither", client_with({{"x-other", "1"}}), ApiFormat::OpenAiChat,
                                  std::nullopt, std::nullopt}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(ProviderAuth, MissingKeyWithoutBaseUrlIsAnError) {
    auto p = provider("openai/gpt-4o");
    p.access_key.reset();
    Headers out;
    auto r = apply_provider_auth(p, ApiFormat::OpenAiChat, nullptr, out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(r.error().message,
              "No access key configured for selected LLM Provider \"openai/gpt-4o\"");
    p.access_key = "";
    EXPECT_FALSE(apply_provider_auth(p, ApiFormat::OpenAiChat, nullptr, out));
}

TEST(ProviderAuth, KeylessBaseUrlProviderNeverGetsClientCredentials) {
    auto p = custom("ollama/llama3", "ollama", "http://127.0.0.1:11434");
    p.access_key.reset();
    const Headers out =
        auth_headers(p, ApiFormat::OpenAiChat,
                     client_with({{"Authorization", "Bearer secret"}, {"x-api-key", "secret"}}));
    EXPECT_FALSE(out.contains("authorization"));
    EXPECT_FALSE(out.contains("x-api-key"));
}

TEST(ProviderAuth, InternalPlanoNeedsNoKey) {
    auto p = provider("arch/Arch-Function");
    p.provider_interface = "plano";
    p.access_key.reset();
    const Headers out = auth_headers(p, ApiFormat::OpenAiChat, client_with({}));
    EXPECT_FALSE(out.contains("authorization"));
}

TEST(ProviderAuth, ProviderHeadersOverwriteEverything) {
    auto p = provider("openai/gpt-4o");
    p.headers = {{"X-Team", "core"}, {"Authorization", "Custom scheme"}, {"X-New", "1"}};
    const Headers out = auth_headers(p, ApiFormat::OpenAiChat, client_with({{"x-team", "client"}}));
    EXPECT_EQ(out.get("x-team"), "core");
    EXPECT_EQ(out.get("authorization"), "Custom scheme");
    EXPECT_EQ(out.get("x-new"), "1");
    EXPECT_EQ(out.size(), 4u);  // Accept-Encoding, X-Team, Authorization, X-New
}

}  // namespace
}  // namespace gw::providers
