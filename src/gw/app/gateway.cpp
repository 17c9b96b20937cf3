#include "gw/app/gateway.hpp"

#include "gw/app/gateway_handler.hpp"
#include "gw/app/metrics_endpoint.hpp"
#include "gw/base/headers.hpp"
#include "gw/base/log.hpp"
#include "gw/config/load.hpp"
#include "gw/exporter/exporter_config.hpp"
#include "gw/exporter/make_exporter.hpp"
#include "gw/http/server.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/net/tls_context.hpp"
#include "gw/net/worker_pool.hpp"
#include "gw/proxy/llm_proxy.hpp"
#include "gw/proxy/model_metrics_feed.hpp"
#include "gw/proxy/route_selector.hpp"
#include "gw/session/session_cache_factory.hpp"
#include "gw/state/store_factory.hpp"
#include "gw/telemetry/request_metrics.hpp"
#include "gw/telemetry/tracer.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gw::app {
namespace {

// Whether a user-configured upstream is reached over https: a provider (an explicit https
// base_url, or a built-in endpoint) or a model metrics source (the public catalogues are https).
// The internal providers are left out: every config gets arch-function, few ever call it.
bool configured_upstream_uses_tls(const config::Config& config) {
    const bool providers =
        std::any_of(config.model_providers.begin(), config.model_providers.end(),
                    [](const config::ModelProvider& p) {
                        return !p.internal && (!p.base_url || istarts_with(*p.base_url, "https:"));
                    });
    const auto& sources = config.model_metrics_sources;
    const bool cost =
        sources.cost && (!sources.cost->url || istarts_with(*sources.cost->url, "https:"));
    const bool latency = sources.latency && istarts_with(sources.latency->url, "https:");
    return providers || cost || latency;
}

// The upstream TLS context is built by the first https connect (net::ClientTls says why), except
// when the config itself needs https: then at startup, so that a bad CA bundle stops the start
// and the first request does not pay for loading the CA store.
Result<std::shared_ptr<const net::ClientTls>> upstream_tls(const config::Config& config) {
    auto tls = std::make_shared<const net::ClientTls>(config.overrides.upstream_tls_ca_path);
    if (configured_upstream_uses_tls(config) || config.overrides.upstream_tls_ca_path) {
        if (auto built = tls->context(); !built) return built.error();
    }
    return tls;
}

http::ServerOptions server_options(const config::Listener& listener,
                                   const config::Overrides& overrides) {
    http::ServerOptions options;
    options.address = listener.address;
    options.port = listener.port;
    options.max_body_bytes = overrides.max_request_body_bytes;
    options.max_header_bytes = overrides.max_request_header_bytes;
    options.max_connections = overrides.max_connections;
    options.idle_timeout = overrides.client_idle_timeout;
    return options;
}

Result<std::unique_ptr<exporter::Exporter>> make_span_exporter(const config::Tracing& tracing) {
    std::map<std::string, std::string> env;
    for (const auto& [key, value] : config::process_environment()) env.emplace(key, value);
    auto settings = exporter::resolve_exporter_settings(tracing.opentracing_grpc_endpoint, env);
    if (!settings) return settings.error();
    auto made = exporter::make_exporter(*settings);
    if (!made) return made.error();
    log::info("exporting spans to {}", settings->endpoint);
    return std::move(*made);
}

session::SessionCacheSettings session_cache_settings(const config::Config& config) {
    const config::SessionCacheConfig& cache = config.routing.session_cache;
    session::SessionCacheSettings out;
    out.type = cache.type == config::SessionCacheType::Redis
                   ? session::SessionCacheSettings::Type::Redis
                   : session::SessionCacheSettings::Type::Memory;
    out.url = cache.url;
    out.max_entries = config.routing.session_max_entries;
    out.tls_ca_file = config.overrides.upstream_tls_ca_path;
    return out;
}

proxy::RoutingSettings routing_settings(const config::Config& config,
                                        const proxy::ProxySettings& proxy) {
    return {config.routing_preferences,
            config.routing,
            {config.overrides.router_model(),
             config.overrides.orchestrator_model_context_length,
             {proxy.connect_timeout, proxy.upstream_timeout}}};
}

}  // namespace

struct Gateway::Impl {
    std::shared_ptr<const config::Config> config;
    // Before the workers: request coroutines still pending when the workers are torn down
    // record into it as their frames are destroyed.
    std::unique_ptr<telemetry::RequestMetrics> metrics;
    // Responses conversation state (state_storage; null when not configured). Before the workers
    // too: pending loads complete onto worker executors.
    std::unique_ptr<state::ConversationStore> conversations;
    std::unique_ptr<net::WorkerPool> workers;
    std::vector<std::unique_ptr<http::UpstreamClient>> upstreams;
    // After the workers: its Redis clients live on their io_contexts (destroyed first).
    session::SessionCacheBackend sessions;
    // Prices and latencies for ranking; null without model_metrics_sources. Stopped before the
    // workers, destroyed before them (it posts to worker 0).
    std::unique_ptr<proxy::ModelMetricsFeed> metrics_feed;
    std::unique_ptr<exporter::Exporter> exporter;  // owned when the config asks for export
    std::unique_ptr<telemetry::Tracer> tracer;
    std::optional<providers::ProviderTable> providers;
    proxy::RoutingMetrics routing_metrics;
    std::unique_ptr<proxy::RouteSelector> router;
    std::unique_ptr<proxy::LlmProxy> proxy;
    std::unique_ptr<proxy::RoutingApi> routing_api;
    std::unique_ptr<MetricsEndpoint> metrics_endpoint;
    std::unique_ptr<GatewayHandler> handler;
    std::unique_ptr<http::HttpServer> server;
    uint16_t port = 0;
};

namespace {

void render_feed(telemetry::PrometheusText& out, const proxy::ModelMetricsFeed::Stats& stats) {
    using telemetry::MetricType;
    out.single("plano_model_metrics_fetches_total", MetricType::Counter,
               "Fetches of model_metrics_sources (prices, latencies).", stats.fetches);
    out.single("plano_model_metrics_fetch_failures_total", MetricType::Counter,
               "Fetches of model_metrics_sources that failed; the previous data stays in use.",
               stats.failures);
}

}  // namespace

Gateway::Gateway(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Gateway::~Gateway() {
    if (impl_->metrics_feed) impl_->metrics_feed->stop();
    if (impl_->workers) {
        impl_->workers->stop();
        impl_->workers->join();
    }
}

Result<std::unique_ptr<Gateway>> Gateway::create(std::shared_ptr<const config::Config> config,
                                                 GatewayOptions options) {
    const config::Listener* listener = config->model_listener();
    if (!listener) return Error::invalid("the config has no model listener");
    auto table = providers::ProviderTable::build(*config);
    if (!table) return table.error();
    auto tls = upstream_tls(*config);
    if (!tls) return tls.error();

    auto impl = std::make_unique<Impl>();
    impl->config = config;
    impl->workers = std::make_unique<net::WorkerPool>(
        static_cast<std::size_t>(std::max(0, config->overrides.worker_threads)));
    impl->metrics = std::make_unique<telemetry::RequestMetrics>(impl->workers->size());
    std::vector<http::UpstreamClient*> pools;
    for (std::size_t i = 0; i < impl->workers->size(); ++i) {
        impl->upstreams.push_back(std::make_unique<http::UpstreamClient>(
            impl->workers->context(i), *tls, http::PoolOptions{}));
        pools.push_back(impl->upstreams.back().get());
    }
    proxy::ProxySettings settings{
        config->overrides.upstream_connect_timeout,
        listener->timeout,
        {listener->max_retries.value_or(0), config->overrides.retry_backoff_base,
         config->overrides.retry_backoff_max}};
    telemetry::SpanSink* sink = options.span_sink;
    if (!sink && config->tracing && config->tracing->random_sampling > 0) {
        auto made = make_span_exporter(*config->tracing);
        if (!made) return made.error();
        impl->exporter = std::move(*made);
        sink = impl->exporter.get();
    }
    impl->tracer = std::make_unique<telemetry::Tracer>(config->tracing, sink);
    if (config->state_storage) {
        auto store = state::make_conversation_store(*config->state_storage);
        if (!store) return store.error();
        impl->conversations = std::move(*store);
    }
    auto sessions = session::make_session_cache(session_cache_settings(*config), *impl->workers);
    if (!sessions) return sessions.error();
    impl->sessions = std::move(*sessions);
    impl->providers.emplace(std::move(*table));
    proxy::MetricsSnapshot metrics_snapshot;
    const auto& sources = config->model_metrics_sources;
    if (sources.cost || sources.latency) {
        impl->metrics_feed = std::make_unique<proxy::ModelMetricsFeed>(
            sources, impl->workers->context(0), *impl->upstreams[0]);
        metrics_snapshot = [feed = impl->metrics_feed.get()] { return feed->current(); };
    }
    impl->router = std::make_unique<proxy::RouteSelector>(
        *impl->providers, routing_settings(*config, settings), pools, impl->sessions.cache.get(),
        std::move(metrics_snapshot), &impl->routing_metrics);
    impl->proxy = std::make_unique<proxy::LlmProxy>(*impl->providers, *impl->router, settings,
                                                    std::move(pools), *impl->tracer, *impl->metrics,
                                                    impl->conversations.get());
    impl->routing_api = std::make_unique<proxy::RoutingApi>(*impl->router, *impl->tracer);
    impl->metrics_endpoint = std::make_unique<MetricsEndpoint>(
        *impl->metrics, impl->exporter.get(), GW_VERSION,
        // Routing, sessions and the model metrics feed.
        [state = impl.get()](telemetry::PrometheusText& out) {
            state->routing_metrics.render(out, state->sessions.cache.get());
            if (state->metrics_feed) render_feed(out, state->metrics_feed->stats());
        });
    impl->handler = std::make_unique<GatewayHandler>(*impl->proxy, *impl->routing_api,
                                                     *impl->metrics, *impl->metrics_endpoint);
    impl->server = std::make_unique<http::HttpServer>(
        *impl->workers, server_options(*listener, config->overrides), *impl->handler);
    return std::unique_ptr<Gateway>(new Gateway(std::move(impl)));
}

Result<uint16_t> Gateway::start() {
    auto port = impl_->server->start();
    if (!port) return port.error();
    impl_->port = *port;
    if (impl_->exporter) impl_->exporter->start();
    impl_->workers->start();
    // The reference ranks with fetched metrics from the first request on; a dead catalogue
    // delays the start by this much at most.
    if (impl_->metrics_feed) impl_->metrics_feed->start(std::chrono::seconds(5));
    return *port;
}

bool Gateway::shutdown(std::chrono::milliseconds drain_timeout) {
    impl_->server->begin_drain();
    auto deadline = std::chrono::steady_clock::now() + drain_timeout;
    // Polling a counter keeps the workers free of any shutdown bookkeeping on the hot path.
    while (impl_->server->open_connections() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    bool drained = impl_->server->open_connections() == 0;
    if (!drained) {
        log::warn("drain timeout: closing {} connections", impl_->server->open_connections());
    }
    if (impl_->metrics_feed) impl_->metrics_feed->stop();
    impl_->workers->stop();
    impl_->workers->join();
    // Spans of the drained requests are in the queue now: give them a bounded chance to leave.
    if (impl_->exporter) {
        impl_->exporter->shutdown(std::chrono::steady_clock::now() + std::chrono::seconds(5));
    }
    return drained;
}

uint16_t Gateway::port() const { return impl_->port; }

}  // namespace gw::app
