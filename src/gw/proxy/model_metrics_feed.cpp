#include "gw/proxy/model_metrics_feed.hpp"

#include "gw/base/log.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/providers/base_url.hpp"
#include "gw/routing/metrics_sources.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kModelsDevUrl = "https://models.dev/api.json";
constexpr std::string_view kDigitalOceanUrl =
    "https://api.digitalocean.com/v2/gen-ai/models/catalog";
// The reference's client: 5 s to connect, 30 s for the whole fetch.
constexpr http::CallTimeouts kCallTimeouts{.connect = 5s, .response = 30s};
constexpr std::chrono::seconds kFetchDeadline{30};
// The catalogues are a few MiB; the bound keeps a misconfigured URL from filling memory.
constexpr std::size_t kMaxDocumentBytes = 32 * 1024 * 1024;
constexpr std::size_t kLoggedBodyBytes = 200;

// Parses a fetched document into its part of the metrics, leaving the other part alone.
using ApplyDocument = std::function<Result<void>(std::string_view, routing::ModelMetrics&)>;

struct Source {
    std::string name;       // "cost (models.dev)", for the logs
    std::string shown_url;  // without the query, for the logs
    Result<http::UpstreamRequest> request;
    std::optional<std::chrono::seconds> refresh;
    ApplyDocument apply;
    // Worker-affine: the timers the source's loop waits on now, so that stop() can cut it short.
    asio::steady_timer* sleeping = nullptr;  // between fetches
    asio::steady_timer* deadline = nullptr;  // of the fetch in flight
};

}  // namespace

struct ModelMetricsFeed::State {
    State(asio::io_context& worker, http::UpstreamClient& upstream)
        : context(worker), client(upstream) {}

    asio::io_context& context;
    http::UpstreamClient& client;
    std::vector<Source> sources;  // fixed once constructed

    // A mutex, not worker affinity: request workers on other threads read the snapshot.
    mutable std::mutex metrics_mutex;
    std::shared_ptr<const routing::ModelMetrics> metrics =
        std::make_shared<const routing::ModelMetrics>();
    std::atomic<uint64_t> fetches{0};
    std::atomic<uint64_t> failures{0};

    // start() blocks on its caller's thread until the worker has done the first fetches.
    std::mutex first_mutex;
    std::condition_variable first_done;
    std::size_t first_pending = 0;

    std::atomic<bool> started{false};
    std::atomic<bool> stop_requested{false};
    bool stopping = false;  // worker-affine

    [[nodiscard]] std::shared_ptr<const routing::ModelMetrics> snapshot() const {
        std::lock_guard lock(metrics_mutex);
        return metrics;
    }

    // Copy, change, publish: safe without holding the lock throughout because every source
    // runs on this one worker, so there is a single writer.
    Result<void> merge(const Source& source, std::string_view document) {
        routing::ModelMetrics next = *snapshot();
        if (Result<void> applied = source.apply(document, next); !applied) return applied;
        auto published = std::make_shared<const routing::ModelMetrics>(std::move(next));
        std::lock_guard lock(metrics_mutex);
        metrics = std::move(published);
        return {};
    }

    void first_fetch_over() {
        std::lock_guard lock(first_mutex);
        --first_pending;
        first_done.notify_all();
    }
};

namespace {

using State = ModelMetricsFeed::State;

std::string without_query(std::string_view url) {
    return std::string(url.substr(0, url.find('?')));
}

// A GET of `url`. parse_base_url keeps only the path, so the query is split off and put back.
Result<http::UpstreamRequest> get_request(std::string_view url) {
    const std::size_t query_at = std::min(url.find('?'), url.size());
    Result<providers::BaseUrl> base = providers::parse_base_url(url.substr(0, query_at));
    if (!base) return base.error();
    const providers::Origin& origin = base->origin;
    http::UpstreamRequest request;
    request.origin = {origin.tls, origin.host, origin.port};
    request.method = "GET";
    request.target = base->path_prefix.value_or("/");
    request.target.append(url.substr(query_at));
    request.host_header = providers::host_header_for(origin);
    request.headers.add("Accept", "application/json");
    request.headers.add("Accept-Encoding", "identity");  // the client does not inflate
    return request;
}

Source cost_source(config::CostSource cost) {
    const bool digitalocean = cost.provider == "digitalocean";
    const std::string url =
        cost.url ? *cost.url : std::string(digitalocean ? kDigitalOceanUrl : kModelsDevUrl);
    ApplyDocument apply = [digitalocean, aliases = std::move(cost.model_aliases)](
                              std::string_view document,
                              routing::ModelMetrics& metrics) -> Result<void> {
        auto prices = digitalocean ? routing::parse_digitalocean(document, aliases)
                                   : routing::parse_models_dev(document, aliases);
        if (!prices) return prices.error();
        metrics.prices = std::move(*prices);
        return {};
    };
    return Source{.name = fmt::format("cost ({})", cost.provider),
                  .shown_url = without_query(url),
                  .request = get_request(url),
                  .refresh = cost.refresh_interval,
                  .apply = std::move(apply)};
}

Source latency_source(const config::LatencySource& latency) {
    std::string_view base = latency.url;
    while (base.ends_with('/')) base.remove_suffix(1);
    const std::string url =
        fmt::format("{}/api/v1/query?query={}", base,
                    boost::urls::encode(latency.query, boost::urls::unreserved_chars));
    ApplyDocument apply = [](std::string_view document,
                             routing::ModelMetrics& metrics) -> Result<void> {
        auto values = routing::parse_prometheus(document);
        if (!values) return values.error();
        metrics.latency = std::move(*values);
        return {};
    };
    return Source{.name = "latency (prometheus)",
                  .shown_url = without_query(url),
                  .request = get_request(url),
                  .refresh = latency.refresh_interval,
                  .apply = std::move(apply)};
}

Error too_large() {
    return Error::limit(fmt::format("the document exceeds {} MiB", kMaxDocumentBytes >> 20));
}

// The whole answer to a GET; anything but a 2xx is an error that quotes the start of the body.
asio::awaitable<Result<std::string>> read_document(http::UpstreamCall& call,
                                                   http::UpstreamRequest request) {
    Result<http::ResponseHead> head = co_await call.start(std::move(request), kCallTimeouts);
    if (!head) co_return head.error();
    if (head->content_length && *head->content_length > kMaxDocumentBytes) {
        call.abort();
        co_return too_large();
    }
    std::string body;
    for (;;) {
        Result<std::string_view> slice = co_await call.read_body();
        if (!slice) co_return slice.error();
        if (slice->empty()) break;
        if (slice->size() > kMaxDocumentBytes - body.size()) {
            call.abort();
            co_return too_large();
        }
        body.append(*slice);
    }
    if (head->status < 200 || head->status > 299) {
        co_return Error::protocol(
            fmt::format("answered {}: {}", head->status, body.substr(0, kLoggedBodyBytes)));
    }
    co_return body;
}

// Runs beside the read in fetch_document and ends the race when the deadline passes or stop()
// cancels the timer. Aborting makes a pending read fail at once; a call still connecting has
// nothing to abort yet, and the race's cancellation of the read ends it instead. When the read
// finished first, abort() finds nothing left to close.
asio::awaitable<void> abort_when_due(asio::steady_timer& deadline, http::UpstreamCall& call) {
    co_await deadline.async_wait(use_nothrow);
    call.abort();
}

// One fetch bounded by kFetchDeadline overall, not only per read like the call's own timeouts.
asio::awaitable<Result<std::string>> fetch_document(http::UpstreamClient& client, Source& source) {
    using namespace asio::experimental::awaitable_operators;
    if (!source.request) co_return source.request.error();
    http::UpstreamCall call(client);
    asio::steady_timer deadline(co_await asio::this_coro::executor, kFetchDeadline);
    source.deadline = &deadline;
    auto read = read_document(call, *source.request);
    auto watchdog = abort_when_due(deadline, call);
    auto race = std::move(read) || std::move(watchdog);
    std::variant<Result<std::string>, std::monostate> outcome = co_await std::move(race);
    source.deadline = nullptr;
    if (outcome.index() == 1) {
        co_return Error::timeout(
            fmt::format("no complete answer within {} s", kFetchDeadline.count()));
    }
    co_return std::get<0>(std::move(outcome));
}

asio::awaitable<void> refresh(State& state, Source& source) {
    state.fetches.fetch_add(1, std::memory_order_relaxed);
    Result<std::string> document = co_await fetch_document(state.client, source);
    if (state.stopping) co_return;  // stop() aborted it; not a failure of the source
    Result<void> applied =
        document ? state.merge(source, *document) : Result<void>(document.error());
    if (applied) {
        log::debug("model_metrics_sources: {} updated from {}", source.name, source.shown_url);
        co_return;
    }
    state.failures.fetch_add(1, std::memory_order_relaxed);
    log::warn("model_metrics_sources: {} from {} failed, keeping the previous data: {}",
              source.name, source.shown_url, applied.error().message);
}

// Tells start() that one source's first fetch is over however its loop ends, including when
// the context is torn down with the loop still pending.
class FirstFetchNotice {
  public:
    explicit FirstFetchNotice(State& state) : state_(&state) {}
    ~FirstFetchNotice() { give(); }
    FirstFetchNotice(const FirstFetchNotice&) = delete;
    FirstFetchNotice& operator=(const FirstFetchNotice&) = delete;

    void give() {
        if (state_ == nullptr) return;
        state_->first_fetch_over();
        state_ = nullptr;
    }

  private:
    State* state_;
};

asio::awaitable<void> run_source(std::shared_ptr<State> state, std::size_t index) {
    FirstFetchNotice notice(*state);
    Source& source = state->sources[index];
    if (state->stopping) co_return;
    co_await refresh(*state, source);
    notice.give();
    if (!source.refresh) co_return;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    while (!state->stopping) {
        pause.expires_after(*source.refresh);
        source.sleeping = &pause;
        co_await pause.async_wait(use_nothrow);
        source.sleeping = nullptr;
        if (state->stopping) break;
        co_await refresh(*state, source);
    }
}

// Worker-affine.
void interrupt(State& state) {
    state.stopping = true;
    for (Source& source : state.sources) {
        if (source.sleeping != nullptr) source.sleeping->cancel();
        if (source.deadline != nullptr) source.deadline->cancel();
    }
}

// The loops report failures as values; an exception reaching here is a bug, logged, not lost.
void log_if_thrown(const std::exception_ptr& thrown) {
    if (!thrown) return;
    try {
        std::rethrow_exception(thrown);
    } catch (const std::exception& e) {
        log::error("model_metrics_sources: fetch loop ended by an exception: {}", e.what());
    }
}

}  // namespace

ModelMetricsFeed::ModelMetricsFeed(config::ModelMetricsSources sources,
                                   boost::asio::io_context& context, http::UpstreamClient& client)
    : state_(std::make_shared<State>(context, client)) {
    if (sources.cost) state_->sources.push_back(cost_source(std::move(*sources.cost)));
    if (sources.latency) state_->sources.push_back(latency_source(*sources.latency));
}

ModelMetricsFeed::~ModelMetricsFeed() { stop(); }

void ModelMetricsFeed::start(std::chrono::milliseconds first_fetch_limit) {
    State& state = *state_;
    if (state.started.exchange(true) || state.sources.empty()) return;
    {
        std::lock_guard lock(state.first_mutex);
        state.first_pending = state.sources.size();
    }
    for (std::size_t i = 0; i < state.sources.size(); ++i) {
        asio::co_spawn(state.context, run_source(state_, i), log_if_thrown);
    }
    std::unique_lock lock(state.first_mutex);
    if (!state.first_done.wait_for(lock, first_fetch_limit,
                                   [&state] { return state.first_pending == 0; })) {
        log::warn(
            "model_metrics_sources: first fetch not finished after {} ms; serving without its "
            "metrics until it is",
            first_fetch_limit.count());
    }
}

void ModelMetricsFeed::stop() {
    if (state_->stop_requested.exchange(true)) return;
    asio::post(state_->context, [state = state_] { interrupt(*state); });
}

std::shared_ptr<const routing::ModelMetrics> ModelMetricsFeed::current() const {
    return state_->snapshot();
}

ModelMetricsFeed::Stats ModelMetricsFeed::stats() const {
    return {state_->fetches.load(std::memory_order_relaxed),
            state_->failures.load(std::memory_order_relaxed)};
}

}  // namespace gw::proxy
