// GET /metrics end to end: a real Gateway (two workers) in front of the in-process mock provider,
// scraped over HTTP and checked line by line as Prometheus text.

#include "gw/json/usage.hpp"
#include "gw/mock/mock_provider.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace gw::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Sample values by series ("name{labels}" exactly as rendered), plus every way the page breaks
// the text format 0.0.4: malformed lines, samples outside their declared family, duplicate
// series, histograms whose buckets are not cumulative or disagree with their _count.
struct ParsedPage {
    std::map<std::string, double> samples;
    std::vector<std::string> errors;

    // -1 when the series is absent.
    [[nodiscard]] double operator[](const std::string& series) const {
        auto found = samples.find(series);
        return found == samples.end() ? -1 : found->second;
    }
};

std::optional<double> parse_value(const std::string& text) {
    if (text == "+Inf") return HUGE_VAL;
    if (text == "-Inf") return -HUGE_VAL;
    if (text == "NaN") return std::nan("");
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
    return value;
}

// The family a sample belongs to, given the family's type.
bool belongs_to(const std::string& sample, const std::string& family, const std::string& type) {
    if (sample == family) return type != "histogram";
    if (type != "histogram") return false;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        if (sample == family + suffix) return true;
    }
    return false;
}

ParsedPage parse_prometheus_text(const std::string& page) {
    static const std::regex kMeta(R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*))");
    static const std::regex kSample(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+))");
    static const std::regex kLabel(R"(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)\")");
    static const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary",
                                                 "untyped"};
    ParsedPage parsed;
    std::string family, type;
    std::set<std::string> typed;
    std::map<std::string, double> last_bucket;  // histogram series without le -> cumulative count
    if (!page.empty() && page.back() != '\n') parsed.errors.push_back("no final newline");
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, m, kMeta)) {
            if (m[1] == "TYPE") {
                if (!kTypes.contains(m[3].str())) parsed.errors.push_back("bad type: " + line);
                if (!typed.insert(m[2].str()).second) {
                    parsed.errors.push_back("type twice: " + line);
                }
                family = m[2].str();
                type = m[3].str();
            }
            continue;
        }
        if (!std::regex_match(line, m, kSample)) {
            parsed.errors.push_back("malformed: " + line);
            continue;
        }
        std::string name = m[1].str(), labels = m[3].str(), series = name + m[2].str();
        auto value = parse_value(m[4].str());
        if (!value) parsed.errors.push_back("bad value: " + line);
        if (!belongs_to(name, family, type)) parsed.errors.push_back("outside family: " + line);
        std::string rest = labels, le, others;
        for (std::smatch l; std::regex_search(rest, l, kLabel);) {
            if (l.position(0) != 0) break;
            if (l[1] == "le") {
                le = l[2].str();
            } else {
                others += l[0].str() + ",";
            }
            rest = l.suffix().str();
            if (!rest.empty() && rest[0] == ',') rest.erase(0, 1);
        }
        if (!rest.empty()) parsed.errors.push_back("bad labels: " + line);
        if (!parsed.samples.emplace(series, value.value_or(0)).second) {
            parsed.errors.push_back("duplicate series: " + line);
        }
        std::string histogram_key = family + "{" + others + "}";
        if (name == family + "_bucket") {
            if (le.empty()) parsed.errors.push_back("bucket without le: " + line);
            if (value && *value < last_bucket[histogram_key]) {
                parsed.errors.push_back("not cumulative: " + line);
            }
            last_bucket[histogram_key] = value.value_or(0);
            if (le == "+Inf") last_bucket[histogram_key + "+Inf"] = value.value_or(0);
        }
        if (name == family + "_count" && last_bucket[histogram_key + "+Inf"] != value) {
            parsed.errors.push_back("+Inf bucket differs from _count: " + line);
        }
    }
    return parsed;
}

TEST(PrometheusTextValidator, CatchesBrokenPages) {
    EXPECT_THAT(parse_prometheus_text("# TYPE a counter\na 1\n").errors, IsEmpty());
    EXPECT_THAT(parse_prometheus_text("# TYPE a counter\nb 1\n").errors, Not(IsEmpty()));
    EXPECT_THAT(parse_prometheus_text("# TYPE a counter\na{x=\"1} 1\n").errors, Not(IsEmpty()));
    EXPECT_THAT(parse_prometheus_text("# TYPE a counter\na one\n").errors, Not(IsEmpty()));
    EXPECT_THAT(parse_prometheus_text("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                                      "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")
                    .errors,
                Not(IsEmpty()));
}

std::string two_model_yaml(const std::string& base_url, const std::string& extra = {}) {
    return fmt::format(R"(version: v0.4.0
listeners:
  - name: llm
    type: model
    port: 12000
model_providers:
  - model: openai/gpt-4o-mini
    access_key: test-key
    base_url: {0}
    default: true
  - model: openai/gpt-4o
    access_key: test-key
    base_url: {0}
{1})",
                       base_url, extra);
}

Headers header(const std::string& name, const std::string& value) {
    Headers h;
    h.add(name, value);
    return h;
}

std::string streaming_body_with_usage(const std::string& model) {
    return fmt::format(R"({{"model":"{}","messages":[{{"role":"user","content":"count to five"}}],)"
                       R"("stream":true,"stream_options":{{"include_usage":true}}}})",
                       model);
}

// Usage the client saw: the JSON body's, or that of the SSE event carrying it.
llm::Usage usage_in(const std::string& body) {
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("data: ") && line.find("\"usage\"") != std::string::npos) {
            if (auto usage = json::extract_usage(line.substr(6))) return *usage;
        }
    }
    return json::extract_usage(body).value_or(llm::Usage{});
}

// Scrapes until `done` holds for a page (metrics are recorded just after the response leaves, so
// a scrape can overtake the last request by a moment) or the deadline passes; returns the last.
// One keep-alive connection: each scrape has ended, on the same worker, before the next starts.
ParsedPage scrape_until(uint16_t port, const std::function<bool(const ParsedPage&)>& done) {
    TestConnection scraper(port);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
        TestResponse response = scraper.request("GET", "/metrics");
        EXPECT_EQ(response.status, 200);
        ParsedPage page = parse_prometheus_text(response.body);
        if (done(page) || std::chrono::steady_clock::now() > deadline) return page;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string upstream(const std::string& model, const std::string& status_class,
                     const std::string& error_class = "none") {
    return fmt::format(
        R"(plano_llm_upstream_requests_total{{provider="openai",model="{}",status_class="{}",)"
        R"(error_class="{}"}})",
        model, status_class, error_class);
}

std::string per_model(const std::string& name, const std::string& model,
                      const std::string& more = {}) {
    return fmt::format(R"({}{{provider="openai",model="{}"{}}})", name, model, more);
}

class MetricsTest : public ::testing::Test {
  protected:
    void SetUp() override { mock_ = mock::MockProvider::start({}); }
    std::unique_ptr<mock::MockProvider> mock_;
};

TEST_F(MetricsTest, CountsRequestsTokensAndLatencyPerProviderAndModel) {
    auto gw = RunningGateway::start(two_model_yaml(mock_->base_url()));
    ASSERT_TRUE(gw);
    constexpr int kOk = 5, kErrors = 3, kStreams = 4;
    int64_t prompt = 0, completion = 0;
    for (int i = 0; i < kOk; ++i) {
        auto response = http_post(gw->port(), "/v1/chat/completions",
                                  chat_body("gpt-4o-mini", false, fmt::format("hello {}", i)));
        ASSERT_EQ(response.status, 200);
        llm::Usage usage = usage_in(response.body);
        prompt += usage.input_tokens.value_or(0);
        completion += usage.output_tokens.value_or(0);
    }
    for (int i = 0; i < kErrors; ++i) {
        ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("openai/gpt-4o"),
                            header("x-mock-status", "500"))
                      .status,
                  500);
    }
    for (int i = 0; i < kStreams; ++i) {
        auto response =
            http_post(gw->port(), "/v1/chat/completions", streaming_body_with_usage("gpt-4o-mini"));
        ASSERT_EQ(response.status, 200);
        llm::Usage usage = usage_in(response.body);
        ASSERT_TRUE(usage.input_tokens);
        prompt += *usage.input_tokens;
        completion += usage.output_tokens.value_or(0);
    }
    // A stream that never asked for usage has none to report.
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini", true)).status,
              200);
    constexpr int kMini = kOk + kStreams + 1;
    ASSERT_GT(prompt, 0);

    const std::string chat_ok =
        R"(plano_http_requests_total{handler="llm_chat",method="POST",status_class="2xx"})";
    const std::string chat_failed =
        R"(plano_http_requests_total{handler="llm_chat",method="POST",status_class="5xx"})";
    ParsedPage page = scrape_until(gw->port(), [&](const ParsedPage& p) {
        return p[chat_ok] + p[chat_failed] == kMini + kErrors &&
               p[per_model("plano_llm_upstream_duration_seconds_count", "gpt-4o-mini")] +
                       p[per_model("plano_llm_upstream_duration_seconds_count", "gpt-4o")] ==
                   kMini + kErrors;
    });
    EXPECT_THAT(page.errors, IsEmpty());

    EXPECT_EQ(page[upstream("gpt-4o-mini", "2xx")], kMini);
    EXPECT_EQ(page[upstream("gpt-4o", "5xx")], kErrors);
    EXPECT_EQ(page[upstream("gpt-4o", "2xx")], -1);
    EXPECT_EQ(page[per_model("plano_llm_tokens_total", "gpt-4o-mini", R"(,kind="prompt")")],
              static_cast<double>(prompt));
    EXPECT_EQ(page[per_model("plano_llm_tokens_total", "gpt-4o-mini", R"(,kind="completion")")],
              static_cast<double>(completion));
    EXPECT_EQ(page[per_model("plano_llm_tokens_usage_missing_total", "gpt-4o-mini")], 1);
    EXPECT_EQ(page[per_model("plano_llm_tokens_usage_missing_total", "gpt-4o")], 0);
    EXPECT_EQ(page[per_model("plano_llm_upstream_duration_seconds_count", "gpt-4o-mini")], kMini);
    EXPECT_EQ(page[per_model("plano_llm_upstream_duration_seconds_bucket", "gpt-4o-mini",
                             R"(,le="+Inf")")],
              kMini);
    EXPECT_EQ(page[per_model("plano_llm_time_to_first_token_seconds_count", "gpt-4o-mini")],
              kStreams + 1);
    EXPECT_EQ(page[per_model("plano_llm_time_to_first_token_seconds_count", "gpt-4o")], 0);

    EXPECT_EQ(page[chat_ok], kMini);
    EXPECT_EQ(page[chat_failed], kErrors);
    EXPECT_EQ(page[R"(plano_http_request_duration_seconds_count{handler="llm_chat"})"],
              kMini + kErrors);
    EXPECT_EQ(page[R"(plano_http_in_flight_requests{handler="llm_chat"})"], 0);
    // The scrape that rendered this page was itself in flight.
    EXPECT_EQ(page[R"(plano_http_in_flight_requests{handler="metrics"})"], 1);

    EXPECT_EQ(page["plano_spans_exported_total"], 0);
    EXPECT_EQ(page["plano_spans_dropped_total"], 0);
    EXPECT_EQ(page["plano_span_export_errors_total"], 0);
    EXPECT_EQ(page["plano_span_export_queue_size"], 0);
    EXPECT_EQ(page[R"(plano_build_info{version="0.1.0"})"], 1);
    EXPECT_GT(page["process_resident_memory_bytes"], 0);
    EXPECT_GT(page["process_open_fds"], 0);
    EXPECT_GE(page["process_cpu_seconds_total"], 0);
}

TEST_F(MetricsTest, ServesPrometheusContentTypeAndCountsEveryHandler) {
    auto gw = RunningGateway::start(two_model_yaml(mock_->base_url()));
    ASSERT_TRUE(gw);
    EXPECT_EQ(http_get(gw->port(), "/healthz").status, 200);
    EXPECT_EQ(http_get(gw->port(), "/v1/models").status, 200);
    EXPECT_EQ(http_get(gw->port(), "/nowhere").status, 404);
    EXPECT_EQ(http_post(gw->port(), "/metrics", "").status, 405);
    TestConnection connection(gw->port());
    EXPECT_EQ(connection.request("OPTIONS", "/v1/chat/completions").status, 204);
    TestResponse first = http_get(gw->port(), "/metrics");
    EXPECT_EQ(first.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");

    auto count = [](const std::string& handler, const std::string& method,
                    const std::string& status_class) {
        return fmt::format(
            R"(plano_http_requests_total{{handler="{}",method="{}",status_class="{}"}})", handler,
            method, status_class);
    };
    ParsedPage page = scrape_until(
        gw->port(), [&](const ParsedPage& p) { return p[count("metrics", "GET", "2xx")] >= 1; });
    EXPECT_THAT(page.errors, IsEmpty());
    EXPECT_EQ(page[count("health", "GET", "2xx")], 1);
    EXPECT_EQ(page[count("list_models", "GET", "2xx")], 1);
    EXPECT_EQ(page[count("not_found", "GET", "4xx")], 1);
    EXPECT_EQ(page[count("not_found", "POST", "4xx")], 1);
    EXPECT_EQ(page[count("cors_preflight", "OPTIONS", "2xx")], 1);
    // No model was called, so no upstream series exist yet.
    EXPECT_THAT(first.body, Not(HasSubstr("plano_llm_upstream_requests_total{")));
}

TEST_F(MetricsTest, CountsUnreachableProvidersAsConnectErrors) {
    auto gw = RunningGateway::start(two_model_yaml("http://127.0.0.1:1/v1"));
    ASSERT_TRUE(gw);
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o")).status, 502);
    ParsedPage page = scrape_until(gw->port(), [&](const ParsedPage& p) {
        return p[upstream("gpt-4o", "error", "connect")] == 1;
    });
    EXPECT_EQ(page[upstream("gpt-4o", "error", "connect")], 1);
    EXPECT_EQ(page[per_model("plano_llm_upstream_duration_seconds_count", "gpt-4o")], 1);
}

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

TEST_F(MetricsTest, UnreachableCollectorShowsAsExportErrorsWhileRequestsSucceed) {
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:1/v1/traces");
    ScopedEnv protocol("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    ScopedEnv delay("OTEL_BSP_SCHEDULE_DELAY", "20");
    auto gw = RunningGateway::start(
        two_model_yaml(mock_->base_url(), "tracing:\n  random_sampling: 100\n"));
    ASSERT_TRUE(gw);
    constexpr int kRequests = 10;
    for (int i = 0; i < kRequests; ++i) {
        ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini")).status,
                  200);
    }
    ParsedPage page = scrape_until(gw->port(), [&](const ParsedPage& p) {
        return (p["plano_span_export_errors_total"] > 0 || p["plano_spans_dropped_total"] > 0) &&
               p[upstream("gpt-4o-mini", "2xx")] == kRequests;
    });
    EXPECT_THAT(page.errors, IsEmpty());
    EXPECT_GT(page["plano_span_export_errors_total"] + page["plano_spans_dropped_total"], 0);
    EXPECT_EQ(page["plano_spans_exported_total"], 0);
    EXPECT_EQ(page[upstream("gpt-4o-mini", "2xx")], kRequests);
}

}  // namespace
}  // namespace gw::testing
