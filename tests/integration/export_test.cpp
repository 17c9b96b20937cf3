// The whole tracing pipeline with nothing injected: the gateway builds its exporter from the
// standard OTEL_* environment and ships spans over OTLP/HTTP to an in-process collector.

#include "gw/mock/mock_provider.hpp"

#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include "otlp_http_receiver.hpp"
#include <cstdlib>
#include <set>

namespace gw::testing {
namespace {

class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() { ::unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* name_;
};

TEST(TraceExport, EveryRequestArrivesAtTheCollectorOverOtlpHttp) {
    exporter::testing::OtlpHttpReceiver receiver;
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint());
    ScopedEnv protocol("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    ScopedEnv delay("OTEL_BSP_SCHEDULE_DELAY", "20");
    auto mock = mock::MockProvider::start({});
    auto gw = RunningGateway::start(
        single_provider_yaml(mock->base_url(), "tracing:\n  random_sampling: 100\n"));
    ASSERT_TRUE(gw);
    constexpr int kRequests = 20;
    for (int i = 0; i < kRequests; ++i) {
        ASSERT_EQ(
            http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini", i % 2 == 0))
                .status,
            200);
    }
    ASSERT_TRUE(receiver.wait_for_accepted(2 * kRequests));
    std::set<std::string> services;
    std::size_t llm_spans = 0;
    for (const auto& received : receiver.exports()) {
        for (const auto& span : received.spans) {
            services.insert(span.service_name);
            if (span.service_name == "plano(llm)") ++llm_spans;
        }
    }
    EXPECT_EQ(llm_spans, static_cast<std::size_t>(kRequests));
    EXPECT_EQ(services, (std::set<std::string>{"plano(llm)", "plano(outbound)"}));
}

TEST(TraceExport, ShutdownFlushesSpansStillQueued) {
    exporter::testing::OtlpHttpReceiver receiver;
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint());
    ScopedEnv protocol("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    ScopedEnv delay("OTEL_BSP_SCHEDULE_DELAY", "3600000");  // only shutdown sends them
    auto mock = mock::MockProvider::start({});
    auto gw = RunningGateway::start(
        single_provider_yaml(mock->base_url(), "tracing:\n  random_sampling: 100\n"));
    ASSERT_TRUE(gw);
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status, 200);
    EXPECT_TRUE(gw->shutdown(std::chrono::seconds(5)));
    EXPECT_TRUE(receiver.wait_for_accepted(2));
}

TEST(TraceExport, UnreachableCollectorDoesNotAffectRequests) {
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:1/v1/traces");
    ScopedEnv protocol("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    auto mock = mock::MockProvider::start({});
    auto gw = RunningGateway::start(
        single_provider_yaml(mock->base_url(), "tracing:\n  random_sampling: 100\n"));
    ASSERT_TRUE(gw);
    for (int i = 0; i < 50; ++i) {
        ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status,
                  200);
    }
}

}  // namespace
}  // namespace gw::testing
