// Providers over https: certificate and host verification against the configured CA, through a
// real TLS server on 127.0.0.1.

#include "tls_upstream.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"

namespace gw::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kChat =
    R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]})";

TEST(TlsUpstream, ProviderOverHttpsIsReachedWhenItsCaIsTrusted) {
    auto upstream = TlsUpstream::start();
    ASSERT_TRUE(upstream);
    const std::string ca = upstream->ca_file().string();
    auto gw =
        RunningGateway::start(single_provider_yaml(upstream->base_url()), {},
                              [&](config::Config& c) { c.overrides.upstream_tls_ca_path = ca; });
    ASSERT_TRUE(gw);
    for (int i = 0; i < 2; ++i) {
        auto response = http_post(gw->port(), "/v1/chat/completions", kChat);
        EXPECT_EQ(response.status, 200) << response.body;
        EXPECT_THAT(response.body, HasSubstr("over tls"));
    }
    EXPECT_THAT(upstream->targets(), ElementsAre("/v1/chat/completions", "/v1/chat/completions"));
}

TEST(TlsUpstream, AnUntrustedCertificateIs502AndNothingIsSent) {
    auto upstream = TlsUpstream::start();
    ASSERT_TRUE(upstream);
    // The system store does not know the test certificate.
    auto gw = RunningGateway::start(single_provider_yaml(upstream->base_url()));
    ASSERT_TRUE(gw);
    auto response = http_post(gw->port(), "/v1/chat/completions", kChat);
    EXPECT_EQ(response.status, 502);
    EXPECT_THAT(response.body, HasSubstr("TLS handshake"));
    EXPECT_TRUE(upstream->targets().empty());
}

TEST(TlsUpstream, AMissingCaBundleStopsTheStartInsteadOfTheFirstRequest) {
    auto upstream = TlsUpstream::start();
    ASSERT_TRUE(upstream);
    config::LoadResult loaded =
        config::load_config_text(single_provider_yaml(upstream->base_url()), "test.yaml", {});
    ASSERT_TRUE(loaded.config);
    loaded.config->overrides.upstream_tls_ca_path = "/nonexistent/ca.pem";
    auto created =
        app::Gateway::create(std::make_shared<const config::Config>(std::move(*loaded.config)));
    ASSERT_FALSE(created);
    EXPECT_THAT(created.error().message, HasSubstr("/nonexistent/ca.pem"));
}

}  // namespace
}  // namespace gw::testing
