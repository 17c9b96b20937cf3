#include "gw/telemetry/request_metrics.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>
#include <vector>

namespace gw::telemetry {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

std::string render(const RequestMetrics& metrics) {
    std::string page;
    PrometheusText out(page);
    metrics.render(out);
    return page;
}

// The value of the sample line `series` (name and labels exactly as rendered), or -1.
double value_of(const std::string& page, const std::string& series) {
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
            line[series.size()] == ' ') {
            return std::stod(line.substr(series.size() + 1));
        }
    }
    return -1;
}

UpstreamOutcome ok(std::string provider_model, int64_t prompt, int64_t completion) {
    UpstreamOutcome o;
    o.provider_model = std::move(provider_model);
    o.status = 200;
    o.duration = 300ms;
    o.usage = llm::Usage{};
    o.usage->input_tokens = prompt;
    o.usage->output_tokens = completion;
    return o;
}

TEST(RequestMetrics, RendersOneUpstreamCallExactly) {
    RequestMetrics metrics(1);
    UpstreamOutcome call = ok("openai/gpt-4o", 12, 5);
    call.duration = 250ms;
    call.time_to_first_token = 50ms;
    call.usage->cached_input_tokens = 4;
    metrics.record_upstream(0, call);
    std::string page = render(metrics);

    std::string provider_model = R"(provider="openai",model="gpt-4o")";
    EXPECT_THAT(page, HasSubstr("# HELP plano_llm_upstream_requests_total Calls to LLM providers, "
                                "each counted once when it ends.\n"
                                "# TYPE plano_llm_upstream_requests_total counter\n"
                                "plano_llm_upstream_requests_total{" +
                                provider_model +
                                R"(,status_class="2xx",error_class="none"} 1)"
                                "\n# HELP plano_llm_upstream_duration_seconds"));
    EXPECT_THAT(page, HasSubstr("plano_llm_upstream_duration_seconds_bucket{" + provider_model +
                                ",le=\"0.1\"} 0\n"
                                "plano_llm_upstream_duration_seconds_bucket{" +
                                provider_model + ",le=\"0.25\"} 1\n"));
    EXPECT_THAT(page, HasSubstr("plano_llm_upstream_duration_seconds_bucket{" + provider_model +
                                ",le=\"+Inf\"} 1\n"
                                "plano_llm_upstream_duration_seconds_sum{" +
                                provider_model +
                                "} 0.25\n"
                                "plano_llm_upstream_duration_seconds_count{" +
                                provider_model + "} 1\n"));
    EXPECT_THAT(page, HasSubstr("plano_llm_time_to_first_token_seconds_bucket{" + provider_model +
                                ",le=\"0.05\"} 1\n"));
    EXPECT_THAT(page, HasSubstr("plano_llm_tokens_total{" + provider_model +
                                ",kind=\"prompt\"} 12\n"
                                "plano_llm_tokens_total{" +
                                provider_model +
                                ",kind=\"completion\"} 5\n"
                                "plano_llm_tokens_total{" +
                                provider_model +
                                ",kind=\"cache_read\"} 4\n"
                                "plano_llm_tokens_total{" +
                                provider_model + ",kind=\"cache_write\"} 0\n"));
    EXPECT_THAT(page,
                HasSubstr("plano_llm_tokens_usage_missing_total{" + provider_model + "} 0\n"));
}

TEST(RequestMetrics, ClassifiesFailuresOnceEach) {
    RequestMetrics metrics(1);
    UpstreamOutcome refused{.provider_model = "openai/gpt-4o",
                            .error = UpstreamErrorClass::Connect};
    UpstreamOutcome slow{.provider_model = "openai/gpt-4o", .error = UpstreamErrorClass::Timeout};
    UpstreamOutcome broken = ok("openai/gpt-4o", 1, 1);
    broken.error = UpstreamErrorClass::Stream;
    UpstreamOutcome rejected{.provider_model = "openai/gpt-4o", .status = 503};
    metrics.record_upstream(0, refused);
    metrics.record_upstream(0, slow);
    metrics.record_upstream(0, broken);
    metrics.record_upstream(0, rejected);
    std::string page = render(metrics);

    auto requests = [&](std::string_view status, std::string_view error) {
        return value_of(page,
                        fmt::format("plano_llm_upstream_requests_total{{provider=\"openai\","
                                    "model=\"gpt-4o\",status_class=\"{}\",error_class=\"{}\"}}",
                                    status, error));
    };
    EXPECT_EQ(requests("error", "connect"), 1);
    EXPECT_EQ(requests("error", "timeout"), 1);
    EXPECT_EQ(requests("2xx", "stream"), 1);
    EXPECT_EQ(requests("5xx", "none"), 1);
    // The broken stream is not counted a second time as a clean completion.
    EXPECT_EQ(requests("2xx", "none"), -1);
    EXPECT_EQ(value_of(page,
                       "plano_llm_upstream_duration_seconds_count{provider=\"openai\","
                       "model=\"gpt-4o\"}"),
              4);
    // Failed calls are not expected to report usage.
    EXPECT_EQ(value_of(page,
                       "plano_llm_tokens_usage_missing_total{provider=\"openai\","
                       "model=\"gpt-4o\"}"),
              0);
}

TEST(RequestMetrics, CountsSuccessWithoutUsageAsMissing) {
    RequestMetrics metrics(1);
    UpstreamOutcome call = ok("anthropic/claude", 0, 0);
    call.usage.reset();
    metrics.record_upstream(0, call);
    EXPECT_EQ(value_of(render(metrics),
                       "plano_llm_tokens_usage_missing_total{provider="
                       "\"anthropic\",model=\"claude\"}"),
              1);
}

TEST(RequestMetrics, SplitsProviderAtTheFirstSlashOnly) {
    RequestMetrics metrics(1);
    metrics.record_upstream(0, ok("ollama/library/llama3", 1, 1));
    metrics.record_upstream(0, ok("bare-model", 1, 1));
    std::string page = render(metrics);
    EXPECT_THAT(page, HasSubstr(R"({provider="ollama",model="library/llama3",status_class="2xx")"));
    EXPECT_THAT(page, HasSubstr(R"({provider="unknown",model="bare-model",status_class="2xx")"));
}

TEST(RequestMetrics, EscapesHostileModelNames) {
    RequestMetrics metrics(1);
    metrics.record_upstream(0, ok("p/a\"b\\c\nd", 1, 1));
    EXPECT_THAT(render(metrics), HasSubstr(R"(model="a\"b\\c\nd")"));
}

TEST(RequestMetrics, BoundsTheNumberOfModelsPerWorker) {
    RequestMetrics metrics(1, RequestMetricsLimits{.max_models_per_worker = 2});
    for (int i = 0; i < 5; ++i) metrics.record_upstream(0, ok(fmt::format("p/m{}", i), 1, 1));
    std::string page = render(metrics);
    auto series = [](std::string_view provider, std::string_view model) {
        return fmt::format(
            "plano_llm_upstream_duration_seconds_count{{provider=\"{}\",model=\"{}\"}}", provider,
            model);
    };
    EXPECT_EQ(value_of(page, series("p", "m0")), 1);
    EXPECT_EQ(value_of(page, series("p", "m1")), 1);
    EXPECT_EQ(value_of(page, series("p", "m2")), -1);
    EXPECT_EQ(value_of(page, series("other", "other")), 3);
}

TEST(RequestMetrics, RecordsHttpRequestsPerHandlerMethodAndStatusClass) {
    RequestMetrics metrics(2);
    {
        HttpRequestScope scope(metrics, 1, HttpHandler::LlmChat, "POST");
        EXPECT_EQ(value_of(render(metrics), R"(plano_http_in_flight_requests{handler="llm_chat"})"),
                  1);
        scope.set_status(200);
    }
    metrics.http_started(0, HttpHandler::NotFound);
    metrics.http_finished(0, HttpHandler::NotFound, "BREW", 404, 1ms);
    metrics.http_started(0, HttpHandler::Health);
    metrics.http_finished(0, HttpHandler::Health, "GET", 0, 1ms);
    std::string page = render(metrics);
    EXPECT_EQ(value_of(page, R"(plano_http_requests_total{handler="llm_chat",method="POST",)"
                             R"(status_class="2xx"})"),
              1);
    EXPECT_EQ(value_of(page, R"(plano_http_requests_total{handler="not_found",method="other",)"
                             R"(status_class="4xx"})"),
              1);
    EXPECT_EQ(value_of(page, R"(plano_http_requests_total{handler="health",method="GET",)"
                             R"(status_class="other"})"),
              1);
    EXPECT_EQ(value_of(page, R"(plano_http_in_flight_requests{handler="llm_chat"})"), 0);
    EXPECT_EQ(value_of(page, R"(plano_http_request_duration_seconds_count{handler="llm_chat"})"),
              1);
    EXPECT_EQ(value_of(page, R"(plano_http_request_duration_seconds_bucket{handler="not_found",)"
                             R"(le="0.005"})"),
              1);
    // A handler nobody called has no duration series but shows an idle in-flight gauge.
    EXPECT_THAT(page,
                Not(HasSubstr(R"(plano_http_request_duration_seconds_count{handler="metrics"})")));
    EXPECT_EQ(value_of(page, R"(plano_http_in_flight_requests{handler="metrics"})"), 0);
}

// Every worker writes its own shard while a scraper reads them all; the sums must be exact.
TEST(RequestMetrics, SumsShardsWrittenConcurrentlyExactly) {
    constexpr std::size_t kWorkers = 4;
    constexpr int kCalls = 20000;
    RequestMetrics metrics(kWorkers);
    std::atomic<bool> writing{true};
    std::thread scraper([&] {
        while (writing.load()) EXPECT_FALSE(render(metrics).empty());
    });
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < kWorkers; ++w) {
        workers.emplace_back([&metrics, w] {
            for (int i = 0; i < kCalls; ++i) {
                // Each worker also meets a model of its own, so shards differ in their entries.
                metrics.record_upstream(w, ok(i % 2 ? "openai/a" : fmt::format("p{}/b", w), 3, 2));
                metrics.http_started(w, HttpHandler::LlmChat);
                metrics.http_finished(w, HttpHandler::LlmChat, "POST", 200, 2ms);
            }
        });
    }
    for (auto& t : workers) t.join();
    writing = false;
    scraper.join();

    std::string page = render(metrics);
    EXPECT_EQ(value_of(page, R"(plano_llm_upstream_requests_total{provider="openai",model="a",)"
                             R"(status_class="2xx",error_class="none"})"),
              kWorkers * kCalls / 2);
    EXPECT_EQ(
        value_of(page, R"(plano_llm_tokens_total{provider="openai",model="a",kind="prompt"})"),
        3 * kWorkers * kCalls / 2);
    EXPECT_EQ(value_of(page, R"(plano_llm_upstream_duration_seconds_count{provider="openai",)"
                             R"(model="a"})"),
              kWorkers * kCalls / 2);
    for (std::size_t w = 0; w < kWorkers; ++w) {
        EXPECT_EQ(value_of(page, fmt::format("plano_llm_tokens_total{{provider=\"p{}\",model=\"b\","
                                             "kind=\"completion\"}}",
                                             w)),
                  2 * kCalls / 2);
    }
    EXPECT_EQ(value_of(page, R"(plano_http_requests_total{handler="llm_chat",method="POST",)"
                             R"(status_class="2xx"})"),
              kWorkers * kCalls);
    EXPECT_EQ(value_of(page, R"(plano_http_request_duration_seconds_bucket{handler="llm_chat",)"
                             R"(le="+Inf"})"),
              kWorkers * kCalls);
    EXPECT_EQ(value_of(page, R"(plano_http_in_flight_requests{handler="llm_chat"})"), 0);
}

}  // namespace
}  // namespace gw::telemetry
