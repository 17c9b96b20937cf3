#pragma once
// The model-listener data path: parse the client request, choose its model (alias, routing),
// build the upstream request (auth, path, model, translation), forward it and relay the answer
// as it arrives — retrying the same provider and then falling back along the route's models
// while nothing has reached the client.

#include "gw/http/response_writer.hpp"
#include "gw/http/server_request.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/json/request_scan.hpp"
#include "gw/llm/api.hpp"
#include "gw/providers/provider_table.hpp"
#include "gw/providers/upstream_plan.hpp"
#include "gw/proxy/conversation_capture.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/llm_span.hpp"
#include "gw/proxy/retry_policy.hpp"
#include "gw/proxy/route_selector.hpp"
#include "gw/proxy/upstream_attempt.hpp"
#include "gw/state/conversation_store.hpp"
#include "gw/telemetry/request_metrics.hpp"
#include "gw/telemetry/tracer.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace gw::proxy {

struct ProxySettings {
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
    // Listener `timeout`: the provider must answer, and never stay silent, longer than this.
    std::chrono::milliseconds upstream_timeout{std::chrono::seconds(300)};
    RetryPolicy retry;
};

class LlmProxy {
  public:
    // `upstreams[i]` is the connection pool of worker i; it, `table`, `router`, `tracer`,
    // `metrics` (one shard per worker) and `conversations` (null: `state_storage` not
    // configured) must outlive the proxy.
    LlmProxy(const providers::ProviderTable& table, const RouteSelector& router,
             ProxySettings settings, std::vector<http::UpstreamClient*> upstreams,
             const telemetry::Tracer& tracer, telemetry::RequestMetrics& metrics,
             state::ConversationStore* conversations);

    boost::asio::awaitable<void> serve(http::ServerRequest& request, http::ResponseWriter& response,
                                       std::size_t worker, llm::ApiFormat client_api);

    [[nodiscard]] const providers::ProviderTable& providers() const { return table_; }

  private:
    struct Request;  // what serve() knows about the client request
    // A candidate model's provider and upstream plan (API, path, auth), or why it cannot serve.
    struct Target {
        std::string provider_name;
        providers::UpstreamPlan plan;
    };
    std::variant<ErrorReply, Target> plan_target(std::string_view model, const Request& request,
                                                 LlmSpanRecorder& span) const;
    // The upstream request of `target`: the body passed through or translated.
    std::variant<ErrorReply, PlannedCall> build_call(Target target, const Request& request,
                                                     LlmSpanRecorder& span) const;
    // A Responses client of a provider without Responses state: loads the history of
    // previous_response_id. Returns false when the client was answered with an error (409).
    boost::asio::awaitable<bool> resume_conversation(llm::ApiFormat upstream_api, Request& request,
                                                     http::ResponseWriter& out,
                                                     LlmSpanRecorder& span);
    // Tries `models` in order until one answers; the last failure goes to the client. Returns
    // the outcome of the attempt that answered the client, if a provider did.
    boost::asio::awaitable<std::optional<telemetry::UpstreamOutcome>> forward(
        const std::vector<std::string>& models, Request& request, http::ResponseWriter& out,
        LlmSpanRecorder& span);
    // Up to 1 + max_retries attempts on one provider. Returns whether the client was answered
    // (by the provider, with `answered` set, or with an error).
    boost::asio::awaitable<bool> try_provider(PlannedCall planned, bool last_candidate,
                                              Request& request, http::ResponseWriter& out,
                                              LlmSpanRecorder& span,
                                              std::optional<telemetry::UpstreamOutcome>& answered);

    const providers::ProviderTable& table_;
    const RouteSelector& router_;
    ProxySettings settings_;
    std::vector<http::UpstreamClient*> upstreams_;
    const telemetry::Tracer& tracer_;
    telemetry::RequestMetrics& metrics_;
    state::ConversationStore* conversations_;
};

}  // namespace gw::proxy
