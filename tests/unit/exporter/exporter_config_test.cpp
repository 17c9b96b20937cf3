#include "gw/exporter/exporter_config.hpp"

#include "gw/exporter/endpoint.hpp"
#include "gw/exporter/make_exporter.hpp"

#include <gtest/gtest.h>

namespace gw::exporter {
namespace {

using Env = std::map<std::string, std::string>;

struct EndpointCase {
    const char* name;
    std::optional<std::string> config_endpoint;
    Env env;
    ExportProtocol protocol;
    std::string endpoint;
};

class ResolveEndpoint : public ::testing::TestWithParam<EndpointCase> {};

TEST_P(ResolveEndpoint, PicksProtocolAndEndpoint) {
    const auto& c = GetParam();
    auto settings = resolve_exporter_settings(c.config_endpoint, c.env);
    ASSERT_TRUE(settings.has_value()) << settings.error().message;
    EXPECT_EQ(settings->protocol, c.protocol);
    EXPECT_EQ(settings->endpoint, c.endpoint);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ResolveEndpoint,
    ::testing::Values(
        EndpointCase{"Default", std::nullopt, {}, ExportProtocol::Grpc, "http://localhost:4317"},
        EndpointCase{
            "Config", "http://jaeger:4317", {}, ExportProtocol::Grpc, "http://jaeger:4317"},
        EndpointCase{"EmptyEnvIsUnset",
                     "http://jaeger:4317",
                     {{"OTEL_EXPORTER_OTLP_ENDPOINT", ""}},
                     ExportProtocol::Grpc,
                     "http://jaeger:4317"},
        EndpointCase{"GenericBeatsConfig",
                     "http://jaeger:4317",
                     {{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4317"}},
                     ExportProtocol::Grpc,
                     "http://otel:4317"},
        EndpointCase{"TracesBeatsGeneric",
                     "http://jaeger:4317",
                     {{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4317"},
                      {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces:443"}},
                     ExportProtocol::Grpc,
                     "https://traces:443"},
        EndpointCase{"HttpGenericGetsTracesPath",
                     std::nullopt,
                     {{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"},
                      {"OTEL_EXPORTER_OTLP_ENDPOINT", "https://api.honeycomb.io/"}},
                     ExportProtocol::HttpProtobuf,
                     "https://api.honeycomb.io/v1/traces"},
        EndpointCase{"HttpTracesEndpointAsIs",
                     std::nullopt,
                     {{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"},
                      {"OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:4318"},
                      {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/custom/path"}},
                     ExportProtocol::HttpProtobuf,
                     "http://c:4318/custom/path"},
        EndpointCase{"HttpIgnoresGrpcConfigEndpoint",
                     "http://jaeger:4317",
                     {{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"}},
                     ExportProtocol::HttpProtobuf,
                     "http://localhost:4318/v1/traces"},
        EndpointCase{"TracesProtocolBeatsGeneric",
                     std::nullopt,
                     {{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"},
                      {"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"}},
                     ExportProtocol::Grpc,
                     "http://localhost:4317"},
        EndpointCase{"JsonFallsBackToProtobuf",
                     std::nullopt,
                     {{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"}},
                     ExportProtocol::HttpProtobuf,
                     "http://localhost:4318/v1/traces"}),
    [](const ::testing::TestParamInfo<EndpointCase>& param) {
        return std::string(param.param.name);
    });

TEST(ResolveExporterSettings, RejectsUnknownProtocolAndBadEndpoints) {
    EXPECT_FALSE(
        resolve_exporter_settings(std::nullopt, {{"OTEL_EXPORTER_OTLP_PROTOCOL", "thrift"}}));
    EXPECT_FALSE(resolve_exporter_settings(std::nullopt,
                                           {{"OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4317"}}));
    EXPECT_FALSE(resolve_exporter_settings("ftp://x:21", {}));
}

TEST(ResolveExporterSettings, ReadsBatchAndTimeoutVariables) {
    auto settings =
        resolve_exporter_settings(std::nullopt, {{"OTEL_BSP_MAX_QUEUE_SIZE", "100"},
                                                 {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "10"},
                                                 {"OTEL_BSP_SCHEDULE_DELAY", "250"},
                                                 {"OTEL_BSP_EXPORT_TIMEOUT", "7000"},
                                                 {"OTEL_EXPORTER_OTLP_TIMEOUT", "900"}});
    ASSERT_TRUE(settings);
    EXPECT_EQ(settings->queue_capacity, 100u);
    EXPECT_EQ(settings->max_batch, 10u);
    EXPECT_EQ(settings->schedule_delay, std::chrono::milliseconds(250));
    EXPECT_EQ(settings->export_timeout, std::chrono::milliseconds(7000));
    EXPECT_EQ(settings->attempt_timeout, std::chrono::milliseconds(900));

    auto traces = resolve_exporter_settings(
        std::nullopt,
        {{"OTEL_EXPORTER_OTLP_TIMEOUT", "900"}, {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "300"}});
    ASSERT_TRUE(traces);
    EXPECT_EQ(traces->attempt_timeout, std::chrono::milliseconds(300));
}

TEST(ResolveExporterSettings, KeepsDefaultsForInvalidNumbersAndCapsTheBatch) {
    auto settings =
        resolve_exporter_settings(std::nullopt, {{"OTEL_BSP_MAX_QUEUE_SIZE", "16"},
                                                 {"OTEL_BSP_SCHEDULE_DELAY", "soon"},
                                                 {"OTEL_BSP_EXPORT_TIMEOUT", "0"},
                                                 {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "-3"}});
    ASSERT_TRUE(settings);
    EXPECT_EQ(settings->queue_capacity, 16u);
    EXPECT_EQ(settings->max_batch, 16u);  // default 512, capped at the queue size
    EXPECT_EQ(settings->schedule_delay, std::chrono::milliseconds(1000));
    EXPECT_EQ(settings->export_timeout, std::chrono::milliseconds(30000));
}

TEST(ResolveExporterSettings, HeadersPreferTheTracesVariable) {
    auto generic = resolve_exporter_settings(std::nullopt, {{"OTEL_EXPORTER_OTLP_HEADERS", "a=1"}});
    ASSERT_TRUE(generic);
    EXPECT_EQ(generic->headers.get("a"), "1");
    auto traces = resolve_exporter_settings(
        std::nullopt,
        {{"OTEL_EXPORTER_OTLP_HEADERS", "a=1"}, {"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2"}});
    ASSERT_TRUE(traces);
    EXPECT_FALSE(traces->headers.contains("a"));
    EXPECT_EQ(traces->headers.get("b"), "2");
}

TEST(ParseOtlpHeaders, SplitsTrimsAndPercentDecodes) {
    auto headers = parse_otlp_headers(
        " api-key = secret%20value ,x-team=a%3Db%2Cc,,broken, =novalue,bad%zz=%4");
    ASSERT_EQ(headers.size(), 3u);
    EXPECT_EQ(headers.get("api-key"), "secret value");
    EXPECT_EQ(headers.get("x-team"), "a=b,c");
    EXPECT_EQ(headers.get("bad%zz"), "%4");  // malformed escapes stay literal
}

TEST(ParseEndpoint, SplitsUrls) {
    auto plain = parse_endpoint("http://collector:4318/v1/traces?x=1");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->tls);
    EXPECT_EQ(plain->host, "collector");
    EXPECT_EQ(plain->port, 4318);
    EXPECT_EQ(plain->path, "/v1/traces?x=1");
    EXPECT_EQ(plain->authority(), "collector:4318");

    auto secure = parse_endpoint("https://api.example.com/");
    ASSERT_TRUE(secure);
    EXPECT_TRUE(secure->tls);
    EXPECT_EQ(secure->port, 443);
    EXPECT_EQ(secure->path, "");

    auto v6 = parse_endpoint("http://[::1]:4317");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->authority(), "[::1]:4317");

    EXPECT_FALSE(parse_endpoint("grpc://x:1"));
    EXPECT_FALSE(parse_endpoint("http://x:0"));
    EXPECT_FALSE(parse_endpoint("http://:80"));
    EXPECT_FALSE(parse_endpoint("collector:4317"));
}

TEST(MakeExporter, BuildsTheConfiguredProtocolAndRejectsBadEndpoints) {
    ExporterSettings settings;
    settings.protocol = ExportProtocol::HttpProtobuf;
    settings.endpoint = "http://127.0.0.1:9/v1/traces";
    auto exporter = make_exporter(settings);
    ASSERT_TRUE(exporter);
    ASSERT_NE(*exporter, nullptr);
    (*exporter)->shutdown(std::chrono::steady_clock::now());

    settings.endpoint = "not a url";
    EXPECT_FALSE(make_exporter(settings));
}

}  // namespace
}  // namespace gw::exporter
