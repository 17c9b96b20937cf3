#include "gw/telemetry/request_metrics.hpp"

#include "gw/telemetry/histogram.hpp"
#include "gw/telemetry/label_set_table.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <utility>

namespace gw::telemetry {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::array<std::string_view, 7> kHandlerNames = {
    "llm_chat", "list_models", "cors_preflight",  "not_found",
    "health",   "metrics",     "routing_decision"};
constexpr std::array<std::string_view, 8> kMethods = {"GET",   "POST", "PUT",     "DELETE",
                                                      "PATCH", "HEAD", "OPTIONS", "other"};
constexpr std::array<std::string_view, 6> kHttpStatusClasses = {"1xx", "2xx", "3xx",
                                                                "4xx", "5xx", "other"};
// Upstream calls add "error": no response head at all.
constexpr std::array<std::string_view, 7> kUpstreamStatusClasses = {"1xx", "2xx",   "3xx",  "4xx",
                                                                    "5xx", "other", "error"};
constexpr std::array<std::string_view, 5> kErrorClasses = {"none", "timeout", "connect", "stream",
                                                           "cancelled"};
constexpr std::array<std::string_view, 4> kTokenKinds = {"prompt", "completion", "cache_read",
                                                         "cache_write"};

constexpr std::size_t kHttpSeries = kMethods.size() * kHttpStatusClasses.size();
constexpr std::size_t kUpstreamSeries = kUpstreamStatusClasses.size() * kErrorClasses.size();

std::size_t method_index(std::string_view method) {
    for (std::size_t i = 0; i + 1 < kMethods.size(); ++i) {
        if (kMethods[i] == method) return i;
    }
    return kMethods.size() - 1;
}

// 1xx..5xx -> 0..4; anything else -> "other".
std::size_t status_class_index(int status) {
    if (status >= 100 && status < 600) return static_cast<std::size_t>(status / 100 - 1);
    return 5;
}

std::size_t upstream_status_index(int status) {
    return status == 0 ? kUpstreamStatusClasses.size() - 1 : status_class_index(status);
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void add_signed(std::atomic<std::int64_t>& cell, std::int64_t by) {
    cell.store(cell.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

// Tokens a provider reported; negative counts from a broken provider are ignored.
void add_tokens(std::atomic<std::uint64_t>& cell, const std::optional<int64_t>& tokens) {
    if (tokens && *tokens > 0) bump(cell, static_cast<std::uint64_t>(*tokens));
}

std::pair<std::string_view, std::string_view> split_provider_model(std::string_view name) {
    std::size_t slash = name.find('/');
    if (slash == std::string_view::npos) return {"unknown", name};
    return {name.substr(0, slash), name.substr(slash + 1)};
}

struct HandlerCell {
    std::array<std::atomic<std::uint64_t>, kHttpSeries> requests{};
    std::atomic<std::int64_t> in_flight{0};
    HistogramCell duration{kHttpDurationBuckets};
};

struct ModelCell {
    std::array<std::atomic<std::uint64_t>, kUpstreamSeries> requests{};
    HistogramCell duration{kUpstreamDurationBuckets};
    HistogramCell time_to_first_token{kTimeToFirstTokenBuckets};
    std::array<std::atomic<std::uint64_t>, kTokenKinds.size()> tokens{};
    std::atomic<std::uint64_t> usage_missing{0};
};

// A ModelCell summed over shards.
struct ModelTotals {
    std::array<std::uint64_t, kUpstreamSeries> requests{};
    HistogramSnapshot duration;
    HistogramSnapshot time_to_first_token;
    std::array<std::uint64_t, kTokenKinds.size()> tokens{};
    std::uint64_t usage_missing = 0;

    void add(const ModelCell& cell) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            requests[i] += cell.requests[i].load(std::memory_order_relaxed);
        }
        cell.duration.add_to(duration);
        cell.time_to_first_token.add_to(time_to_first_token);
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            tokens[i] += cell.tokens[i].load(std::memory_order_relaxed);
        }
        usage_missing += cell.usage_missing.load(std::memory_order_relaxed);
    }
};

using ModelKey = std::pair<std::string, std::string>;  // provider, model

}  // namespace

// Cache-line aligned so two workers never write the same line.
struct alignas(64) RequestMetrics::Shard {
    explicit Shard(std::size_t max_models) : models(max_models, "other") {}

    std::array<HandlerCell, kHandlerNames.size()> handlers;
    LabelSetTable<ModelCell, 2> models;
};

RequestMetrics::RequestMetrics(std::size_t workers, RequestMetricsLimits limits) {
    for (std::size_t i = 0; i < workers; ++i) {
        shards_.push_back(std::make_unique<Shard>(limits.max_models_per_worker));
    }
}

RequestMetrics::~RequestMetrics() = default;

void RequestMetrics::http_started(std::size_t worker, HttpHandler handler) {
    add_signed(shards_[worker]->handlers[static_cast<std::size_t>(handler)].in_flight, 1);
}

void RequestMetrics::http_finished(std::size_t worker, HttpHandler handler, std::string_view method,
                                   int status, Clock::duration duration) {
    HandlerCell& cell = shards_[worker]->handlers[static_cast<std::size_t>(handler)];
    add_signed(cell.in_flight, -1);
    bump(cell.requests[method_index(method) * kHttpStatusClasses.size() +
                       status_class_index(status)]);
    cell.duration.observe(seconds(duration));
}

void RequestMetrics::record_upstream(std::size_t worker, const UpstreamOutcome& outcome) {
    auto [provider, model] = split_provider_model(outcome.provider_model);
    ModelCell& cell = shards_[worker]->models.at({provider, model});
    bump(cell.requests[upstream_status_index(outcome.status) * kErrorClasses.size() +
                       static_cast<std::size_t>(outcome.error)]);
    cell.duration.observe(seconds(outcome.duration));
    if (outcome.time_to_first_token) {
        cell.time_to_first_token.observe(seconds(*outcome.time_to_first_token));
    }
    if (outcome.usage) {
        add_tokens(cell.tokens[0], outcome.usage->input_tokens);
        add_tokens(cell.tokens[1], outcome.usage->output_tokens);
        add_tokens(cell.tokens[2], outcome.usage->cached_input_tokens);
        add_tokens(cell.tokens[3], outcome.usage->cache_creation_input_tokens);
    } else if (outcome.status >= 200 && outcome.status < 300) {
        // Only a successful answer is expected to report usage.
        bump(cell.usage_missing);
    }
}

void RequestMetrics::render(PrometheusText& out) const {
    render_http(out);
    render_upstream(out);
}

void RequestMetrics::render_http(PrometheusText& out) const {
    std::array<std::array<std::uint64_t, kHttpSeries>, kHandlerNames.size()> requests{};
    std::array<std::int64_t, kHandlerNames.size()> in_flight{};
    std::array<HistogramSnapshot, kHandlerNames.size()> durations;
    for (const auto& shard : shards_) {
        for (std::size_t h = 0; h < kHandlerNames.size(); ++h) {
            const HandlerCell& cell = shard->handlers[h];
            for (std::size_t i = 0; i < kHttpSeries; ++i) {
                requests[h][i] += cell.requests[i].load(std::memory_order_relaxed);
            }
            in_flight[h] += cell.in_flight.load(std::memory_order_relaxed);
            cell.duration.add_to(durations[h]);
        }
    }

    out.family("plano_http_requests_total", MetricType::Counter,
               "HTTP requests served by the model listener, by handler, method and status class.");
    for (std::size_t h = 0; h < kHandlerNames.size(); ++h) {
        for (std::size_t i = 0; i < kHttpSeries; ++i) {
            if (requests[h][i] == 0) continue;
            out.sample("plano_http_requests_total",
                       {{"handler", kHandlerNames[h]},
                        {"method", kMethods[i / kHttpStatusClasses.size()]},
                        {"status_class", kHttpStatusClasses[i % kHttpStatusClasses.size()]}},
                       requests[h][i]);
        }
    }
    out.family("plano_http_request_duration_seconds", MetricType::Histogram,
               "Time from the request being read to its response being complete.");
    for (std::size_t h = 0; h < kHandlerNames.size(); ++h) {
        if (durations[h].count() == 0) continue;
        Label handler{"handler", kHandlerNames[h]};
        out.histogram("plano_http_request_duration_seconds", Labels(&handler, 1),
                      kHttpDurationBuckets, durations[h]);
    }
    out.family("plano_http_in_flight_requests", MetricType::Gauge,
               "HTTP requests being served right now.");
    for (std::size_t h = 0; h < kHandlerNames.size(); ++h) {
        out.sample("plano_http_in_flight_requests", {{"handler", kHandlerNames[h]}},
                   static_cast<double>(in_flight[h]));
    }
}

void RequestMetrics::render_upstream(PrometheusText& out) const {
    std::map<ModelKey, ModelTotals> totals;
    for (const auto& shard : shards_) {
        shard->models.for_each([&totals](const auto& entry) {
            totals[ModelKey(entry.labels[0], entry.labels[1])].add(entry.cell);
        });
    }

    out.family("plano_llm_upstream_requests_total", MetricType::Counter,
               "Calls to LLM providers, each counted once when it ends.");
    for (const auto& [key, model] : totals) {
        for (std::size_t i = 0; i < kUpstreamSeries; ++i) {
            if (model.requests[i] == 0) continue;
            out.sample("plano_llm_upstream_requests_total",
                       {{"provider", key.first},
                        {"model", key.second},
                        {"status_class", kUpstreamStatusClasses[i / kErrorClasses.size()]},
                        {"error_class", kErrorClasses[i % kErrorClasses.size()]}},
                       model.requests[i]);
        }
    }
    out.family("plano_llm_upstream_duration_seconds", MetricType::Histogram,
               "Time from sending a provider request to the last byte relayed to the client.");
    for (const auto& [key, model] : totals) {
        std::array<Label, 2> labels{{{"provider", key.first}, {"model", key.second}}};
        out.histogram("plano_llm_upstream_duration_seconds", labels, kUpstreamDurationBuckets,
                      model.duration);
    }
    out.family("plano_llm_time_to_first_token_seconds", MetricType::Histogram,
               "Time from sending a streaming provider request to its first response byte.");
    for (const auto& [key, model] : totals) {
        std::array<Label, 2> labels{{{"provider", key.first}, {"model", key.second}}};
        out.histogram("plano_llm_time_to_first_token_seconds", labels, kTimeToFirstTokenBuckets,
                      model.time_to_first_token);
    }
    out.family("plano_llm_tokens_total", MetricType::Counter,
               "Tokens reported in provider usage, by kind.");
    for (const auto& [key, model] : totals) {
        for (std::size_t k = 0; k < kTokenKinds.size(); ++k) {
            out.sample("plano_llm_tokens_total",
                       {{"provider", key.first}, {"model", key.second}, {"kind", kTokenKinds[k]}},
                       model.tokens[k]);
        }
    }
    out.family("plano_llm_tokens_usage_missing_total", MetricType::Counter,
               "Successful provider responses that reported no token usage.");
    for (const auto& [key, model] : totals) {
        out.sample("plano_llm_tokens_usage_missing_total",
                   {{"provider", key.first}, {"model", key.second}}, model.usage_missing);
    }
}

HttpRequestScope::HttpRequestScope(RequestMetrics& metrics, std::size_t worker, HttpHandler handler,
                                   std::string_view method)
    : metrics_(metrics),
      worker_(worker),
      handler_(handler),
      method_(method),
      started_(Clock::now()) {
    metrics_.http_started(worker_, handler_);
}

HttpRequestScope::~HttpRequestScope() {
    metrics_.http_finished(worker_, handler_, method_, status_, Clock::now() - started_);
}

}  // namespace gw::telemetry
